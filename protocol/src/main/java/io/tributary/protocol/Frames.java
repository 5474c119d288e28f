package io.tributary.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.protocol.internal.RecordsCollector;
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
    /** Room for the header and the non-record fields of most messages, so that encoding rarely regrows. */
    private static final int INITIAL_FRAME_BYTES = 1024;

    private Frames() {
    }

    /**
     * Encodes a whole request frame: size, header of the right version, body. Large record sets of a Produce request
     * are referenced by the returned buffer (retained), not copied; releasing the frame releases them.
     */
    public static ByteBuf encodeRequest(ByteBufAllocator alloc, ApiMessage body, short version, int correlationId,
                                        String clientId) {
        ByteBuf out = alloc.buffer(INITIAL_FRAME_BYTES);
        RecordsCollector records = RecordsCollector.begin(out);
        try {
            out.writeInt(0);
            RequestHeaders.writeRequestHeader(out, body.apiKey(), version, correlationId, clientId);
            body.write(out, version);
            return finish(alloc, records, out);
        } catch (RuntimeException e) {
            records.end();
            records.assemble(alloc).release();
            throw e;
        }
    }

    /**
     * Encodes a whole response frame: size, header of the right version, body. Large record sets of a Fetch response
     * are referenced by the returned buffer (retained), not copied; releasing the frame releases them.
     */
    public static ByteBuf encodeResponse(ByteBufAllocator alloc, ApiMessage body, short version, int correlationId) {
        ByteBuf out = alloc.buffer(INITIAL_FRAME_BYTES);
        RecordsCollector records = RecordsCollector.begin(out);
        try {
            out.writeInt(0);
            RequestHeaders.writeResponseHeader(out, body.apiKey(), version, correlationId);
            body.write(out, version);
            return finish(alloc, records, out);
        } catch (RuntimeException e) {
            records.end();
            records.assemble(alloc).release();
            throw e;
        }
    }

    private static ByteBuf finish(ByteBufAllocator alloc, RecordsCollector records, ByteBuf out) {
        records.end();
        ByteBuf frame = records.assemble(alloc);
        frame.setInt(0, frame.readableBytes() - 4);
        return frame;
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
