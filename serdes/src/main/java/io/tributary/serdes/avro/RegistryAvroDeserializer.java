package io.tributary.serdes.avro;

import io.tributary.common.Header;
import io.tributary.serdes.Deserializer;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.WireFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Reads Avro records in the registry wire format: the writer's schema comes from the registry by id (cached), and
 * the data is resolved to the reader schema (a specific class's, a given one, or the writer's own), which is how
 * schema evolution works. {@link #deserializeAsync} fetches unknown ids without blocking;
 * {@link #deserialize(String, byte[])} works only for ids already fetched. Thread-safe.
 */
final class RegistryAvroDeserializer<T> implements Deserializer<T> {
    private final SchemaRegistryClient registry;
    private final @Nullable Schema readerSchema;
    private final @Nullable Class<T> specific;
    private final Map<Integer, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();

    RegistryAvroDeserializer(SchemaRegistryClient registry, @Nullable Schema readerSchema,
                             @Nullable Class<T> specific) {
        this.registry = registry;
        this.readerSchema = readerSchema;
        this.specific = specific;
    }

    @Override
    public @Nullable T deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        int id = WireFormat.schemaId(topic, data);
        GenericDatumReader<Object> reader = readers.get(id);
        if (reader == null) {
            throw new SerializationException("schema " + id + " for " + topic + " is not fetched yet: deserialize "
                + "with deserializeAsync first");
        }
        return read(reader, data, topic);
    }

    @Override
    public Mono<T> deserializeAsync(String topic, List<Header> headers, byte @Nullable [] data) {
        if (data == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            int id = WireFormat.schemaId(topic, data);
            GenericDatumReader<Object> known = readers.get(id);
            Mono<GenericDatumReader<Object>> reader = known != null ? Mono.just(known) : registry.byId(id)
                .map(registered -> {
                    if (!registered.type().equals("AVRO")) {
                        throw new SerializationException("schema " + id + " for " + topic + " is "
                            + registered.type() + ", not AVRO");
                    }
                    Schema writer = new Schema.Parser().parse(registered.schema());
                    return readers.computeIfAbsent(id, k -> AvroCodec.reader(writer,
                        readerSchema != null ? readerSchema : writer, specific));
                });
            return reader.map(r -> read(r, data, topic));
        });
    }

    @SuppressWarnings("unchecked")
    private T read(GenericDatumReader<Object> reader, byte[] data, String topic) {
        return (T) AvroCodec.decode(reader, WireFormat.payload(data), topic);
    }
}
