package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;

/**
 * One assigned partition as the consumer sees it: where the next fetch starts, whether it is being revoked, and its
 * offset tracker. Fields are guarded by the owning {@link ConsumerSession}'s lock; the tracker by itself.
 */
final class PartitionState {
    final TopicPartition partition;
    final OffsetTracker tracker = new OffsetTracker();
    /** The next offset to fetch; -1 until the starting position is known. */
    long position = -1;
    /** The offset last committed by this consumer, -1 if none. */
    long committed = -1;
    boolean revoking;
    boolean fetchInFlight;
    /** No longer assigned: its records are dropped and their acknowledgements ignored. */
    volatile boolean removed;

    PartitionState(TopicPartition partition) {
        this.partition = partition;
    }

    boolean isFetchable() {
        return position >= 0 && !revoking && !fetchInFlight;
    }
}
