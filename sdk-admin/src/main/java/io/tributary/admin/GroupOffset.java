package io.tributary.admin;

/**
 * An offset a group committed for one partition.
 *
 * @param offset      the committed offset: the next one the group will read
 * @param leaderEpoch the leader epoch committed with it, or -1
 * @param metadata    the metadata string committed with it, {@code ""} if none
 * @since 0.1
 */
public record GroupOffset(long offset, int leaderEpoch, String metadata) {
}
