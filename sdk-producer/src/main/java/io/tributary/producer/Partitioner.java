package io.tributary.producer;

import org.jspecify.annotations.Nullable;

/**
 * Chooses the partition of records that do not name one. The default, used when none is configured, is the same as
 * kafka-clients': murmur2 of the serialized key modulo the partition count for keyed records, and the uniform sticky
 * strategy for records without a key (one partition's batch is filled, then the next partition is picked at random).
 * Implementations must be thread-safe and fast: they run for every record.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Partitioner {
    /**
     * The partition for a record, in {@code [0, partitionCount)}, or -1 to use the default strategy for it.
     *
     * @param keyBytes the serialized key, or null
     */
    int partition(String topic, @Nullable Object key, byte @Nullable [] keyBytes, int partitionCount);
}
