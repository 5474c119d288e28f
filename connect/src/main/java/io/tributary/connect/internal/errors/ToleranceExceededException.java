package io.tributary.connect.internal.errors;

import io.tributary.connect.errors.ConnectException;

/** A record failed and {@code errors.tolerance} does not allow skipping it: the task fails with this. */
public class ToleranceExceededException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public ToleranceExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
