package io.tributary.broker.internal.log;

import io.tributary.errors.TributaryException;
import io.tributary.protocol.ErrorCode;

/**
 * A disk failure in one partition log: an {@link java.io.IOException} underneath, or a log taken offline (or
 * closed) by an earlier one. Request handlers answer it with {@link #error()}, Kafka's {@code KAFKA_STORAGE_ERROR};
 * other partitions are unaffected. Deliberately not an {@link io.tributary.errors.ApiException}, so that handlers
 * can tell a storage failure from the wire errors they raise themselves.
 */
public final class LogStorageException extends TributaryException {
    private static final long serialVersionUID = 1L;

    public LogStorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public LogStorageException(String message) {
        super(message);
    }

    /** The wire error for this failure: {@link ErrorCode#KAFKA_STORAGE_ERROR}. */
    public ErrorCode error() {
        return ErrorCode.KAFKA_STORAGE_ERROR;
    }
}
