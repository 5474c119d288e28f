package io.tributary.broker.internal.fetch;

/**
 * One partition to fetch with the client's parameters. Immutable.
 *
 * @param key                how the client names the partition
 * @param fetchOffset        first offset wanted
 * @param partitionMaxBytes  byte limit for this partition
 * @param currentLeaderEpoch the client's idea of the leader epoch, -1 to skip the check
 */
public record FetchTarget(PartitionKey key, long fetchOffset, int partitionMaxBytes, int currentLeaderEpoch) {
}
