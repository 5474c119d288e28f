package io.tributary.protocol;

import static java.util.Objects.requireNonNull;

import io.tributary.protocol.internal.Murmur2;

/**
 * Kafka's key-to-partition mapping, so that Tributary producers place keyed records exactly where kafka-clients
 * would: {@code (murmur2(keyBytes) & 0x7fffffff) % numPartitions}. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class Partitions {
    private Partitions() {
    }

    /**
     * The partition of a serialized key among all {@code numPartitions} partitions of a topic.
     *
     * @throws IllegalArgumentException if {@code numPartitions} is not positive
     */
    public static int forKey(byte[] keyBytes, int numPartitions) {
        requireNonNull(keyBytes, "keyBytes");
        if (numPartitions <= 0) {
            throw new IllegalArgumentException("numPartitions must be positive, was " + numPartitions);
        }
        return (Murmur2.hash(keyBytes) & 0x7fffffff) % numPartitions;
    }
}
