package io.tributary.protocol.record;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.tributary.common.Header;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One record read from a {@link RecordBatch}, with its absolute offset and effective timestamp.
 *
 * <p>Key and value are zero-copy slices: of the batch's buffer for an uncompressed batch (valid as long as that
 * buffer is, and not retained), or of an unpooled heap buffer holding the decompressed records. Reading them does
 * not move any shared index, but do not modify their bytes.
 *
 * @param offset    baseOffset + offsetDelta
 * @param timestamp baseTimestamp + timestampDelta, or the batch's maxTimestamp under LogAppendTime
 * @param key       the key bytes, or null
 * @param value     the value bytes, or null (a tombstone)
 * @param headers   the headers in wire order, unmodifiable
 * @param sequence  baseSequence + offsetDelta (wrapping to 0 after Integer.MAX_VALUE), or -1 if not idempotent
 * @since 0.1
 */
public record Record(long offset, long timestamp, @Nullable ByteBuf key, @Nullable ByteBuf value,
                     List<Header> headers, int sequence) {
    public Record {
        requireNonNull(headers, "headers");
    }

    /** A copy of the key bytes, or null. */
    public byte @Nullable [] keyBytes() {
        return key == null ? null : ByteBufUtil.getBytes(key);
    }

    /** A copy of the value bytes, or null. */
    public byte @Nullable [] valueBytes() {
        return value == null ? null : ByteBufUtil.getBytes(value);
    }

    @Override
    public String toString() {
        return "Record(offset=" + offset + ", timestamp=" + timestamp
            + ", key=" + (key == null ? "null" : key.readableBytes() + " bytes")
            + ", value=" + (value == null ? "null" : value.readableBytes() + " bytes")
            + ", headers=" + headers + ", sequence=" + sequence + ")";
    }
}
