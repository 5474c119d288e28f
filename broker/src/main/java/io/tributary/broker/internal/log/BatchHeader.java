package io.tributary.broker.internal.log;

import io.netty.buffer.ByteBuf;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;

/**
 * The 61-byte header of a record batch (magic 2) read at its fixed offsets (PROTOCOL.md 3.1), so the storage layer
 * can walk batches in a file without reading their records. Immutable and thread-safe.
 *
 * @param baseOffset           offset of the first record
 * @param batchLength          bytes after the batchLength field
 * @param partitionLeaderEpoch the leader epoch stamped by the broker
 * @param magic                the format version; 2 is the only valid one
 * @param attributes           compression, timestamp type, transactional and control bits
 * @param lastOffsetDelta      offset of the last record relative to the base offset
 * @param maxTimestamp         the largest record timestamp (the append time under LogAppendTime)
 * @param recordsCount         number of records
 */
record BatchHeader(long baseOffset, int batchLength, int partitionLeaderEpoch, byte magic, short attributes,
                   int lastOffsetDelta, long maxTimestamp, int recordsCount) {
    static final int SIZE = 61;
    static final int LOG_OVERHEAD = 12;
    static final int MIN_BATCH_LENGTH = SIZE - LOG_OVERHEAD;
    static final int LENGTH_OFFSET = 8;
    static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    static final int MAGIC_OFFSET = 16;
    static final int ATTRIBUTES_OFFSET = 21;
    static final int LAST_OFFSET_DELTA_OFFSET = 23;
    static final int MAX_TIMESTAMP_OFFSET = 35;
    static final int RECORDS_COUNT_OFFSET = 57;
    static final byte MAGIC = 2;

    /** The header of the batch starting at {@code index} of {@code buf}, which must hold at least 61 bytes there. */
    static BatchHeader of(ByteBuf buf, int index) {
        return new BatchHeader(buf.getLong(index), buf.getInt(index + LENGTH_OFFSET),
            buf.getInt(index + PARTITION_LEADER_EPOCH_OFFSET), buf.getByte(index + MAGIC_OFFSET),
            buf.getShort(index + ATTRIBUTES_OFFSET), buf.getInt(index + LAST_OFFSET_DELTA_OFFSET),
            buf.getLong(index + MAX_TIMESTAMP_OFFSET), buf.getInt(index + RECORDS_COUNT_OFFSET));
    }

    /**
     * Reads the header at {@code position} of {@code channel}, or returns null if fewer than 61 bytes lie between
     * it and {@code limit}.
     */
    static @Nullable BatchHeader read(FileChannel channel, long position, long limit) throws IOException {
        if (limit - position < SIZE) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(SIZE);
        readFully(channel, header, position);
        return new BatchHeader(header.getLong(0), header.getInt(LENGTH_OFFSET),
            header.getInt(PARTITION_LEADER_EPOCH_OFFSET), header.get(MAGIC_OFFSET), header.getShort(ATTRIBUTES_OFFSET),
            header.getInt(LAST_OFFSET_DELTA_OFFSET), header.getLong(MAX_TIMESTAMP_OFFSET),
            header.getInt(RECORDS_COUNT_OFFSET));
    }

    /** Fills {@code dst} from {@code position}, failing with {@link EOFException} at the end of the file. */
    static void readFully(FileChannel channel, ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                throw new EOFException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    /** Total size of the batch: batchLength + 12. */
    int sizeInBytes() {
        return batchLength + LOG_OVERHEAD;
    }

    long lastOffset() {
        return baseOffset + lastOffsetDelta;
    }

    long nextOffset() {
        return lastOffset() + 1;
    }

    /**
     * What is structurally wrong with this batch when at most {@code available} bytes may hold it, or null if
     * nothing: magic 2, batchLength of at least 49 within the available bytes, non-negative lastOffsetDelta and
     * records count.
     */
    @Nullable String problem(long available) {
        if (magic != MAGIC) {
            return "magic " + magic + " (only 2 is supported)";
        }
        if (batchLength < MIN_BATCH_LENGTH) {
            return "batchLength " + batchLength + " below the minimum of " + MIN_BATCH_LENGTH;
        }
        if ((long) batchLength + LOG_OVERHEAD > available) {
            return "batchLength " + batchLength + " beyond the " + available + " bytes available";
        }
        if (lastOffsetDelta < 0) {
            return "negative lastOffsetDelta " + lastOffsetDelta;
        }
        if (recordsCount < 0) {
            return "negative recordsCount " + recordsCount;
        }
        return null;
    }
}
