package io.tributary.broker.internal.log;

/**
 * What {@link PartitionLog#append} did: the offsets assigned to the appended batches and the log state a Produce
 * response reports. Immutable.
 *
 * @param firstOffset    offset of the first appended record (the first batch's new base offset)
 * @param lastOffset     offset of the last appended record
 * @param logAppendTime  the timestamp stamped on the batches under LogAppendTime, or -1 under CreateTime
 * @param logStartOffset the log start offset after the append
 * @param recordCount    number of records appended (the sum of the batches' record counts)
 * @param sizeInBytes    number of bytes appended
 */
public record AppendResult(long firstOffset, long lastOffset, long logAppendTime, long logStartOffset,
                           int recordCount, int sizeInBytes) {
}
