package io.tributary.serdes.avro;

import io.tributary.common.Header;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.Serializer;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
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

    /** A schema ready to write under a topic: its id and writer. The last one used is kept for a fast path. */
    private record Ready(String topic, Schema schema, int id, GenericDatumWriter<Object> writer) {
    }

    private final SchemaRegistryClient registry;
    private final RegistrySerdeOptions options;
    private final Map<Resolved, Ready> ready = new ConcurrentHashMap<>();
    private volatile @Nullable Ready last;

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
        Ready r = last;
        // same topic and schema instance as the previous record: skips the subject name and the schema's hash
        if (r == null || r.schema() != schema || !r.topic().equals(topic)) {
            r = ready.get(new Resolved(options.subject(topic, schema.getFullName()), schema));
            if (r == null) {
                throw new SerializationException("the schema " + schema.getFullName() + " for " + topic + " is not "
                    + "resolved yet: serialize it with serializeAsync first");
            }
            last = r;
        }
        return AvroCodec.encode(r.writer(), schema, data, topic, r.id());
    }

    @Override
    public Mono<byte[]> serializeAsync(String topic, List<Header> headers, @Nullable T data) {
        if (data == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            Schema schema = schemaOf(data, topic);
            Resolved key = new Resolved(options.subject(topic, schema.getFullName()), schema);
            Ready known = ready.get(key);
            Mono<Ready> resolved = known != null ? Mono.just(known)
                : (options.autoRegister() ? registry.register(key.subject(), "AVRO", schema.toString())
                    : registry.lookup(key.subject(), "AVRO", schema.toString()))
                    .map(id -> ready.computeIfAbsent(key,
                        k -> new Ready(topic, schema, id, AvroCodec.writer(schema, data))));
            return resolved.map(r -> AvroCodec.encode(r.writer(), schema, data, topic, r.id()));
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
