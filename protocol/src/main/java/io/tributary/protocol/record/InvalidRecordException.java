package io.tributary.protocol.record;

import io.tributary.errors.TributaryException;

/**
 * Record bytes that cannot be read: a checksum or size mismatch ({@link #corrupt()}, Kafka's
 * {@code CORRUPT_MESSAGE}) or malformed content such as a bad varint, a negative length, an unknown codec or a
 * record count that does not match ({@code INVALID_RECORD}). The message names the problem and, where known, the
 * byte offset, which is also available as {@link #byteOffset()}.
 *
 * @since 0.1
 */
public final class InvalidRecordException extends TributaryException {
    private static final long serialVersionUID = 1L;

    private final boolean corrupt;
    private final long byteOffset;

    /**
     * @param message    what is wrong, including where
     * @param corrupt    true for a checksum or size mismatch, false for otherwise malformed records
     * @param byteOffset where the problem was found, or -1 when unknown
     */
    public InvalidRecordException(String message, boolean corrupt, long byteOffset) {
        super(message);
        this.corrupt = corrupt;
        this.byteOffset = byteOffset;
    }

    /** Like {@link #InvalidRecordException(String, boolean, long)}, keeping the low-level failure as the cause. */
    public InvalidRecordException(String message, boolean corrupt, long byteOffset, Throwable cause) {
        super(message, cause);
        this.corrupt = corrupt;
        this.byteOffset = byteOffset;
    }

    /** True for a checksum or size mismatch ({@code CORRUPT_MESSAGE}), false otherwise ({@code INVALID_RECORD}). */
    public boolean corrupt() {
        return corrupt;
    }

    /** Byte offset of the problem, relative to the region named in the message, or -1 when unknown. */
    public long byteOffset() {
        return byteOffset;
    }
}
