package io.tributary.serdes.registry;

import io.tributary.serdes.SerializationException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Remembers which schema ids a deserializer has confirmed, with the registry, to exist and to be of its schema type,
 * for deserializers that read with their own type and need the writer's schema only as a check. Thread-safe.
 *
 * @since 0.1
 */
public final class SchemaTypeCheck {
    private final SchemaRegistryClient registry;
    private final String type;
    private final Set<Integer> checked = ConcurrentHashMap.newKeySet();

    /** Checks ids against {@code registry} for schemas of {@code type} ({@code JSON}, {@code PROTOBUF}). */
    public SchemaTypeCheck(SchemaRegistryClient registry, String type) {
        this.registry = registry;
        this.type = type;
    }

    /**
     * The schema id of framed {@code data}, which must be checked already.
     *
     * @throws SerializationException if the data is not framed or its id was not checked yet
     */
    public int checkedId(String topic, byte[] data) {
        int id = WireFormat.schemaId(topic, data);
        if (!checked.contains(id)) {
            throw new SerializationException("schema " + id + " for " + topic + " is not fetched yet: deserialize "
                + "with deserializeAsync first");
        }
        return id;
    }

    /** The schema id of framed {@code data}, checked with the registry the first time; errors are signalled. */
    public Mono<Integer> check(String topic, byte[] data) {
        return Mono.defer(() -> {
            int id = WireFormat.schemaId(topic, data);
            if (checked.contains(id)) {
                return Mono.just(id);
            }
            return registry.byId(id).map(registered -> {
                if (!registered.type().equals(type)) {
                    throw new SerializationException("schema " + id + " for " + topic + " is " + registered.type()
                        + ", not " + type);
                }
                checked.add(id);
                return id;
            });
        });
    }
}
