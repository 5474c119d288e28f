package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-size windows aligned to the epoch: tumbling (advance = size) or hopping (advance &lt; size), with a grace
 * period after a window's end during which out-of-order records still count. Records arriving later (by stream
 * time) are dropped. Immutable.
 *
 * <pre>{@code
 * TimeWindows.ofSizeAndGrace(Duration.ofMinutes(5), Duration.ofSeconds(30)).advanceBy(Duration.ofMinutes(1))
 * }</pre>
 *
 * @since 0.1
 */
public final class TimeWindows {
    private final long sizeMs;
    private final long advanceMs;
    private final long graceMs;

    private TimeWindows(long sizeMs, long advanceMs, long graceMs) {
        this.sizeMs = sizeMs;
        this.advanceMs = advanceMs;
        this.graceMs = graceMs;
    }

    /** Tumbling windows of {@code size} that accept no record after their end. */
    public static TimeWindows ofSizeWithNoGrace(Duration size) {
        return ofSizeAndGrace(size, Duration.ZERO);
    }

    /**
     * Tumbling windows of {@code size} that accept out-of-order records until stream time passes their end plus
     * {@code grace}.
     *
     * @throws IllegalArgumentException if {@code size} is not positive or {@code grace} is negative
     */
    public static TimeWindows ofSizeAndGrace(Duration size, Duration grace) {
        long s = requireNonNull(size, "size").toMillis();
        long g = requireNonNull(grace, "grace").toMillis();
        if (s < 1) {
            throw new IllegalArgumentException("window size must be at least 1 ms, was " + size);
        }
        if (g < 0) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
        return new TimeWindows(s, s, g);
    }

    /**
     * Hopping windows: a new window starts every {@code advance}.
     *
     * @throws IllegalArgumentException unless 0 &lt; advance &lt;= size
     */
    public TimeWindows advanceBy(Duration advance) {
        long a = requireNonNull(advance, "advance").toMillis();
        if (a < 1 || a > sizeMs) {
            throw new IllegalArgumentException("advance must be from 1 ms to the window size " + sizeMs + " ms, was "
                + advance);
        }
        return new TimeWindows(sizeMs, a, graceMs);
    }

    public long sizeMs() {
        return sizeMs;
    }

    public long advanceMs() {
        return advanceMs;
    }

    public long gracePeriodMs() {
        return graceMs;
    }

    /** The windows containing {@code timestamp}, by start. */
    public List<Window> windowsFor(long timestamp) {
        List<Window> out = new ArrayList<>();
        long start = Math.max(0, timestamp - sizeMs + advanceMs) / advanceMs * advanceMs;
        for (; start <= timestamp; start += advanceMs) {
            out.add(new Window(start, start + sizeMs));
        }
        return out;
    }
}
