package io.tributary.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.tributary.protocol.internal.RecordsCollector;
import java.util.function.Consumer;
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
        return join(alloc, encodeRequestParts(alloc, body, version, correlationId, clientId));
    }

    /**
     * Encodes a whole response frame: size, header of the right version, body. Large record sets of a Fetch response
     * are referenced by the returned buffer (retained), not copied; releasing the frame releases them.
     */
    public static ByteBuf encodeResponse(ByteBufAllocator alloc, ApiMessage body, short version, int correlationId) {
        return join(alloc, encodeResponseParts(alloc, body, version, correlationId));
    }

    /**
     * Encodes a request frame as buffers to write in order, with large record sets referenced between them rather
     * than copied (what a network layer wants: one gathering write, no composite buffer). Each part is released
     * once, by writing it or explicitly.
     */
    public static ByteBuf[] encodeRequestParts(ByteBufAllocator alloc, ApiMessage body, short version,
                                               int correlationId, String clientId) {
        return encode(alloc, body, version,
            out -> RequestHeaders.writeRequestHeader(out, body.apiKey(), version, correlationId, clientId));
    }

    /** Encodes a response frame as buffers to write in order; see {@link #encodeRequestParts}. */
    public static ByteBuf[] encodeResponseParts(ByteBufAllocator alloc, ApiMessage body, short version,
                                                int correlationId) {
        return encode(alloc, body, version,
            out -> RequestHeaders.writeResponseHeader(out, body.apiKey(), version, correlationId));
    }

    private static ByteBuf[] encode(ByteBufAllocator alloc, ApiMessage body, short version,
                                    Consumer<ByteBuf> header) {
        ByteBuf out = alloc.buffer(INITIAL_FRAME_BYTES);
        RecordsCollector records = RecordsCollector.begin(out);
        try {
            out.writeInt(0);
            header.accept(out);
            body.write(out, version);
            return finish(records);
        } catch (RuntimeException e) {
            records.end();
            release(records.parts());
            throw e;
        }
    }

    private static ByteBuf[] finish(RecordsCollector records) {
        records.end();
        ByteBuf[] parts = records.parts();
        long size = -4;
        for (ByteBuf p : parts) {
            size += p.readableBytes();
        }
        // The first part starts with the frame's own size field.
        parts[0].setInt(parts[0].readerIndex(), (int) size);
        return parts;
    }

    private static ByteBuf join(ByteBufAllocator alloc, ByteBuf[] parts) {
        if (parts.length == 1) {
            return parts[0];
        }
        CompositeByteBuf frame = alloc.compositeBuffer(parts.length);
        frame.addComponents(true, parts);
        return frame;
    }

    private static void release(ByteBuf[] parts) {
        for (ByteBuf p : parts) {
            p.release();
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
