package io.tributary.streams.internal.state;

import io.tributary.common.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Record headers as a store keeps them in its changelog values: an int32 count, then per header its key (int16 length
 * and UTF-8) and value ({@link #writeNullable}). Stateless.
 */
final class HeaderBytes {
    private HeaderBytes() {
    }

    /** How many bytes {@link #write} takes for {@code headers}. */
    static int size(List<Header> headers) {
        int size = Integer.BYTES;
        for (Header h : headers) {
            byte[] value = h.value();
            size += Short.BYTES + h.key().getBytes(StandardCharsets.UTF_8).length + Integer.BYTES
                + (value == null ? 0 : value.length);
        }
        return size;
    }

    static void write(ByteBuffer out, List<Header> headers) {
        out.putInt(headers.size());
        for (Header h : headers) {
            byte[] key = h.key().getBytes(StandardCharsets.UTF_8);
            out.putShort((short) key.length).put(key);
            writeNullable(out, h.value());
        }
    }

    /** Bytes that may be null: an int32 length (-1 for null), then the bytes. */
    static void writeNullable(ByteBuffer out, byte @Nullable [] bytes) {
        if (bytes == null) {
            out.putInt(-1);
        } else {
            out.putInt(bytes.length).put(bytes);
        }
    }

    /** What {@link #writeNullable} wrote. */
    static byte @Nullable [] readNullable(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    static List<Header> read(ByteBuffer in) {
        int count = in.getInt();
        if (count == 0) {
            return List.of();
        }
        List<Header> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[in.getShort() & 0xffff];
            in.get(key);
            headers.add(new Header(new String(key, StandardCharsets.UTF_8), readNullable(in)));
        }
        return List.copyOf(headers);
    }
}
