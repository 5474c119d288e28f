package io.tributary.streams;

import io.tributary.errors.TributaryException;

/**
 * A failure while running a topology: a record that could not be deserialized, processed or written (with
 * {@link ErrorHandling#FAIL}), a missing source topic, a failed restore.
 *
 * @since 0.1
 */
public class StreamsException extends TributaryException {
    private static final long serialVersionUID = 1L;

    public StreamsException(String message) {
        super(message);
    }

    public StreamsException(String message, Throwable cause) {
        super(message, cause);
    }
}
