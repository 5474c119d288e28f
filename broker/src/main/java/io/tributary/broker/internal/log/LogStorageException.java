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

    private final boolean logClosed;

    public LogStorageException(String message, Throwable cause) {
        super(message, cause);
        this.logClosed = false;
    }

    public LogStorageException(String message) {
        this(message, false);
    }

    private LogStorageException(String message, boolean logClosed) {
        super(message);
        this.logClosed = logClosed;
    }

    /** The log was closed (the broker is shutting down, the partition was deleted): not a disk failure. */
    public static LogStorageException closed(String message) {
        return new LogStorageException(message, true);
    }

    public boolean logClosed() {
        return logClosed;
    }

    /** The wire error for this failure: {@link ErrorCode#KAFKA_STORAGE_ERROR}. */
    public ErrorCode error() {
        return ErrorCode.KAFKA_STORAGE_ERROR;
    }
}
