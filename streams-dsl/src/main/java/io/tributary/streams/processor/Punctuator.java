package io.tributary.streams.processor;

/**
 * A scheduled callback, see {@link ProcessorContext#schedule}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Punctuator {
    /** @param timestamp the stream time or wall-clock time at which the punctuation fires */
    void punctuate(long timestamp);
}
