package io.tributary.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.record.InvalidRecordException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A growing unpooled heap buffer that a decompressor writes into and that refuses to grow past a limit, so that a
 * decompression bomb fails with {@link InvalidRecordException} instead of exhausting memory. One per
 * decompression; not thread-safe.
 */
final class BoundedOutput {
    private final String codec;
    private final int max;
    private final ByteBuf buf;

    BoundedOutput(String codec, int compressedSize, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, was " + max);
        }
        this.codec = codec;
        this.max = max;
        long estimate = Math.max(256L, 4L * compressedSize);
        this.buf = Unpooled.buffer((int) Math.min(estimate, max), max);
    }

    /** Bytes written so far. */
    int written() {
        return buf.writerIndex();
    }

    /** Makes room for some more bytes, preferably {@code wanted}; fails if the limit is already reached. */
    void grow(int wanted) {
        int room = max - buf.writerIndex();
        if (room <= 0) {
            throw tooLarge();
        }
        buf.ensureWritable(Math.max(1, Math.min(room, wanted)));
    }

    /** Makes room for exactly {@code length} more bytes; fails if that would pass the limit. */
    void reserve(int length) {
        if ((long) buf.writerIndex() + length > max) {
            throw tooLarge();
        }
        buf.ensureWritable(length);
    }

    /** The writable region as a NIO buffer whose writes land in this output; call {@link #advance} after. */
    ByteBuffer writable() {
        return buf.nioBuffer(buf.writerIndex(), buf.writableBytes());
    }

    /** The backing array, for codecs that only take arrays; write at {@link #arrayOffset()}. */
    byte[] array() {
        return buf.array();
    }

    /** Index in {@link #array()} of the first writable byte. */
    int arrayOffset() {
        return buf.arrayOffset() + buf.writerIndex();
    }

    void advance(int length) {
        buf.writerIndex(buf.writerIndex() + length);
    }

    void write(ByteBuf src, int index, int length) {
        reserve(length);
        buf.writeBytes(src, index, length);
    }

    ByteBuf result() {
        return buf;
    }

    private InvalidRecordException tooLarge() {
        return new InvalidRecordException(codec + " data decompresses to more than the limit of " + max
            + " bytes", false, -1);
    }

    /** A NIO view of {@code src}'s readable bytes that native codecs accept (direct or array-backed). */
    static ByteBuffer readable(ByteBuf src) {
        ByteBuffer nio = src.nioBuffer();
        if (!nio.isDirect() && !nio.hasArray()) {
            nio = ByteBuffer.wrap(ByteBufUtil.getBytes(src));
        }
        return nio.order(ByteOrder.BIG_ENDIAN);
    }
}
