package io.tributary.serdes.protobuf;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tributary.common.Header;
import io.tributary.serdes.Deserializer;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.SchemaTypeCheck;
import io.tributary.serdes.registry.WireFormat;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Reads Protobuf messages in the registry wire format into the reader's type (a generated class or a dynamic
 * message of a given descriptor); Protobuf's own rules resolve differences between writer and reader (unknown
 * fields kept, missing ones default). The schema id is checked against the registry once (cached): an unknown id
 * or a non-Protobuf schema is an error. Thread-safe.
 */
final class RegistryProtobufDeserializer<T> implements Deserializer<T> {
    /** Parses message bytes into the reader's type. */
    @FunctionalInterface
    interface Parse<T> {
        T parse(ByteBuffer bytes) throws InvalidProtocolBufferException;
    }

    private final Parse<T> parse;
    private final SchemaTypeCheck ids;

    RegistryProtobufDeserializer(SchemaRegistryClient registry, Parse<T> parse) {
        this.ids = new SchemaTypeCheck(registry, "PROTOBUF");
        this.parse = parse;
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
        MessageIndexes.read(payload, topic);
        try {
            return parse.parse(payload.slice());
        } catch (InvalidProtocolBufferException e) {
            throw new SerializationException("not a Protobuf message of the reader's type in " + topic + ": "
                + e.getMessage(), e);
        }
    }
}
