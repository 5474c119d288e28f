package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.KeyValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JoinBuffer} on a {@link BytesStore} (RocksDB) split into {@link TimeSegments} by record timestamp, so
 * that records whose window plus grace has passed go a whole segment at a time. Within a segment keys are the
 * escaped key bytes, the timestamp, then the sequence number ({@link OrderedBytes}): a key's records in a time range
 * are one range scan per live segment, in {@link InMemoryJoinBuffer}'s order. Retention, the writes it ignores, the
 * changelog and every fetch are the in-memory buffer's.
 *
 * <p>Sequence numbers tell duplicates (same key and timestamp) apart, so a reopened buffer must not hand out one
 * already on disk: it reserves them in blocks, persisting the end of each block beside the segments, and a reopened
 * buffer goes on from the last end (skipping what the old one did not use). Written and read by its task's thread
 * only.
 */
public final class SegmentedJoinBuffer<K, V> extends BytesBackedStore<K, V> implements JoinBuffer<K, V> {
    private static final int SEQUENCE = 4;
    private static final int TIME_AND_SEQUENCE = OrderedBytes.LONG + SEQUENCE;
    /** Sequence numbers reserved per write of the reservation. */
    private static final int BLOCK = 1024;

    private final TimeSegments segments;
    /** The last sequence number handed out; sequence numbers wrap around, as the in-memory buffer's do. */
    private int seq;
    /** The first sequence number not reserved on disk yet. */
    private int reservedEnd;

    public SegmentedJoinBuffer(String name, Serde<K> keySerde, Serde<V> valueSerde, long retentionMs,
                               boolean logging, ChangeLogger logger, BytesStore bytes) {
        super(name, keySerde, valueSerde, logging, logger, bytes);
        this.segments = new TimeSegments(bytes, retentionMs);
        this.reservedEnd = (int) segments.reservation(1);
        this.seq = reservedEnd - 1;
    }

    @Override
    public void put(K key, @Nullable V value, long timestamp) {
        if (value == null) {
            segments.advance(timestamp);
            return;
        }
        byte[] k = serializeKey(key);
        byte[] v = requireNonNull(serializeValue(value), "value bytes");
        int s = nextSequence();
        if (write(k, timestamp, s, v)) {
            log(ByteBuffer.allocate(k.length + TIME_AND_SEQUENCE).put(k).putLong(timestamp).putInt(s).array(), v,
                timestamp);
        }
    }

    @Override
    public List<KeyValue<Long, V>> fetch(K key, long from, long to) {
        List<KeyValue<Long, V>> out = new ArrayList<>();
        if (from > to) {
            return out;
        }
        byte[] escaped = OrderedBytes.escape(serializeKey(key));
        for (BytesEntry e : segments.range(from, to, suffix(escaped, from, Integer.MIN_VALUE),
            suffix(escaped, to, Integer.MAX_VALUE))) {
            long t = OrderedBytes.ascending(OrderedBytes.readLong(e.key(), escaped.length));
            // A live segment may still hold records expired since it was written.
            if (!segments.expired(t)) {
                out.add(KeyValue.pair(t, deserializeValue(e.value().value())));
            }
        }
        return out;
    }

    @Override
    public void restore(byte[] key, byte @Nullable [] value, long timestamp) {
        if (key.length < TIME_AND_SEQUENCE) {
            throw new IllegalArgumentException("A join buffer changelog key has at least 12 bytes, was " + key.length);
        }
        ByteBuffer b = ByteBuffer.wrap(key, key.length - TIME_AND_SEQUENCE, TIME_AND_SEQUENCE);
        long t = b.getLong();
        int s = b.getInt();
        byte[] k = Arrays.copyOf(key, key.length - TIME_AND_SEQUENCE);
        seq = Math.max(seq, s);
        if (seq - reservedEnd >= 0) {
            reserveFrom(seq + 1);
        }
        if (value == null) {
            segments.delete(t, suffix(OrderedBytes.escape(k), t, s));
        } else {
            write(k, t, s, value);
        }
    }

    private int nextSequence() {
        seq++;
        if (seq == reservedEnd) {
            reserveFrom(seq + 1);
        }
        return seq;
    }

    /** Reserves a block from {@code first}: a reopened buffer starts after it, beyond every number used before. */
    private void reserveFrom(int first) {
        reservedEnd = first + BLOCK;
        segments.reserve(reservedEnd);
    }

    /** Keeps a record unless it is beyond retention; returns whether it was kept. */
    private boolean write(byte[] key, long timestamp, int s, byte[] value) {
        segments.advance(timestamp);
        if (segments.expired(timestamp)) {
            return false;
        }
        segments.put(timestamp, suffix(OrderedBytes.escape(key), timestamp, s), new StoredValue(value, timestamp));
        return true;
    }

    private static byte[] suffix(byte[] escapedKey, long timestamp, int s) {
        return ByteBuffer.allocate(escapedKey.length + TIME_AND_SEQUENCE)
            .put(escapedKey)
            .putLong(OrderedBytes.ascending(timestamp))
            .putInt(s ^ Integer.MIN_VALUE)   // signed order, as the in-memory buffer compares them
            .array();
    }
}
