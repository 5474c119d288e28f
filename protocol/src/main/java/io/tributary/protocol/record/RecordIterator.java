package io.tributary.protocol.record;

import io.netty.buffer.ByteBuf;
import io.tributary.common.Header;
import io.tributary.protocol.internal.Varints;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Parses the records of one batch from its (decompressed) records section, one per {@link #next()}, checking every
 * length against the bytes left so that malformed input fails with {@link InvalidRecordException} instead of
 * allocating or looping. Owned by one caller; not thread-safe.
 */
final class RecordIterator implements Iterator<Record> {
    private final ByteBuf in;
    private final int origin;
    private final String region;
    private final long baseOffset;
    private final long baseTimestamp;
    private final long maxTimestamp;
    private final boolean logAppendTime;
    private final int baseSequence;
    private final int count;
    private int index;
    /** Where the bytes of the field {@link #bytesLength} read last begin. */
    private int fieldAt;

    /**
     * @param section the records; index 0 is the first byte of the section
     * @param origin  position of the section in the region named by {@code region}, for error messages
     */
    RecordIterator(RecordBatch batch, ByteBuf section, int origin, String region) {
        this.in = section;
        this.origin = origin;
        this.region = region;
        this.baseOffset = batch.baseOffset();
        this.baseTimestamp = batch.baseTimestamp();
        this.maxTimestamp = batch.maxTimestamp();
        this.logAppendTime = batch.timestampType() == TimestampType.LOG_APPEND_TIME;
        this.baseSequence = batch.baseSequence();
        this.count = batch.recordsCount();
    }

    /** {@code baseSequence + delta}, wrapping from Integer.MAX_VALUE to 0 as producers do; -1 stays -1. */
    static int sequence(int baseSequence, int delta) {
        if (baseSequence == RecordBatch.NO_SEQUENCE) {
            return RecordBatch.NO_SEQUENCE;
        }
        if (delta > 0 && baseSequence > Integer.MAX_VALUE - delta) {
            return delta - (Integer.MAX_VALUE - baseSequence) - 1;
        }
        return baseSequence + delta;
    }

    @Override
    public boolean hasNext() {
        return index < count;
    }

    @Override
    public Record next() {
        if (index >= count) {
            throw new NoSuchElementException("all " + count + " records were read");
        }
        int start = in.readerIndex();
        if (!in.isReadable()) {
            throw invalid("the batch declares " + count + " records but its records end after " + index, start);
        }
        Record record;
        try {
            record = read(start);
        } catch (IndexOutOfBoundsException e) {
            throw invalid("record is truncated: it runs past the end of the records", start);
        }
        index++;
        if (index == count && in.isReadable()) {
            throw invalid(in.readableBytes() + " bytes follow the last of the " + count + " declared records",
                in.readerIndex());
        }
        return record;
    }

    private Record read(int start) {
        int length = varint();
        if (length < 0) {
            throw invalid("negative record length " + length, start);
        }
        if (length > in.readableBytes()) {
            throw invalid("record length " + length + " exceeds the " + in.readableBytes() + " remaining bytes",
                start);
        }
        int end = in.readerIndex() + length;
        in.skipBytes(1); // attributes: unused
        long timestampDelta = varlong();
        int offsetDelta = varint();
        int keyLength = bytesLength(end, "key");
        int keyAt = fieldAt;
        int valueLength = bytesLength(end, "value");
        int valueAt = fieldAt;
        List<Header> headers = readHeaders(end);
        if (in.readerIndex() != end) {
            throw invalid("record length " + length + " disagrees with its content of "
                + (in.readerIndex() - end + length) + " bytes", start);
        }
        long timestamp = logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta;
        // Key and value are positions in the section, not slices: a consumer copying them to arrays needs none.
        return new Record(baseOffset + offsetDelta, timestamp, in, keyAt, keyLength, valueAt, valueLength, headers,
            sequence(baseSequence, offsetDelta));
    }

    /** Reads a bytes field's length, notes where its bytes start in {@link #fieldAt} and skips them; -1 is null. */
    private int bytesLength(int end, String what) {
        int at = in.readerIndex();
        int length = varint();
        fieldAt = in.readerIndex();
        if (length == -1) {
            return -1;
        }
        checkLength(length, end, what, at);
        in.skipBytes(length);
        return length;
    }

    private List<Header> readHeaders(int end) {
        int at = in.readerIndex();
        int headerCount = varint();
        if (headerCount == 0) {
            return List.of();
        }
        // Each header takes at least two bytes, so a larger count cannot be genuine; refuse it before allocating.
        if (headerCount < 0 || headerCount > (end - in.readerIndex()) / 2) {
            throw invalid("header count " + headerCount + " is impossible for the record's remaining "
                + Math.max(0, end - in.readerIndex()) + " bytes", at);
        }
        List<Header> headers = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            int keyAt = in.readerIndex();
            int keyLength = varint();
            checkLength(keyLength, end, "header key", keyAt);
            String key = in.toString(in.readerIndex(), keyLength, StandardCharsets.UTF_8);
            in.skipBytes(keyLength);
            int valueAt = in.readerIndex();
            int valueLength = varint();
            byte @Nullable [] value = null;
            if (valueLength != -1) {
                checkLength(valueLength, end, "header value", valueAt);
                value = new byte[valueLength];
                in.readBytes(value);
            }
            headers.add(new Header(key, value));
        }
        return Collections.unmodifiableList(headers);
    }

    private int varint() {
        int at = in.readerIndex();
        try {
            return Varints.readVarint(in);
        } catch (InvalidRecordException e) {
            throw invalid(e.getMessage(), at);
        }
    }

    private long varlong() {
        int at = in.readerIndex();
        try {
            return Varints.readVarlong(in);
        } catch (InvalidRecordException e) {
            throw invalid(e.getMessage(), at);
        }
    }

    private void checkLength(int length, int end, String what, int at) {
        if (length < 0) {
            throw invalid("negative " + what + " length " + length, at);
        }
        if (length > end - in.readerIndex()) {
            throw invalid(what + " length " + length + " exceeds the record's remaining "
                + Math.max(0, end - in.readerIndex()) + " bytes", at);
        }
    }

    private InvalidRecordException invalid(String problem, int at) {
        long position = (long) origin + at;
        return new InvalidRecordException("invalid record " + index + " of the batch with base offset " + baseOffset
            + ": " + problem + " at byte " + position + " " + region, false, position);
    }
}
