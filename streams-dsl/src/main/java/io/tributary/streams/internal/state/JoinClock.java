package io.tributary.streams.internal.state;

/**
 * The times an outer or left stream-stream join keeps beside its buffer of records still without a partner: its
 * stream time, and a lower bound of the pending records' timestamps, so that it scans the buffer only when something
 * may be due. Not persisted: a restarted join starts with fresh times, as Kafka Streams' does. Task thread only.
 */
public final class JoinClock {
    private long streamTime = -1;
    private long minTime = Long.MAX_VALUE;

    /** Moves stream time on to {@code timestamp} if it is later. */
    public void observe(long timestamp) {
        streamTime = Math.max(streamTime, timestamp);
    }

    /** The largest timestamp the join has seen; -1 before the first. */
    public long streamTime() {
        return streamTime;
    }

    /** A lower bound of the pending timestamps as the join tracks it; {@link Long#MAX_VALUE} when unknown. */
    public long minTime() {
        return minTime;
    }

    public void minTime(long minTime) {
        this.minTime = minTime;
    }
}
