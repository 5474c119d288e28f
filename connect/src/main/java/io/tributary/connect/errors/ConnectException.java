package io.tributary.connect.errors;

import io.tributary.errors.TributaryException;

/**
 * A connector, task, converter or transform failed. Thrown by plugins to fail their task (its status becomes
 * FAILED with this trace) and by the runtime for invalid configurations and states.
 *
 * @since 0.1
 */
public class ConnectException extends TributaryException {
    private static final long serialVersionUID = 1L;

    public ConnectException(String message) {
        super(message);
    }

    public ConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
