package io.tributary.serdes;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The built-in formats. Numbers use Kafka's encodings (big-endian two's complement for integers, IEEE 754 bits for
 * floating point), and UUIDs its text form, so data written by kafka-clients' serializers reads back and the other
 * way round. Null always maps to null. Every serde here is stateless and thread-safe.
 *
 * @since 0.1
 */
public final class Serdes {
    private static final Serde<String> UTF8 = string(StandardCharsets.UTF_8);
    private static final Serde<byte[]> BYTE_ARRAY = Serde.of((topic, data) -> data, (topic, data) -> data);
    private static final Serde<ByteBuffer> BYTE_BUFFER = Serde.of(Serdes::bytesOf,
        (topic, data) -> data == null ? null : ByteBuffer.wrap(data));
    private static final Serde<Short> SHORT = Serde.of(
        (topic, v) -> v == null ? null : ByteBuffer.allocate(2).putShort(v).array(),
        (topic, data) -> data == null ? null : sized(data, 2, "Short").getShort());
    private static final Serde<Integer> INTEGER = Serde.of(
        (topic, v) -> v == null ? null : ByteBuffer.allocate(4).putInt(v).array(),
        (topic, data) -> data == null ? null : sized(data, 4, "Integer").getInt());
    private static final Serde<Long> LONG = Serde.of(
        (topic, v) -> v == null ? null : ByteBuffer.allocate(8).putLong(v).array(),
        (topic, data) -> data == null ? null : sized(data, 8, "Long").getLong());
    private static final Serde<Float> FLOAT = Serde.of(
        (topic, v) -> v == null ? null : ByteBuffer.allocate(4).putFloat(v).array(),
        (topic, data) -> data == null ? null : sized(data, 4, "Float").getFloat());
    private static final Serde<Double> DOUBLE = Serde.of(
        (topic, v) -> v == null ? null : ByteBuffer.allocate(8).putDouble(v).array(),
        (topic, data) -> data == null ? null : sized(data, 8, "Double").getDouble());
    private static final Serde<UUID> UUIDS = Serde.of(
        (topic, v) -> v == null ? null : v.toString().getBytes(StandardCharsets.UTF_8),
        Serdes::uuidOf);
    private static final Serde<Void> VOID = Serde.of((topic, v) -> null, Serdes::nothing);

    private Serdes() {
    }

    /** UTF-8 text. */
    public static Serde<String> string() {
        return UTF8;
    }

    /** Text in {@code charset}. */
    public static Serde<String> string(Charset charset) {
        requireNonNull(charset, "charset");
        return Serde.of((topic, v) -> v == null ? null : v.getBytes(charset),
            (topic, data) -> data == null ? null : new String(data, charset));
    }

    /** The bytes as they are; arrays are passed through, not copied. */
    public static Serde<byte[]> byteArray() {
        return BYTE_ARRAY;
    }

    /** The remaining bytes of a buffer (its position is left alone); deserializes to a buffer over the array. */
    public static Serde<ByteBuffer> byteBuffer() {
        return BYTE_BUFFER;
    }

    /** 2 bytes, big-endian. */
    public static Serde<Short> shortSerde() {
        return SHORT;
    }

    /** 4 bytes, big-endian. */
    public static Serde<Integer> integer() {
        return INTEGER;
    }

    /** 8 bytes, big-endian. */
    public static Serde<Long> longSerde() {
        return LONG;
    }

    /** 4 bytes: the IEEE 754 bits, big-endian. */
    public static Serde<Float> floatSerde() {
        return FLOAT;
    }

    /** 8 bytes: the IEEE 754 bits, big-endian. */
    public static Serde<Double> doubleSerde() {
        return DOUBLE;
    }

    /** The UUID's 36-character text, as kafka-clients writes it. */
    public static Serde<UUID> uuid() {
        return UUIDS;
    }

    /** Always null: for keys or values that must be absent. Non-null bytes fail to deserialize. */
    public static Serde<Void> voidSerde() {
        return VOID;
    }

    private static byte @Nullable [] bytesOf(String topic, @Nullable ByteBuffer v) {
        if (v == null) {
            return null;
        }
        byte[] out = new byte[v.remaining()];
        v.duplicate().get(out);
        return out;
    }

    private static ByteBuffer sized(byte[] data, int size, String type) {
        if (data.length != size) {
            throw new SerializationException("a " + type + " is " + size + " bytes, got " + data.length);
        }
        return ByteBuffer.wrap(data);
    }

    private static @Nullable UUID uuidOf(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("not a UUID in " + topic + ": " + text, e);
        }
    }

    private static @Nullable Void nothing(String topic, byte @Nullable [] data) {
        if (data != null) {
            throw new SerializationException("expected no data (Void) in " + topic + ", got " + data.length
                + " bytes");
        }
        return null;
    }
}
