package io.tributary.serdes.avro;

import io.tributary.common.Header;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.Serializer;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.WireFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Writes Avro records in the registry wire format: the record's schema is registered (or looked up) under the
 * subject the options name, and its id prefixes the Avro binary. {@link #serializeAsync} resolves ids without
 * blocking; {@link #serialize(String, Object)} works only for schemas already resolved and fails otherwise.
 * Thread-safe.
 */
final class RegistryAvroSerializer<T> implements Serializer<T> {
    private record Resolved(String subject, Schema schema) {
    }

    private final SchemaRegistryClient registry;
    private final RegistrySerdeOptions options;
    private final Map<Resolved, Integer> ids = new ConcurrentHashMap<>();

    RegistryAvroSerializer(SchemaRegistryClient registry, RegistrySerdeOptions options) {
        this.registry = registry;
        this.options = options;
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable T data) {
        if (data == null) {
            return null;
        }
        Schema schema = schemaOf(data, topic);
        Integer id = ids.get(new Resolved(options.subject(topic, schema.getFullName()), schema));
        if (id == null) {
            throw new SerializationException("the schema " + schema.getFullName() + " for " + topic + " is not "
                + "resolved yet: serialize it with serializeAsync first");
        }
        return WireFormat.frame(id, AvroCodec.encode(schema, data, topic));
    }

    @Override
    public Mono<byte[]> serializeAsync(String topic, List<Header> headers, @Nullable T data) {
        if (data == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            Schema schema = schemaOf(data, topic);
            Resolved key = new Resolved(options.subject(topic, schema.getFullName()), schema);
            Integer known = ids.get(key);
            Mono<Integer> id = known != null ? Mono.just(known)
                : (options.autoRegister() ? registry.register(key.subject(), "AVRO", schema.toString())
                    : registry.lookup(key.subject(), "AVRO", schema.toString()))
                    .doOnNext(resolved -> ids.put(key, resolved));
            return id.map(resolved -> WireFormat.frame(resolved, AvroCodec.encode(schema, data, topic)));
        });
    }

    private static Schema schemaOf(Object data, String topic) {
        if (data instanceof GenericContainer container) {
            return container.getSchema();
        }
        throw new SerializationException("an Avro registry serializer writes records (GenericContainer), not "
            + data.getClass().getName() + ", for " + topic);
    }
}
