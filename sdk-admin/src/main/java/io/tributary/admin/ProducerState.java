package io.tributary.admin;

/**
 * An idempotent or transactional producer that wrote to a partition, as {@link TributaryAdmin#describeProducers}
 * finds it on the partition's leader.
 *
 * @param producerId                    the producer id
 * @param producerEpoch                 the producer's epoch
 * @param lastSequence                  the sequence number of its last record in the partition, or -1
 * @param lastTimestamp                 the timestamp of its last write, or -1
 * @param coordinatorEpoch              the epoch of the transaction coordinator that last wrote a marker, or -1
 * @param currentTransactionStartOffset the first offset of its open transaction in the partition, or -1 if none
 * @since 0.1
 */
public record ProducerState(long producerId, int producerEpoch, int lastSequence, long lastTimestamp,
                            int coordinatorEpoch, long currentTransactionStartOffset) {
}
