package io.tributary.streams.processor;

/**
 * The clock a punctuation follows.
 *
 * @since 0.1
 */
public enum PunctuationType {
    /** The task's stream time: advances only when records arrive, so it is deterministic and replayable. */
    STREAM_TIME,
    /** The system clock: fires even when no records arrive. */
    WALL_CLOCK_TIME
}
