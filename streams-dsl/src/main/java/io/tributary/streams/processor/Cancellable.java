package io.tributary.streams.processor;

/**
 * Cancels a scheduled punctuation.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
