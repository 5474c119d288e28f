package io.tributary.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.tributary.protocol.record.Compression;
import io.tributary.protocol.record.InvalidRecordException;

/**
 * Compresses and decompresses the records section of a batch as one stream, in the exact format Kafka clients
 * read and write. One stateless instance per codec, shared by all threads; native contexts are cached per thread.
 */
public interface CompressionCodec {
    /** Upper bound of the compressed size of {@code length} bytes. */
    int maxCompressedLength(int length);

    /**
     * Appends the compressed form of {@code src}'s readable bytes to {@code dst}, growing it when needed. Neither
     * buffer is released and {@code src}'s reader index does not move.
     */
    void compress(ByteBuf src, ByteBuf dst);

    /**
     * Decompresses {@code src}'s readable bytes into a new unpooled heap buffer ({@code src}'s indexes do not move).
     *
     * @throws InvalidRecordException if the data is malformed or truncated, or would decompress to more than
     *                                {@code maxBytes}; byte offsets are relative to the start of {@code src}
     */
    ByteBuf decompress(ByteBuf src, int maxBytes);

    /**
     * The codec for a compression type.
     *
     * @throws IllegalArgumentException for {@link Compression#NONE}, which has no codec
     */
    static CompressionCodec of(Compression compression) {
        switch (compression) {
            case GZIP:
                return GzipCodec.INSTANCE;
            case SNAPPY:
                return SnappyCodec.INSTANCE;
            case LZ4:
                return Lz4Codec.INSTANCE;
            case ZSTD:
                return ZstdCodec.INSTANCE;
            default:
                throw new IllegalArgumentException("no codec for " + compression);
        }
    }
}
