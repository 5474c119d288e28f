package io.tributary.streams;

/**
 * A window in ms: {@code [start, end)} for {@link TimeWindows}; {@code [start, end]}, both included, for
 * {@link SlidingWindows} and {@link SessionWindows}, where a session of one record has {@code start == end}.
 *
 * @since 0.1
 */
public record Window(long start, long end) {
    /** @throws IllegalArgumentException if {@code start} is negative or {@code end} is before it */
    public Window {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("a window needs 0 <= start <= end, was [" + start + ", " + end + "]");
        }
    }
}
