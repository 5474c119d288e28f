package io.tributary.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.tributary.protocol.record.InvalidRecordException;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The LZ4 frame format as Kafka reads and writes it. Writes one frame: FLG version 01 with independent blocks, no
 * block or content checksum and no content size, 64 KiB blocks (BD {@code 0x40}), the real xxhash32 descriptor
 * checksum, incompressible blocks stored raw, then the end mark. Reads any frame with independent blocks (rejecting
 * dependent blocks and dictionaries, as Kafka does), verifying the descriptor and any block or content checksums,
 * and concatenated frames. Blocks are compressed with lz4's fast compressor straight between buffers. Thread-safe.
 */
final class Lz4Codec implements CompressionCodec {
    static final Lz4Codec INSTANCE = new Lz4Codec();

    private static final int MAGIC = 0x184D2204;
    private static final int FLG = 0x60;
    private static final int BD_64K = 0x40;
    private static final int BLOCK = 64 * 1024;
    private static final int INCOMPRESSIBLE = 0x80000000;
    private static final int FLG_DICT_ID = 0x01;
    private static final int FLG_RESERVED = 0x02;
    private static final int FLG_CONTENT_CHECKSUM = 0x04;
    private static final int FLG_CONTENT_SIZE = 0x08;
    private static final int FLG_BLOCK_CHECKSUM = 0x10;
    private static final int FLG_BLOCK_INDEPENDENCE = 0x20;

    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final int MAX_CACHED_SCRATCH = 4 << 20;
    /** Per-thread block buffer for decompression; blocks are at most 4 MiB in the LZ4 frame format. */
    private static final ThreadLocal<ByteBuffer> SCRATCH = new ThreadLocal<>();
    private static final XXHash32 XXHASH = XXHashFactory.fastestInstance().hash32();
    private static final byte HC = (byte) (XXHASH.hash(new byte[] {FLG, BD_64K}, 0, 2, 0) >> 8);

    private Lz4Codec() {
    }

    @Override
    public int maxCompressedLength(int length) {
        int blocks = (length + BLOCK - 1) / BLOCK;
        return 7 + 4 + blocks * 4 + blocks * COMPRESSOR.maxCompressedLength(Math.min(length, BLOCK));
    }

    @Override
    public void compress(ByteBuf src, ByteBuf dst) {
        dst.ensureWritable(7);
        dst.writeIntLE(MAGIC);
        dst.writeByte(FLG);
        dst.writeByte(BD_64K);
        dst.writeByte(HC);
        ByteBuffer in = BoundedOutput.readable(src);
        int base = in.position();
        int total = src.readableBytes();
        for (int offset = 0; offset < total; offset += BLOCK) {
            int length = Math.min(BLOCK, total - offset);
            int bound = COMPRESSOR.maxCompressedLength(length);
            dst.ensureWritable(4 + bound);
            int at = dst.writerIndex();
            ByteBuffer out = dst.nioBuffer(at + 4, bound);
            int written = COMPRESSOR.compress(in, base + offset, length, out, out.position(), bound);
            if (written >= length) {
                dst.setIntLE(at, length | INCOMPRESSIBLE);
                dst.setBytes(at + 4, src, src.readerIndex() + offset, length);
                written = length;
            } else {
                dst.setIntLE(at, written);
            }
            dst.writerIndex(at + 4 + written);
        }
        dst.writeIntLE(0);
    }

    @Override
    public ByteBuf decompress(ByteBuf src, int maxBytes) {
        BoundedOutput out = new BoundedOutput("lz4", src.readableBytes(), maxBytes);
        if (!src.isReadable()) {
            return out.result();
        }
        ByteBuffer in = BoundedOutput.readable(src);
        int length = src.readableBytes();
        int pos = 0;
        do {
            pos = readFrame(in, in.position(), pos, length, out);
        } while (length - pos >= 4 && in.getInt(in.position() + pos) == Integer.reverseBytes(MAGIC));
        return out.result();
    }

    /** Reads one frame starting at {@code pos} (relative to {@code base}); returns the position after it. */
    private static int readFrame(ByteBuffer in, int base, int pos, int length, BoundedOutput out) {
        require(length - pos >= 7, "truncated lz4 frame header", pos);
        require(Integer.reverseBytes(in.getInt(base + pos)) == MAGIC, "bad lz4 frame magic", pos);
        int flg = in.get(base + pos + 4) & 0xff;
        int bd = in.get(base + pos + 5) & 0xff;
        require(flg >> 6 == 1, "unsupported lz4 frame version " + (flg >> 6), pos + 4);
        require((flg & FLG_RESERVED) == 0 && (bd & 0x8f) == 0, "reserved lz4 descriptor bits set", pos + 4);
        require((flg & FLG_BLOCK_INDEPENDENCE) != 0, "dependent lz4 blocks are not supported", pos + 4);
        require((flg & FLG_DICT_ID) == 0, "lz4 dictionaries are not supported", pos + 4);
        int blockMax = 1 << (8 + 2 * ((bd >> 4) & 7));
        require(blockMax >= BLOCK, "invalid lz4 block size id " + ((bd >> 4) & 7), pos + 5);
        int descriptor = 2 + ((flg & FLG_CONTENT_SIZE) != 0 ? 8 : 0);
        require(length - pos >= 4 + descriptor + 1, "truncated lz4 frame header", pos);
        int hc = (XXHASH.hash(in, base + pos + 4, descriptor, 0) >> 8) & 0xff;
        int at = pos + 4 + descriptor;
        if ((in.get(base + at) & 0xff) != hc) {
            throw new InvalidRecordException("lz4 frame descriptor checksum mismatch at byte " + at, true, at);
        }
        int frameStart = out.written();
        pos = at + 1;
        while (true) {
            require(length - pos >= 4, "truncated lz4 block size", pos);
            int size = Integer.reverseBytes(in.getInt(base + pos));
            pos += 4;
            if (size == 0) {
                break;
            }
            int blockLength = size & ~INCOMPRESSIBLE;
            require(blockLength <= blockMax, "lz4 block of " + blockLength + " bytes exceeds the frame's maximum "
                + blockMax, pos - 4);
            require(blockLength <= length - pos, "truncated lz4 block", pos);
            if ((size & INCOMPRESSIBLE) != 0) {
                out.reserve(blockLength);
                out.writable().put(in.duplicate().limit(base + pos + blockLength).position(base + pos));
                out.advance(blockLength);
            } else {
                decompressBlock(in, base + pos, blockLength, blockMax, pos, out);
            }
            pos += blockLength;
            if ((flg & FLG_BLOCK_CHECKSUM) != 0) {
                require(length - pos >= 4, "truncated lz4 block checksum", pos);
                verify(XXHASH.hash(in, base + pos - blockLength, blockLength, 0), in.getInt(base + pos), pos);
                pos += 4;
            }
        }
        if ((flg & FLG_CONTENT_CHECKSUM) != 0) {
            require(length - pos >= 4, "truncated lz4 content checksum", pos);
            int written = out.written() - frameStart;
            verify(XXHASH.hash(out.array(), out.arrayOffset() - written, written, 0), in.getInt(base + pos), pos);
            pos += 4;
        }
        return pos;
    }

    private static void decompressBlock(ByteBuffer in, int index, int length, int blockMax, int pos,
                                        BoundedOutput out) {
        // Decompress into a per-thread scratch block, then copy only the bytes produced: growing the output by a
        // whole block's maximum before each block would allocate several times the data.
        ByteBuffer scratch = scratch(blockMax);
        int produced;
        try {
            produced = DECOMPRESSOR.decompress(in, index, length, scratch, 0, blockMax);
        } catch (LZ4Exception e) {
            throw new InvalidRecordException("lz4 block at byte " + pos + " is corrupt", false, pos, e);
        }
        out.reserve(produced);
        out.writable().put(scratch.duplicate().position(0).limit(produced));
        out.advance(produced);
    }

    private static ByteBuffer scratch(int size) {
        ByteBuffer b = SCRATCH.get();
        if (b == null || b.capacity() < size) {
            b = ByteBuffer.allocate(size);
            if (size <= MAX_CACHED_SCRATCH) {
                SCRATCH.set(b);
            }
        }
        return b;
    }

    private static void verify(int computed, int storedLittleEndian, int pos) {
        if (computed != Integer.reverseBytes(storedLittleEndian)) {
            throw new InvalidRecordException("lz4 checksum mismatch at byte " + pos, true, pos);
        }
    }

    private static void require(boolean condition, String problem, int pos) {
        if (!condition) {
            throw new InvalidRecordException(problem + " at byte " + pos, false, pos);
        }
    }
}
