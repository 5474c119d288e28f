package io.tributary.broker.internal.network;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.util.ReferenceCounted;

/**
 * A file region on its way through Reactor Netty's send path, which silently drops bare {@link FileRegion}s it is
 * given among other messages (it treats them as empty). {@link Unwrap}, last in the pipeline, hands the region itself
 * to the transport, which sends it with {@code sendfile}. Reference counting goes to the region.
 */
record RegionWrite(FileRegion region) implements ReferenceCounted {
    static final String HANDLER_NAME = "regionWrites";

    @Override
    public int refCnt() {
        return region.refCnt();
    }

    @Override
    public ReferenceCounted retain() {
        region.retain();
        return this;
    }

    @Override
    public ReferenceCounted retain(int increment) {
        region.retain(increment);
        return this;
    }

    @Override
    public ReferenceCounted touch() {
        region.touch();
        return this;
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        region.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return region.release();
    }

    @Override
    public boolean release(int decrement) {
        return region.release(decrement);
    }

    /** Writes the region of each {@link RegionWrite}; passes everything else on unchanged. */
    static final class Unwrap extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ctx.write(msg instanceof RegionWrite w ? w.region() : msg, promise);
        }
    }
}
