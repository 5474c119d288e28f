package io.tributary.consumer;

/**
 * Where to start reading a partition that has no committed offset, or whose offset is out of range
 * ({@code auto.offset.reset}).
 *
 * @since 0.1
 */
public enum OffsetReset {
    /** The oldest record still in the log. */
    EARLIEST,
    /** The end of the log: only records written from now on. */
    LATEST,
    /** Fail with {@code OFFSET_OUT_OF_RANGE}. */
    NONE
}
