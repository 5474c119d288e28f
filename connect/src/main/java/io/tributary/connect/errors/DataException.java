package io.tributary.connect.errors;

/**
 * A value does not fit its schema, or bytes could not be converted: a problem of one record, which
 * {@code errors.tolerance=all} may skip (and send to a dead-letter topic).
 *
 * @since 0.1
 */
public class DataException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
