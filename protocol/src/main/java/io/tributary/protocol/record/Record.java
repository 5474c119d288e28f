package io.tributary.protocol.record;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.tributary.common.Header;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One record read from a {@link RecordBatch}, with its absolute offset and effective timestamp.
 *
 * <p>Key and value are zero-copy slices, made when asked for: of the batch's buffer for an uncompressed batch (valid
 * as long as that buffer is, and not retained), or of an unpooled heap buffer holding the decompressed records.
 * Reading them does not move any shared index, but do not modify their bytes. {@link #keyBytes()} and
 * {@link #valueBytes()} copy straight from the batch, without a slice: a consumer that wants arrays makes no slice at
 * all. Equality compares every field and the key and value bytes, as a record class would.
 *
 * @since 0.1
 */
public final class Record {
    private final long offset;
    private final long timestamp;
    private final ByteBuf section;
    private final int keyAt;
    private final int keyLength;
    private final int valueAt;
    private final int valueLength;
    private final List<Header> headers;
    private final int sequence;

    /** The record whose key and value are the given ranges of {@code section}; a length of -1 means null. */
    Record(long offset, long timestamp, ByteBuf section, int keyAt, int keyLength, int valueAt, int valueLength,
           List<Header> headers, int sequence) {
        this.offset = offset;
        this.timestamp = timestamp;
        this.section = section;
        this.keyAt = keyAt;
        this.keyLength = keyLength;
        this.valueAt = valueAt;
        this.valueLength = valueLength;
        this.headers = requireNonNull(headers, "headers");
        this.sequence = sequence;
    }

    /** baseOffset + offsetDelta. */
    public long offset() {
        return offset;
    }

    /** baseTimestamp + timestampDelta, or the batch's maxTimestamp under LogAppendTime. */
    public long timestamp() {
        return timestamp;
    }

    /** The key bytes as a slice, or null. */
    public @Nullable ByteBuf key() {
        return keyLength < 0 ? null : section.slice(keyAt, keyLength);
    }

    /** The value bytes as a slice, or null (a tombstone). */
    public @Nullable ByteBuf value() {
        return valueLength < 0 ? null : section.slice(valueAt, valueLength);
    }

    /** The headers in wire order, unmodifiable. */
    public List<Header> headers() {
        return headers;
    }

    /** baseSequence + offsetDelta (wrapping to 0 after Integer.MAX_VALUE), or -1 if not idempotent. */
    public int sequence() {
        return sequence;
    }

    /** A copy of the key bytes, or null. */
    public byte @Nullable [] keyBytes() {
        return keyLength < 0 ? null : ByteBufUtil.getBytes(section, keyAt, keyLength);
    }

    /** A copy of the value bytes, or null. */
    public byte @Nullable [] valueBytes() {
        return valueLength < 0 ? null : ByteBufUtil.getBytes(section, valueAt, valueLength);
    }

    /** The value's size in bytes, or -1 for a null value; no copy. */
    public int valueSize() {
        return valueLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record r && offset == r.offset && timestamp == r.timestamp && sequence == r.sequence
            && Objects.equals(key(), r.key()) && Objects.equals(value(), r.value()) && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, timestamp, key(), value(), headers, sequence);
    }

    @Override
    public String toString() {
        return "Record(offset=" + offset + ", timestamp=" + timestamp
            + ", key=" + (keyLength < 0 ? "null" : keyLength + " bytes")
            + ", value=" + (valueLength < 0 ? "null" : valueLength + " bytes")
            + ", headers=" + headers + ", sequence=" + sequence + ")";
    }
}
