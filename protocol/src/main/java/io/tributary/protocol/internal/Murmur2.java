package io.tributary.protocol.internal;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The 32-bit murmur2 hash that kafka-clients uses to partition keyed records (seed {@code 0x9747b28c}); results
 * equal {@code org.apache.kafka.common.utils.Utils.murmur2}. Stateless and thread-safe.
 */
public final class Murmur2 {
    private static final int SEED = 0x9747b28c;
    private static final int M = 0x5bd1e995;
    private static final int R = 24;
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Murmur2() {
    }

    /** Hash of all of {@code data}. */
    public static int hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** Hash of {@code data[offset, offset + length)}. */
    public static int hash(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int h = SEED ^ length;
        int end = offset + (length & ~3);
        for (int i = offset; i < end; i += 4) {
            h = h * M ^ mix((int) INT_LE.get(data, i));
        }
        int tail = length & 3;
        if (tail == 3) {
            h ^= (data[end + 2] & 0xff) << 16;
        }
        if (tail >= 2) {
            h ^= (data[end + 1] & 0xff) << 8;
        }
        if (tail >= 1) {
            h ^= data[end] & 0xff;
            h *= M;
        }
        return finish(h);
    }

    /** Hash of {@code length} bytes of {@code buf} from {@code index}; no index of the buffer moves. */
    public static int hash(ByteBuf buf, int index, int length) {
        int h = SEED ^ length;
        int end = index + (length & ~3);
        for (int i = index; i < end; i += 4) {
            h = h * M ^ mix(buf.getIntLE(i));
        }
        int tail = length & 3;
        if (tail == 3) {
            h ^= buf.getUnsignedByte(end + 2) << 16;
        }
        if (tail >= 2) {
            h ^= buf.getUnsignedByte(end + 1) << 8;
        }
        if (tail >= 1) {
            h ^= buf.getUnsignedByte(end);
            h *= M;
        }
        return finish(h);
    }

    private static int mix(int k) {
        k *= M;
        k ^= k >>> R;
        return k * M;
    }

    private static int finish(int h) {
        h ^= h >>> 13;
        h *= M;
        return h ^ h >>> 15;
    }
}
