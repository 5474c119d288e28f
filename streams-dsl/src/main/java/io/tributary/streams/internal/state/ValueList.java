package io.tributary.streams.internal.state;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a list of values, as the outer join buffers keep and log a slot's values: each value as a 4-byte
 * length and its bytes, in arrival order. Stateless.
 */
final class ValueList {
    private ValueList() {
    }

    static byte[] encode(List<byte[]> values) {
        int size = values.stream().mapToInt(v -> v.length + 4).sum();
        ByteBuffer b = ByteBuffer.allocate(size);
        values.forEach(v -> b.putInt(v.length).put(v));
        return b.array();
    }

    /** {@code encoded} (null: the empty list) with {@code value} appended, without decoding it. */
    static byte[] append(byte @org.jspecify.annotations.Nullable [] encoded, byte[] value) {
        int before = encoded == null ? 0 : encoded.length;
        ByteBuffer b = ByteBuffer.allocate(before + 4 + value.length);
        if (encoded != null) {
            b.put(encoded);
        }
        return b.putInt(value.length).put(value).array();
    }

    static List<byte[]> decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        List<byte[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            byte[] v = new byte[b.getInt()];
            b.get(v);
            out.add(v);
        }
        return List.copyOf(out);
    }
}
