package io.tributary.protocol.internal;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.netty.buffer.ByteBuf;
import io.tributary.protocol.record.InvalidRecordException;
import java.nio.ByteBuffer;

/**
 * Zstandard frames through zstd-jni, at level 3 (Kafka's default). Compression writes one frame in a single call
 * straight between buffers; decompression streams into a bounded output so that a frame's declared size is never
 * trusted, and accepts concatenated frames. One compression and one decompression context are cached per thread.
 * Thread-safe.
 */
final class ZstdCodec implements CompressionCodec {
    static final ZstdCodec INSTANCE = new ZstdCodec();

    private static final int LEVEL = 3;
    private static final ThreadLocal<ZstdCompressCtx> COMPRESS = ThreadLocal.withInitial(ZstdCompressCtx::new);
    private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESS = ThreadLocal.withInitial(ZstdDecompressCtx::new);

    private ZstdCodec() {
    }

    @Override
    public int maxCompressedLength(int length) {
        return (int) Math.min(Integer.MAX_VALUE - 64, Zstd.compressBound(length));
    }

    @Override
    public void compress(ByteBuf src, ByteBuf dst) {
        ByteBuffer in = BoundedOutput.readable(src);
        ZstdCompressCtx ctx = COMPRESS.get();
        ctx.reset();
        ctx.setLevel(LEVEL);
        boolean done = false;
        while (!done) {
            dst.ensureWritable(Math.max(64, maxCompressedLength(in.remaining())));
            ByteBuffer out = dst.nioBuffer(dst.writerIndex(), dst.writableBytes());
            int first = out.position();
            try {
                done = ctx.compressByteBufferStream(out, in, EndDirective.END);
            } catch (ZstdException e) {
                ctx.reset();
                throw new IllegalStateException("zstd compression failed", e);
            }
            dst.writerIndex(dst.writerIndex() + out.position() - first);
        }
    }

    @Override
    public ByteBuf decompress(ByteBuf src, int maxBytes) {
        BoundedOutput out = new BoundedOutput("zstd", src.readableBytes(), maxBytes);
        if (!src.isReadable()) {
            return out.result();
        }
        ByteBuffer in = BoundedOutput.readable(src);
        int base = in.position();
        ZstdDecompressCtx ctx = DECOMPRESS.get();
        ctx.reset();
        try {
            boolean frameDone = !in.hasRemaining();
            while (!frameDone || in.hasRemaining()) {
                out.grow(Math.max(4096, out.written()));
                ByteBuffer target = out.writable();
                int first = target.position();
                int consumedBefore = in.position();
                frameDone = ctx.decompressByteBufferStream(target, in);
                int produced = target.position() - first;
                out.advance(produced);
                if (frameDone || !target.hasRemaining()) {
                    continue;
                }
                if (!in.hasRemaining()) {
                    throw new InvalidRecordException("truncated zstd frame at byte " + (in.position() - base),
                        false, in.position() - base);
                }
                if (produced == 0 && in.position() == consumedBefore) {
                    throw new InvalidRecordException("zstd stream makes no progress at byte "
                        + (in.position() - base), false, in.position() - base);
                }
            }
        } catch (ZstdException e) {
            throw new InvalidRecordException("corrupt zstd data near byte " + (in.position() - base) + ": "
                + e.getMessage(), false, in.position() - base, e);
        } finally {
            ctx.reset();
        }
        return out.result();
    }
}
