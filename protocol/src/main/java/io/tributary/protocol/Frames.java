package io.tributary.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * Size-prefixed frames (PROTOCOL.md 1.2): an {@code int32} byte count, then header and body. Encoding builds a whole
 * frame in one buffer; decoding checks the declared size against a limit before anything is allocated. Stateless
 * and thread-safe.
 *
 * @since 0.1
 */
public final class Frames {
    /** Kafka's default {@code socket.request.max.bytes}. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 104_857_600;

    private Frames() {
    }

    /** Encodes a whole request frame: size, header of the right version, body. */
    public static ByteBuf encodeRequest(ByteBufAllocator alloc, ApiMessage body, short version, int correlationId,
                                        String clientId) {
        ByteBuf out = alloc.buffer();
        try {
            out.writeInt(0);
            RequestHeaders.writeRequestHeader(out, body.apiKey(), version, correlationId, clientId);
            body.write(out, version);
            out.setInt(0, out.readableBytes() - 4);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Encodes a whole response frame: size, header of the right version, body. */
    public static ByteBuf encodeResponse(ByteBufAllocator alloc, ApiMessage body, short version, int correlationId) {
        ByteBuf out = alloc.buffer();
        try {
            out.writeInt(0);
            RequestHeaders.writeResponseHeader(out, body.apiKey(), version, correlationId);
            body.write(out, version);
            out.setInt(0, out.readableBytes() - 4);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /**
     * Takes the next complete frame from {@code in} as a slice (without its size prefix), or returns {@code null}
     * and leaves {@code in} untouched when the frame has not fully arrived.
     *
     * @throws FrameTooLargeException if the declared size is negative or above {@code maxFrameBytes}
     */
    public static @Nullable ByteBuf readFrame(ByteBuf in, int maxFrameBytes) {
        if (in.readableBytes() < 4) {
            return null;
        }
        int size = in.getInt(in.readerIndex());
        if (size < 0 || size > maxFrameBytes) {
            throw new FrameTooLargeException(size, maxFrameBytes);
        }
        if (in.readableBytes() < 4 + size) {
            return null;
        }
        in.skipBytes(4);
        return in.readSlice(size);
    }
}
