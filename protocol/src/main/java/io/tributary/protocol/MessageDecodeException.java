package io.tributary.protocol;

import io.tributary.errors.TributaryException;
import org.jspecify.annotations.Nullable;

/**
 * Bytes that do not form a valid message: truncated data, a negative or oversized length, a malformed varint, a null
 * where the schema forbids one. When thrown through {@link ApiMessages} or {@link RequestHeaderCodec}, the message
 * names the API key, version and the byte offset (from the start of the decoded region) where decoding failed.
 *
 * @since 0.1
 */
public final class MessageDecodeException extends TributaryException {
    private static final long serialVersionUID = 1L;

    private final @Nullable ApiKey apiKey;
    private final short version;
    private final int offset;

    public MessageDecodeException(String reason) {
        super(reason);
        this.apiKey = null;
        this.version = -1;
        this.offset = -1;
    }

    private MessageDecodeException(String message, @Nullable ApiKey apiKey, short version, int offset,
                                   Throwable cause) {
        super(message, cause);
        this.apiKey = apiKey;
        this.version = version;
        this.offset = offset;
    }

    /** Adds where decoding failed to a low-level failure. */
    static MessageDecodeException at(String what, @Nullable ApiKey apiKey, short version, int offset,
                                     RuntimeException cause) {
        String reason = cause instanceof IndexOutOfBoundsException ? "unexpected end of data" : cause.getMessage();
        String api = apiKey == null ? "" : apiKey.apiName() + " (key " + apiKey.id() + ") ";
        return new MessageDecodeException("Cannot decode " + api + what + " v" + version + " at byte " + offset
            + ": " + reason, apiKey, version, offset, cause);
    }

    /** The API whose message failed to decode, when known. */
    public @Nullable ApiKey apiKey() {
        return apiKey;
    }

    /** The version being decoded, or -1 when unknown. */
    public short version() {
        return version;
    }

    /** Byte offset of the failure from the start of the decoded region, or -1 when unknown. */
    public int offset() {
        return offset;
    }
}
