package io.tributary.errors;

/**
 * Root of every exception Tributary throws or signals. Unchecked, as Reactor signals errors as values.
 *
 * @since 0.1
 */
public class TributaryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TributaryException(String message) {
        super(message);
    }

    public TributaryException(String message, Throwable cause) {
        super(message, cause);
    }
}
