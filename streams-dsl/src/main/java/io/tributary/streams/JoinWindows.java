package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Which records of two streams join: those with equal keys whose timestamps differ by at most the time difference
 * (by default symmetric; {@link #before}/{@link #after} make it one-sided, seen from this stream). Records are kept
 * for the window plus grace of stream time. Immutable.
 *
 * @since 0.1
 */
public final class JoinWindows {
    private final long beforeMs;
    private final long afterMs;
    private final long graceMs;

    private JoinWindows(long beforeMs, long afterMs, long graceMs) {
        this.beforeMs = beforeMs;
        this.afterMs = afterMs;
        this.graceMs = graceMs;
    }

    /** Records at most {@code difference} apart join; records arriving later than that are not kept. */
    public static JoinWindows ofTimeDifferenceWithNoGrace(Duration difference) {
        return ofTimeDifferenceAndGrace(difference, Duration.ZERO);
    }

    /**
     * Records at most {@code difference} apart join; records are kept {@code grace} longer for late arrivals.
     *
     * @throws IllegalArgumentException if either is negative
     */
    public static JoinWindows ofTimeDifferenceAndGrace(Duration difference, Duration grace) {
        long d = requireNonNull(difference, "difference").toMillis();
        long g = requireNonNull(grace, "grace").toMillis();
        if (d < 0 || g < 0) {
            throw new IllegalArgumentException("difference and grace must not be negative, were " + difference
                + " and " + grace);
        }
        return new JoinWindows(d, d, g);
    }

    /** How far before this stream's record the other stream's records may be. */
    public JoinWindows before(Duration before) {
        long b = requireNonNull(before, "before").toMillis();
        if (b + afterMs < 0) {
            throw new IllegalArgumentException("the window must not be empty: before " + before + ", after "
                + afterMs + " ms");
        }
        return new JoinWindows(b, afterMs, graceMs);
    }

    /** How far after this stream's record the other stream's records may be. */
    public JoinWindows after(Duration after) {
        long a = requireNonNull(after, "after").toMillis();
        if (beforeMs + a < 0) {
            throw new IllegalArgumentException("the window must not be empty: before " + beforeMs + " ms, after "
                + after);
        }
        return new JoinWindows(beforeMs, a, graceMs);
    }

    public long beforeMs() {
        return beforeMs;
    }

    public long afterMs() {
        return afterMs;
    }

    public long gracePeriodMs() {
        return graceMs;
    }
}
