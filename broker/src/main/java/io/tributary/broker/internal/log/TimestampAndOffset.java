package io.tributary.broker.internal.log;

/**
 * A record found by timestamp for ListOffsets: its timestamp, offset and the leader epoch of its batch. Immutable.
 *
 * @param timestamp   the record's timestamp, or -1 when nothing was found
 * @param offset      the record's offset, or -1 when nothing was found
 * @param leaderEpoch the partition leader epoch stamped on the record's batch, or -1
 */
public record TimestampAndOffset(long timestamp, long offset, int leaderEpoch) {
    private static final TimestampAndOffset NONE = new TimestampAndOffset(-1, -1, -1);

    /** The answer when no record qualifies: timestamp -1, offset -1 (ListOffsets reports no error). */
    public static TimestampAndOffset none() {
        return NONE;
    }

    public boolean isNone() {
        return offset < 0;
    }
}
