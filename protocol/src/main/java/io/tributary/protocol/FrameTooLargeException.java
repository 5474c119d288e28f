package io.tributary.protocol;

import io.tributary.errors.TributaryException;

/**
 * A frame declared a size that is negative or above the configured maximum; the connection must be closed, as
 * Kafka does, because the stream can no longer be resynchronised.
 *
 * @since 0.1
 */
public final class FrameTooLargeException extends TributaryException {
    private static final long serialVersionUID = 1L;

    private final int declaredSize;

    public FrameTooLargeException(int declaredSize, int maxFrameBytes) {
        super(declaredSize < 0 ? "Frame declares a negative size " + declaredSize
            : "Frame of " + declaredSize + " bytes exceeds the limit of " + maxFrameBytes + " bytes");
        this.declaredSize = declaredSize;
    }

    public int declaredSize() {
        return declaredSize;
    }
}
