package io.tributary.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.tributary.protocol.record.InvalidRecordException;
import java.io.IOException;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;

/**
 * Snappy as Kafka clients use it. Writes xerial framing, as the Java client does: magic
 * {@code 82 53 4e 41 50 50 59 00}, int32 version 1, int32 compatible version 1, then for every 32 KiB of input an
 * int32 big-endian length and a raw snappy block. Reads that framing and also a single raw block without framing
 * (what librdkafka writes). Every block's declared uncompressed length is checked against the limit before any
 * output is allocated. Thread-safe.
 */
final class SnappyCodec implements CompressionCodec {
    static final SnappyCodec INSTANCE = new SnappyCodec();

    private static final byte[] XERIAL_HEADER = {
        (byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1};
    private static final int MAGIC_LENGTH = 8;
    private static final int CHUNK = 32 * 1024;

    private SnappyCodec() {
    }

    @Override
    public int maxCompressedLength(int length) {
        int chunks = (length + CHUNK - 1) / CHUNK;
        return XERIAL_HEADER.length + chunks * 4 + chunks * Snappy.maxCompressedLength(Math.min(length, CHUNK));
    }

    @Override
    public void compress(ByteBuf src, ByteBuf dst) {
        dst.writeBytes(XERIAL_HEADER);
        int end = src.writerIndex();
        for (int index = src.readerIndex(); index < end; index += CHUNK) {
            int length = Math.min(CHUNK, end - index);
            dst.ensureWritable(4 + Snappy.maxCompressedLength(length));
            int at = dst.writerIndex();
            int written = compressChunk(src, index, length, dst, at + 4);
            dst.setInt(at, written);
            dst.writerIndex(at + 4 + written);
        }
    }

    private static int compressChunk(ByteBuf src, int index, int length, ByteBuf dst, int at) {
        try {
            if (src.hasMemoryAddress() && dst.hasMemoryAddress()) {
                return (int) Snappy.rawCompress(src.memoryAddress() + index, length, dst.memoryAddress() + at);
            }
            byte[] in;
            int inOffset;
            if (src.hasArray()) {
                in = src.array();
                inOffset = src.arrayOffset() + index;
            } else {
                in = new byte[length];
                src.getBytes(index, in);
                inOffset = 0;
            }
            if (dst.hasArray()) {
                return Snappy.rawCompress(in, inOffset, length, dst.array(), dst.arrayOffset() + at);
            }
            byte[] out = new byte[Snappy.maxCompressedLength(length)];
            int written = Snappy.rawCompress(in, inOffset, length, out, 0);
            dst.setBytes(at, out, 0, written);
            return written;
        } catch (IOException e) {
            throw new IllegalStateException("snappy compression failed", e);
        }
    }

    @Override
    public ByteBuf decompress(ByteBuf src, int maxBytes) {
        BoundedOutput out = new BoundedOutput("snappy", src.readableBytes(), maxBytes);
        if (!src.isReadable()) {
            return out.result();
        }
        int base = src.readerIndex();
        int end = src.writerIndex();
        if (!isXerial(src, base, end)) {
            uncompressBlock(src, base, end - base, base, out);
            return out.result();
        }
        if (end - base < XERIAL_HEADER.length) {
            throw new InvalidRecordException("truncated xerial snappy header at byte 0", false, 0);
        }
        for (int pos = base + XERIAL_HEADER.length; pos < end; ) {
            if (end - pos < 4) {
                throw new InvalidRecordException("truncated snappy chunk length at byte " + (pos - base), false,
                    pos - base);
            }
            int length = src.getInt(pos);
            if (length < 0 || length > end - pos - 4) {
                throw new InvalidRecordException("snappy chunk length " + length + " at byte " + (pos - base)
                    + " exceeds the " + (end - pos - 4) + " remaining bytes", false, pos - base);
            }
            pos += 4;
            uncompressBlock(src, pos, length, base, out);
            pos += length;
        }
        return out.result();
    }

    private static boolean isXerial(ByteBuf src, int base, int end) {
        if (end - base < MAGIC_LENGTH) {
            return false;
        }
        for (int i = 0; i < MAGIC_LENGTH; i++) {
            if (src.getByte(base + i) != XERIAL_HEADER[i]) {
                return false;
            }
        }
        return true;
    }

    private static void uncompressBlock(ByteBuf src, int index, int length, int base, BoundedOutput out) {
        byte[] in;
        int inOffset;
        if (src.hasArray()) {
            in = src.array();
            inOffset = src.arrayOffset() + index;
        } else {
            in = new byte[length];
            src.getBytes(index, in);
            inOffset = 0;
        }
        try {
            // The native decoder writes as many bytes as the block's own preamble says, so reserve exactly that.
            int expected = Snappy.uncompressedLength(in, inOffset, length);
            if (expected < 0) {
                throw new IOException("negative uncompressed length " + expected);
            }
            out.reserve(expected);
            int written = Snappy.rawUncompress(in, inOffset, length, out.array(), out.arrayOffset());
            if (written != expected) {
                throw new IOException("block decompressed to " + written + " bytes, its header says " + expected);
            }
            out.advance(written);
        } catch (IOException | SnappyError e) {
            throw new InvalidRecordException("corrupt snappy block at byte " + (index - base) + ": "
                + e.getMessage(), false, index - base, e);
        }
    }
}
