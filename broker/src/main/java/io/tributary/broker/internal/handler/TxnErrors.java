package io.tributary.broker.internal.handler;

import io.tributary.protocol.ErrorCode;

/** Error translations shared by the transaction handlers. Stateless. */
final class TxnErrors {
    private TxnErrors() {
    }

    /**
     * PRODUCER_FENCED as a request of {@code version} may receive it: versions below {@code firstFencedVersion}
     * predate the code and get INVALID_PRODUCER_EPOCH, which their clients treat the same way.
     */
    static ErrorCode forVersion(ErrorCode error, short version, int firstFencedVersion) {
        return error == ErrorCode.PRODUCER_FENCED && version < firstFencedVersion ? ErrorCode.INVALID_PRODUCER_EPOCH
            : error;
    }
}
