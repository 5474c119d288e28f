package io.tributary.connect.errors;

/**
 * A failure worth retrying (a database or remote system briefly away): the runtime retries the operation with
 * backoff, within {@code errors.retry.timeout}, before treating it as a failure.
 *
 * @since 0.1
 */
public class RetriableConnectException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public RetriableConnectException(String message) {
        super(message);
    }

    public RetriableConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
