package io.tributary.errors;

import io.tributary.protocol.ErrorCode;

/**
 * An error that Kafka's protocol names with an error code, raised by a broker or by the client on its behalf.
 *
 * @since 0.1
 */
public class ApiException extends TributaryException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode error;

    public ApiException(ErrorCode error, String message) {
        super(message);
        this.error = error;
    }

    /** The wire error this exception stands for. */
    public ErrorCode error() {
        return error;
    }

    /** Whether retrying the same operation may succeed. */
    public boolean retriable() {
        return error.retriable();
    }
}
