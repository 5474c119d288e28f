package io.tributary.protocol.internal;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC-32C (Castagnoli) over a region of a {@link ByteBuf}, via the JIT-intrinsic {@link CRC32C}. Stateless and
 * thread-safe.
 */
public final class Crc32c {
    private Crc32c() {
    }

    /** The unsigned CRC-32C of {@code length} bytes from {@code index}, as an int; no index of the buffer moves. */
    public static int compute(ByteBuf buf, int index, int length) {
        CRC32C crc = new CRC32C();
        if (buf.hasArray()) {
            crc.update(buf.array(), buf.arrayOffset() + index, length);
        } else if (buf.nioBufferCount() == 1) {
            crc.update(buf.nioBuffer(index, length));
        } else {
            for (ByteBuffer part : buf.nioBuffers(index, length)) {
                crc.update(part);
            }
        }
        return (int) crc.getValue();
    }
}
