package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Sessions: a key's records at most the inactivity gap apart belong to one session, which grows as records arrive
 * and merges with a neighbouring session when a record bridges the gap between them. A session's window is
 * {@code [first record, last record]}, both included. Records arriving when stream time has passed their session's
 * end plus gap plus grace are dropped. Immutable.
 *
 * <pre>{@code
 * stream.groupByKey()
 *     .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMinutes(5), Duration.ofMinutes(1)))
 * }</pre>
 *
 * @since 0.1
 */
public final class SessionWindows {
    private final long gapMs;
    private final long graceMs;

    private SessionWindows(long gapMs, long graceMs) {
        this.gapMs = gapMs;
        this.graceMs = graceMs;
    }

    /** Sessions closing {@code inactivityGap} after their last record, with no grace for out-of-order records. */
    public static SessionWindows ofInactivityGapWithNoGrace(Duration inactivityGap) {
        return ofInactivityGapAndGrace(inactivityGap, Duration.ZERO);
    }

    /**
     * Sessions closing {@code inactivityGap} after their last record, accepting out-of-order records for
     * {@code grace} longer.
     *
     * @throws IllegalArgumentException if {@code inactivityGap} is not positive or {@code grace} is negative
     */
    public static SessionWindows ofInactivityGapAndGrace(Duration inactivityGap, Duration grace) {
        long gap = requireNonNull(inactivityGap, "inactivityGap").toMillis();
        long g = requireNonNull(grace, "grace").toMillis();
        if (gap < 1) {
            throw new IllegalArgumentException("inactivity gap must be at least 1 ms, was " + inactivityGap);
        }
        if (g < 0) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
        return new SessionWindows(gap, g);
    }

    public long inactivityGap() {
        return gapMs;
    }

    public long gracePeriodMs() {
        return graceMs;
    }
}
