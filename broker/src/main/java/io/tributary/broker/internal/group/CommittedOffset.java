package io.tributary.broker.internal.group;

/**
 * One committed offset of a group's partition, as stored in an OffsetCommitValue record. Immutable.
 *
 * @param offset          the next offset the group will read
 * @param leaderEpoch     the leader epoch of the last consumed record, or -1
 * @param metadata        the client's metadata string, empty when none
 * @param commitTimestamp when the coordinator accepted the commit, in epoch milliseconds
 */
public record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestamp) {
}
