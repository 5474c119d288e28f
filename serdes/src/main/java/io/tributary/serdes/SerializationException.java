package io.tributary.serdes;

import io.tributary.errors.TributaryException;

/**
 * A value that could not be turned into bytes, or bytes that are not a value of the expected format. The message
 * names the topic and what was wrong; consumers add the partition and offset.
 *
 * @since 0.1
 */
public class SerializationException extends TributaryException {
    private static final long serialVersionUID = 1L;

    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
