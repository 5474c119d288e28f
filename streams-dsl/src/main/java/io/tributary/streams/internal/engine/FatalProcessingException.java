package io.tributary.streams.internal.engine;

import io.tributary.streams.StreamsException;

/**
 * A processing failure that no error handler may skip: the application fails whatever
 * {@code processingErrorHandling} says (a full suppression buffer told to shut down, say).
 */
public final class FatalProcessingException extends StreamsException {
    private static final long serialVersionUID = 1L;

    public FatalProcessingException(String message) {
        super(message);
    }
}
