package io.tributary.streams;

/**
 * A time window: {@code [start, end)} in ms.
 *
 * @since 0.1
 */
public record Window(long start, long end) {
    /** @throws IllegalArgumentException if {@code start} is negative or {@code end} is not after it */
    public Window {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a window needs 0 <= start < end, was [" + start + ", " + end + ")");
        }
    }
}
