package io.tributary.client.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.jspecify.annotations.Nullable;

/**
 * Splits a broker's byte stream into Kafka's size-prefixed response frames (the 4-byte size stripped), each read into
 * a heap array of exactly its size, as kafka-clients does. Why not Netty's {@code LengthFieldBasedFrameDecoder}: it
 * gathers a large frame (a 1 MiB Fetch response) in a pooled buffer that grows by doubling, copying what it holds at
 * each step, and the records then had to be copied out again to outlive the frame's release. Here every byte is
 * copied once, and {@link #detached(ByteBuf)} gives the records a view of the same array. The array of a frame is
 * allocated when its size is read, bounded by {@code maxFrameBytes}. One per channel, on its event loop.
 */
final class FrameDecoder extends ChannelInboundHandlerAdapter {
    private static final int SIZE_BYTES = 4;

    private final int maxFrameBytes;
    private int size;
    private int sizeBytesRead;
    private byte @Nullable [] frame;
    private int filled;
    private boolean failed;

    FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * A buffer with the readable bytes of {@code slice} that stays valid after the frame it was cut from is released:
     * a view of the frame's array when it has one (frames of this decoder do), otherwise a copy.
     */
    static ByteBuf detached(ByteBuf slice) {
        if (slice.hasArray()) {
            return Unpooled.wrappedBuffer(slice.array(), slice.arrayOffset() + slice.readerIndex(),
                slice.readableBytes());
        }
        return Unpooled.copiedBuffer(slice);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (!failed && in.isReadable()) {
                byte[] target = frame;
                if (target == null) {
                    target = startFrame(in);
                    if (target == null) {
                        return;
                    }
                }
                int n = Math.min(target.length - filled, in.readableBytes());
                in.readBytes(target, filled, n);
                filled += n;
                if (filled == target.length) {
                    frame = null;
                    ctx.fireChannelRead(Unpooled.wrappedBuffer(target));
                }
            }
        } finally {
            in.release();
        }
    }

    /** Reads (the rest of) a frame's size; returns the frame's array once the size is complete, else null. */
    private byte @Nullable [] startFrame(ByteBuf in) {
        while (sizeBytesRead < SIZE_BYTES && in.isReadable()) {
            size = (size << 8) | in.readUnsignedByte();
            sizeBytesRead++;
        }
        if (sizeBytesRead < SIZE_BYTES) {
            return null;
        }
        int announced = size;
        size = 0;
        sizeBytesRead = 0;
        if (announced < 0) {
            failed = true;
            throw new CorruptedFrameException("the broker sent a frame of negative size " + announced);
        }
        if (announced > maxFrameBytes) {
            failed = true;
            throw new TooLongFrameException("the broker sent a frame of " + announced + " bytes, more than "
                + "max.response.bytes (" + maxFrameBytes + ")");
        }
        byte[] target = new byte[announced];
        frame = target;
        filled = 0;
        return target;
    }
}
