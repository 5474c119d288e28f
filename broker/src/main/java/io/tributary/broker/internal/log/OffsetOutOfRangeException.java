package io.tributary.broker.internal.log;

import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;

/**
 * A fetch or offset request for an offset outside a partition log's range: below its log start offset or above
 * its log end offset. Carries {@link ErrorCode#OFFSET_OUT_OF_RANGE}, which a client answers by resetting its
 * position.
 */
public final class OffsetOutOfRangeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public OffsetOutOfRangeException(String message) {
        super(ErrorCode.OFFSET_OUT_OF_RANGE, message);
    }
}
