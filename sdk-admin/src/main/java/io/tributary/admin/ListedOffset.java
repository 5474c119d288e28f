package io.tributary.admin;

/**
 * What {@link TributaryAdmin#listOffsets} found in one partition.
 *
 * @param offset      the offset; -1 when no record matches a {@link OffsetSpec#forTimestamp} lookup
 * @param timestamp   the timestamp of the record at {@code offset}; -1 for earliest, latest, or when none matched
 * @param leaderEpoch the leader epoch of the record at {@code offset}, or -1 when the broker does not say
 * @since 0.1
 */
public record ListedOffset(long offset, long timestamp, int leaderEpoch) {
}
