package io.tributary.errors;

import io.tributary.protocol.ErrorCode;

/**
 * An {@link ApiException} whose error code is retriable: the same request may succeed later.
 *
 * @since 0.1
 */
public class RetriableException extends ApiException {
    private static final long serialVersionUID = 1L;

    public RetriableException(ErrorCode error, String message) {
        super(error, message);
    }
}
