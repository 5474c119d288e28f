package io.tributary.streams.internal.state;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BytesStore} split into time segments by key prefix, for stores that keep entries for a retention of
 * stream time (window and session stores). Every key starts with the 8-byte id of its time's segment, so a segment
 * is a contiguous key range: once stream time leaves a whole segment behind it is dropped with one
 * {@code deleteRange} instead of entry by entry. Entries expired inside a live segment stay on disk until their
 * segment goes; the stores filter them out on read, as the in-memory stores hide entries between evictions.
 *
 * <p>Stream time (the largest time written) lives under the empty key, which sorts before every segment, so that a
 * reopened store expires as if it had never closed. A store may keep one more number beside its entries (a
 * sequence reservation) under the key {@code 0x00}, which also sorts before every segment and so is never dropped.
 * Owned by one store; written by its task's thread, readable from any thread.
 */
final class TimeSegments {
    /** The key of the stream time entry: shorter than any segment key. */
    private static final byte[] STREAM_TIME_KEY = new byte[0];
    /** The key of the owner's reservation: after the stream time key, before {@code prefix(Long.MIN_VALUE)}. */
    private static final byte[] RESERVATION_KEY = {0};
    private static final byte[] NO_VALUE = new byte[0];

    private final BytesStore bytes;
    private final long retentionMs;
    private final long intervalMs;
    private volatile long observedStreamTime;
    /** Segments below this id have been dropped since the store opened. */
    private long droppedBelow = Long.MIN_VALUE;

    TimeSegments(BytesStore bytes, long retentionMs) {
        this.bytes = bytes;
        this.retentionMs = retentionMs;
        // Kafka Streams' interval: at most three live segments to visit per query, few range tombstones.
        this.intervalMs = Math.max(retentionMs / 2, 60_000L);
        StoredValue time = bytes.get(STREAM_TIME_KEY);
        this.observedStreamTime = time == null ? -1 : time.timestamp();
    }

    long observedStreamTime() {
        return observedStreamTime;
    }

    /** Whether {@code time} is beyond retention: the in-memory stores' test, so both expire the same entries. */
    boolean expired(long time) {
        return time <= observedStreamTime - retentionMs;
    }

    /** Moves stream time on to {@code time} if later, recording it and dropping the segments now wholly expired. */
    void advance(long time) {
        if (time <= observedStreamTime) {
            return;
        }
        observedStreamTime = time;
        bytes.put(STREAM_TIME_KEY, new StoredValue(NO_VALUE, time));
        long firstLive = segment(time - retentionMs + 1);
        if (firstLive > droppedBelow) {
            bytes.deleteRange(prefix(Long.MIN_VALUE), prefix(firstLive));
            droppedBelow = firstLive;
        }
    }

    /** The number the owner last {@link #reserve reserved}, or {@code absent} if it never did. */
    long reservation(long absent) {
        StoredValue v = bytes.get(RESERVATION_KEY);
        return v == null ? absent : v.timestamp();
    }

    void reserve(long value) {
        bytes.put(RESERVATION_KEY, new StoredValue(NO_VALUE, value));
    }

    @Nullable StoredValue get(long time, byte[] suffix) {
        return bytes.get(key(time, suffix));
    }

    void put(long time, byte[] suffix, StoredValue value) {
        bytes.put(key(time, suffix), value);
    }

    void delete(long time, byte[] suffix) {
        bytes.delete(key(time, suffix));
    }

    /**
     * In each segment that may hold times from {@code timeFrom} to {@code timeTo} and is not expired, in time order,
     * the entries from {@code fromSuffix} to {@code toSuffix}; keys are returned without their segment prefix.
     */
    List<BytesEntry> range(long timeFrom, long timeTo, byte[] fromSuffix, byte[] toSuffix) {
        // Nothing is written beyond stream time, and nothing at or before the expiry bound is returned.
        long lower = Math.max(timeFrom, observedStreamTime - retentionMs + 1);
        long upper = Math.min(timeTo, observedStreamTime);
        List<BytesEntry> out = new ArrayList<>();
        if (lower > upper) {
            return out;
        }
        for (long s = segment(lower); s <= segment(upper); s++) {
            for (BytesEntry e : bytes.range(prefixed(s, fromSuffix), prefixed(s, toSuffix))) {
                out.add(withoutPrefix(e));
            }
        }
        return out;
    }

    /** Every entry of every segment, segment by segment, keys without their segment prefix. */
    List<BytesEntry> all() {
        List<BytesEntry> out = new ArrayList<>();
        for (BytesEntry e : bytes.all()) {
            if (e.key().length >= OrderedBytes.LONG) {   // not the stream time or the reservation
                out.add(withoutPrefix(e));
            }
        }
        return out;
    }

    private long segment(long time) {
        return Math.floorDiv(time, intervalMs);
    }

    private byte[] key(long time, byte[] suffix) {
        return prefixed(segment(time), suffix);
    }

    private static byte[] prefix(long segment) {
        return prefixed(segment, NO_VALUE);
    }

    private static byte[] prefixed(long segment, byte[] suffix) {
        return ByteBuffer.allocate(OrderedBytes.LONG + suffix.length)
            .putLong(OrderedBytes.ascending(segment))
            .put(suffix)
            .array();
    }

    private static BytesEntry withoutPrefix(BytesEntry e) {
        byte[] key = e.key();
        byte[] suffix = new byte[key.length - OrderedBytes.LONG];
        System.arraycopy(key, OrderedBytes.LONG, suffix, 0, suffix.length);
        return new BytesEntry(suffix, e.value());
    }
}
