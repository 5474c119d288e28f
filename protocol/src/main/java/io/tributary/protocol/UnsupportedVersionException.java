package io.tributary.protocol;

import io.tributary.errors.ApiException;

/**
 * A message was asked to be read or written in a version its codec does not have.
 *
 * @since 0.1
 */
public final class UnsupportedVersionException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnsupportedVersionException(String message) {
        super(ErrorCode.UNSUPPORTED_VERSION, message);
    }
}
