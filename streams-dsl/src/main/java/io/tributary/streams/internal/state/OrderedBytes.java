package io.tributary.streams.internal.state;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Encodings whose unsigned byte order is the order of what they encode, so that composite keys of a
 * {@link BytesStore} sort like the in-memory stores' map keys. Key bytes are escaped ({@code 0x00} becomes
 * {@code 0x00 0xFF}) and end in {@code 0x00 0x00}: a key then sorts before its extensions and the fields after it
 * cannot change the order of two different keys, which raw key bytes followed by a timestamp would. Longs are
 * big-endian with the sign bit flipped, so negative times sort first. Stateless.
 */
final class OrderedBytes {
    /** Bytes of an encoded long. */
    static final int LONG = 8;

    private OrderedBytes() {
    }

    /** {@code key} escaped and terminated. */
    static byte[] escape(byte[] key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(key.length + 2);
        for (byte b : key) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        out.write(0);
        out.write(0);
        return out.toByteArray();
    }

    /** The key escaped from {@code offset} of {@code bytes}; its encoded length is {@link #escapedLength}. */
    static byte[] unescape(byte[] bytes, int offset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length - offset);
        int i = offset;
        while (true) {
            byte b = bytes[i];
            if (b == 0) {
                if (bytes[i + 1] == 0) {
                    return out.toByteArray();
                }
                i++;   // skip the 0xFF that follows an escaped 0x00
            }
            out.write(b);
            i++;
        }
    }

    /** How many bytes the escaped key at {@code offset} takes, terminator included. */
    static int escapedLength(byte[] bytes, int offset) {
        int i = offset;
        while (!(bytes[i] == 0 && bytes[i + 1] == 0)) {
            i += bytes[i] == 0 ? 2 : 1;
        }
        return i + 2 - offset;
    }

    /** {@code value} in ascending order. */
    static long ascending(long value) {
        return value ^ Long.MIN_VALUE;
    }

    /** {@code value} in descending order (its own inverse applied to the stored long). */
    static long descending(long value) {
        return ~(value ^ Long.MIN_VALUE);
    }

    static long readLong(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes, offset, LONG).getLong();
    }

    /** {@code bytes} followed by {@code count} bytes of {@code 0xFF}: above every key that {@code bytes} prefixes. */
    static byte[] upperBound(byte[] bytes, int count) {
        byte[] out = Arrays.copyOf(bytes, bytes.length + count);
        Arrays.fill(out, bytes.length, out.length, (byte) 0xFF);
        return out;
    }
}
