package io.tributary.serdes.json;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.tributary.common.Header;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.Serializer;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.WireFormat;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Writes JSON in the registry wire format under a given JSON Schema, registered (or looked up) once per subject.
 * The value is not validated against the schema here; the registry checks the schema's compatibility. Thread-safe.
 */
final class RegistryJsonSerializer<T> implements Serializer<T> {
    private final SchemaRegistryClient registry;
    private final RegistrySerdeOptions options;
    private final String schema;
    private final String recordName;
    private final ObjectWriter writer;
    private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();

    RegistryJsonSerializer(SchemaRegistryClient registry, RegistrySerdeOptions options, String schema,
                           String recordName, ObjectWriter writer) {
        this.registry = registry;
        this.options = options;
        this.schema = schema;
        this.recordName = recordName;
        this.writer = writer;
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable T data) {
        if (data == null) {
            return null;
        }
        Integer id = idsBySubject.get(options.subject(topic, recordName));
        if (id == null) {
            throw new SerializationException("the JSON schema for " + topic + " is not resolved yet: serialize with "
                + "serializeAsync first");
        }
        return frame(id, data, topic);
    }

    @Override
    public Mono<byte[]> serializeAsync(String topic, List<Header> headers, @Nullable T data) {
        if (data == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            String subject = options.subject(topic, recordName);
            Integer known = idsBySubject.get(subject);
            Mono<Integer> id = known != null ? Mono.just(known)
                : (options.autoRegister() ? registry.register(subject, "JSON", schema)
                    : registry.lookup(subject, "JSON", schema))
                    .doOnNext(resolved -> idsBySubject.put(subject, resolved));
            return id.map(resolved -> frame(resolved, data, topic));
        });
    }

    private byte[] frame(int id, T data, String topic) {
        try {
            return WireFormat.frame(id, writer.writeValueAsBytes(data));
        } catch (IOException e) {
            throw new SerializationException("cannot write JSON for " + topic + ": " + e.getMessage(), e);
        }
    }
}
