package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Sliding windows: fixed-size windows {@code [start, start + timeDifference]} (both ends included) placed where
 * records are, not on a grid: each record has a window ending at it (its left window) and, once a later record
 * falls within the time difference, a window starting just after it (its right window). So every distinct set of
 * records at most the time difference apart has a window, and no window is empty. Records at less than the time
 * difference from time 0 share the window {@code [0, timeDifference]}. Records arriving when stream time has
 * passed their window's end plus grace are dropped. Immutable.
 *
 * <pre>{@code
 * stream.groupByKey()
 *     .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMinutes(10), Duration.ofMinutes(1)))
 * }</pre>
 *
 * @since 0.1
 */
public final class SlidingWindows {
    private final long timeDifferenceMs;
    private final long graceMs;

    private SlidingWindows(long timeDifferenceMs, long graceMs) {
        this.timeDifferenceMs = timeDifferenceMs;
        this.graceMs = graceMs;
    }

    /** Windows of {@code timeDifference} that accept no record after their end. */
    public static SlidingWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }

    /**
     * Windows of {@code timeDifference} that accept out-of-order records until stream time passes their end plus
     * {@code grace}.
     *
     * @throws IllegalArgumentException if {@code timeDifference} is not positive or {@code grace} is negative
     */
    public static SlidingWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration grace) {
        long d = requireNonNull(timeDifference, "timeDifference").toMillis();
        long g = requireNonNull(grace, "grace").toMillis();
        // Kafka Streams accepts 0 here but then fails on the first record (a window cannot end where it starts).
        if (d < 1) {
            throw new IllegalArgumentException("time difference must be at least 1 ms, was " + timeDifference);
        }
        if (g < 0) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
        return new SlidingWindows(d, g);
    }

    public long timeDifferenceMs() {
        return timeDifferenceMs;
    }

    public long gracePeriodMs() {
        return graceMs;
    }
}
