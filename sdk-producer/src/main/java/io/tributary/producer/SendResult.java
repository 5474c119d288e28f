package io.tributary.producer;

import io.tributary.errors.TributaryException;

/**
 * The outcome of one sent record, with the caller's correlation metadata: {@link Sent} or {@link Failed}.
 *
 * @since 0.1
 */
public sealed interface SendResult<T> permits SendResult.Sent, SendResult.Failed {
    /** The correlation metadata given with the record. */
    T correlation();

    /** Whether the record was written. */
    default boolean isSent() {
        return this instanceof Sent;
    }

    /** The record was written at {@code metadata}. */
    record Sent<T>(T correlation, RecordMetadata metadata) implements SendResult<T> {
    }

    /** The record was not written, for {@code error}. */
    record Failed<T>(T correlation, TributaryException error) implements SendResult<T> {
    }
}
