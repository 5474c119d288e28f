package io.tributary.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.tributary.protocol.record.InvalidRecordException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * gzip (RFC 1952) through the JDK's zlib: a raw deflate stream between a 10-byte header and a CRC-32/size
 * trailer, written and read straight between Netty buffers. Reads concatenated members, verifies each trailer and
 * ignores trailing bytes that do not start a member, as {@code GZIPInputStream} does. One {@link Deflater} and
 * {@link Inflater} are cached per thread. Thread-safe.
 */
final class GzipCodec implements CompressionCodec {
    static final GzipCodec INSTANCE = new GzipCodec();

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final byte[] NO_BYTES = new byte[0];
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final ThreadLocal<Deflater> DEFLATER =
        ThreadLocal.withInitial(() -> new Deflater(Deflater.DEFAULT_COMPRESSION, true));
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));

    private GzipCodec() {
    }

    @Override
    public int maxCompressedLength(int length) {
        // zlib's deflateBound plus the gzip header and trailer.
        return length + (length >> 12) + (length >> 14) + (length >> 25) + 13 + HEADER.length + 8;
    }

    @Override
    public void compress(ByteBuf src, ByteBuf dst) {
        ByteBuffer input = BoundedOutput.readable(src);
        CRC32 crc = new CRC32();
        crc.update(input.duplicate());
        dst.writeBytes(HEADER);
        Deflater deflater = DEFLATER.get();
        deflater.reset();
        try {
            deflater.setInput(input);
            deflater.finish();
            while (!deflater.finished()) {
                dst.ensureWritable(Math.max(64, input.remaining() / 2 + 64));
                ByteBuffer out = dst.nioBuffer(dst.writerIndex(), dst.writableBytes());
                dst.writerIndex(dst.writerIndex() + deflater.deflate(out));
            }
        } finally {
            deflater.reset();
            deflater.setInput(NO_BYTES);
        }
        dst.writeIntLE((int) crc.getValue());
        dst.writeIntLE(src.readableBytes());
    }

    @Override
    public ByteBuf decompress(ByteBuf src, int maxBytes) {
        BoundedOutput out = new BoundedOutput("gzip", src.readableBytes(), maxBytes);
        if (!src.isReadable()) {
            return out.result();
        }
        int base = src.readerIndex();
        int end = src.writerIndex();
        int pos = base;
        Inflater inflater = INFLATER.get();
        try {
            do {
                pos = skipHeader(src, pos, end, base);
                pos = inflateMember(inflater, src, pos, end, base, out);
            } while (end - pos >= 2 && src.getUnsignedShort(pos) == 0x1f8b);
        } finally {
            inflater.reset();
            inflater.setInput(NO_BYTES);
        }
        return out.result();
    }

    private static int skipHeader(ByteBuf src, int pos, int end, int base) {
        require(end - pos >= HEADER.length, "truncated gzip header", pos - base);
        if (src.getUnsignedShort(pos) != 0x1f8b || src.getByte(pos + 2) != 8) {
            throw new InvalidRecordException("not a gzip/deflate stream at byte " + (pos - base), false, pos - base);
        }
        int flags = src.getUnsignedByte(pos + 3);
        require((flags & 0xe0) == 0, "reserved gzip flags set", pos - base);
        int p = pos + HEADER.length;
        if ((flags & FEXTRA) != 0) {
            require(end - p >= 2, "truncated gzip extra field", p - base);
            p += 2 + src.getUnsignedShortLE(p);
        }
        if ((flags & FNAME) != 0) {
            p = skipZeroTerminated(src, p, end, base);
        }
        if ((flags & FCOMMENT) != 0) {
            p = skipZeroTerminated(src, p, end, base);
        }
        if ((flags & FHCRC) != 0) {
            p += 2;
        }
        require(p <= end, "truncated gzip header", end - base);
        return p;
    }

    private static int skipZeroTerminated(ByteBuf src, int p, int end, int base) {
        int zero = p < end ? src.indexOf(p, end, (byte) 0) : -1;
        require(zero >= 0, "unterminated gzip header string", p - base);
        return zero + 1;
    }

    private static int inflateMember(Inflater inflater, ByteBuf src, int pos, int end, int base, BoundedOutput out) {
        inflater.reset();
        ByteBuffer input = BoundedOutput.readable(src.slice(pos, end - pos));
        inflater.setInput(input);
        int start = out.written();
        CRC32 crc = new CRC32();
        int stalls = 0;
        try {
            while (!inflater.finished()) {
                out.grow(Math.max(4096, out.written()));
                ByteBuffer target = out.writable();
                int first = target.position();
                int produced = inflater.inflate(target);
                if (produced > 0) {
                    crc.update(target.flip().position(first));
                    out.advance(produced);
                    stalls = 0;
                } else if (inflater.needsInput()) {
                    throw new InvalidRecordException("truncated gzip stream at byte " + (end - base), false,
                        end - base);
                } else if (inflater.needsDictionary() || ++stalls > 2) {
                    throw new InvalidRecordException("gzip stream makes no progress at byte "
                        + (pos - base + inflater.getBytesRead()), false, pos - base + inflater.getBytesRead());
                }
            }
        } catch (DataFormatException e) {
            long at = pos - base + inflater.getBytesRead();
            throw new InvalidRecordException("corrupt gzip data near byte " + at + ": " + e.getMessage(), false, at,
                e);
        }
        int trailer = end - inflater.getRemaining();
        require(end - trailer >= 8, "truncated gzip trailer", trailer - base);
        int written = out.written() - start;
        if (src.getIntLE(trailer) != (int) crc.getValue() || src.getIntLE(trailer + 4) != written) {
            throw new InvalidRecordException("gzip trailer at byte " + (trailer - base)
                + " does not match the decompressed data", false, trailer - base);
        }
        return trailer + 8;
    }

    private static void require(boolean condition, String problem, long at) {
        if (!condition) {
            throw new InvalidRecordException(problem + " at byte " + at, false, at);
        }
    }
}
