package io.tributary.broker.internal.log;

import io.netty.buffer.ByteBuf;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.record.InvalidRecordException;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.TimestampType;

/**
 * The framing check and offset stamping of the batches handed to {@link PartitionLog#append}: whole magic-2
 * batches back to back, then base offset, leader epoch and (for LogAppendTime) max timestamp written in place.
 * Stateless and thread-safe; the buffer itself must not be shared while it is stamped.
 *
 * @param records  the sum of the batches' record counts
 * @param offsets  the number of offsets the batches take: the sum of lastOffsetDelta + 1
 * @param bytes    the total size
 */
record AppendBatches(int records, long offsets, int bytes) {

    /**
     * Checks that {@code batches}'s readable bytes are whole batches with magic 2 and a sane batchLength,
     * lastOffsetDelta and record count.
     *
     * @throws InvalidRecordException naming the partition and the byte position of the first bad batch
     */
    static AppendBatches check(ByteBuf batches, TopicPartition tp) {
        int length = batches.readableBytes();
        if (length == 0) {
            throw new InvalidRecordException("nothing to append to " + tp + ": no record batch", true, 0);
        }
        int records = 0;
        long offsets = 0;
        int pos = 0;
        while (pos < length) {
            if (length - pos < BatchHeader.SIZE) {
                throw new InvalidRecordException("cannot append to " + tp + ": " + (length - pos)
                    + " trailing bytes at byte " + pos + " do not hold a batch header", true, pos);
            }
            BatchHeader header = BatchHeader.of(batches, batches.readerIndex() + pos);
            String problem = header.problem(length - pos);
            if (problem != null) {
                throw new InvalidRecordException("cannot append to " + tp + ": the batch at byte " + pos + " has "
                    + problem, true, pos);
            }
            records += header.recordsCount();
            offsets += header.lastOffsetDelta() + 1L;
            pos += header.sizeInBytes();
        }
        return new AppendBatches(records, offsets, length);
    }

    /**
     * Stamps each batch, in place, with consecutive offsets from {@code firstOffset} and {@code leaderEpoch} (both
     * outside the CRC); with {@code logAppendTime} also sets the timestamp type and maxTimestamp and recomputes the
     * CRC.
     *
     * @return the offset after the last batch
     */
    static long stamp(ByteBuf batches, long firstOffset, int leaderEpoch, long appendTimeMs, boolean logAppendTime) {
        long next = firstOffset;
        int pos = batches.readerIndex();
        int end = batches.writerIndex();
        while (pos < end) {
            int size = batches.getInt(pos + BatchHeader.LENGTH_OFFSET) + BatchHeader.LOG_OVERHEAD;
            batches.setLong(pos, next);
            batches.setInt(pos + BatchHeader.PARTITION_LEADER_EPOCH_OFFSET, leaderEpoch);
            if (logAppendTime) {
                RecordBatch.wrap(batches.slice(pos, size)).setMaxTimestamp(TimestampType.LOG_APPEND_TIME,
                    appendTimeMs);
            }
            next += batches.getInt(pos + BatchHeader.LAST_OFFSET_DELTA_OFFSET) + 1L;
            pos += size;
        }
        return next;
    }
}
