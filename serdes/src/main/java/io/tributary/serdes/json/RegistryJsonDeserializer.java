package io.tributary.serdes.json;

import com.fasterxml.jackson.databind.ObjectReader;
import io.tributary.common.Header;
import io.tributary.serdes.Deserializer;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.SchemaTypeCheck;
import io.tributary.serdes.registry.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Reads JSON in the registry wire format into the reader's type. The schema id is checked against the registry once
 * (cached): an unknown id or a schema that is not JSON is an error. Thread-safe.
 */
final class RegistryJsonDeserializer<T> implements Deserializer<T> {
    private final ObjectReader reader;
    private final SchemaTypeCheck ids;

    RegistryJsonDeserializer(SchemaRegistryClient registry, ObjectReader reader) {
        this.ids = new SchemaTypeCheck(registry, "JSON");
        this.reader = reader;
    }

    @Override
    public @Nullable T deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        ids.checkedId(topic, data);
        return read(data, topic);
    }

    @Override
    public Mono<T> deserializeAsync(String topic, List<Header> headers, byte @Nullable [] data) {
        if (data == null) {
            return Mono.empty();
        }
        return ids.check(topic, data).map(ok -> read(data, topic));
    }

    private T read(byte[] data, String topic) {
        ByteBuffer payload = WireFormat.payload(data);
        try {
            return reader.readValue(payload.array(), payload.arrayOffset() + payload.position(),
                payload.remaining());
        } catch (IOException e) {
            throw new SerializationException("not JSON of the reader's type in " + topic + ": " + e.getMessage(),
                e);
        }
    }
}
