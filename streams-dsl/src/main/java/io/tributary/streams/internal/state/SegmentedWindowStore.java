package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.KeyValue;
import io.tributary.streams.Window;
import io.tributary.streams.Windowed;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A window store on a {@link BytesStore} (RocksDB) split into {@link TimeSegments} by window start. Within a
 * segment keys are the escaped key bytes then the start ({@link OrderedBytes}), so a key's windows are one range
 * scan and byte order is {@link InMemoryWindowStore}'s map order; {@link #all()} merges the segments back into that
 * order. Retention, the writes it ignores, the changelog format and every query's result are the in-memory
 * store's. Written by its task's thread only; readable from any thread if its bytes store is.
 */
public final class SegmentedWindowStore<K, V> extends BytesBackedStore<K, V> implements TimestampedWindowStore<K, V> {
    /** The in-memory store's order: key bytes, then window start. */
    private static final Comparator<Slot> ORDER = Comparator.comparing((Slot s) -> Bytes.wrap(s.key()))
        .thenComparingLong(Slot::start);

    /** A decoded entry. */
    private record Slot(byte[] key, long start, StoredValue value) {
    }

    private final long windowSizeMs;
    private final LongSupplier recordTimestamp;
    private final TimeSegments segments;

    public SegmentedWindowStore(String name, Serde<K> keySerde, Serde<V> valueSerde, long retentionMs,
                                long windowSizeMs, boolean logging, ChangeLogger logger, LongSupplier recordTimestamp,
                                BytesStore bytes) {
        super(name, keySerde, valueSerde, logging, logger, bytes);
        this.windowSizeMs = windowSizeMs;
        this.recordTimestamp = recordTimestamp;
        this.segments = new TimeSegments(bytes, retentionMs);
    }

    @Override
    public void put(K key, @Nullable V value, long windowStart) {
        put(key, value, windowStart, recordTimestamp.getAsLong());
    }

    @Override
    public void put(K key, @Nullable V value, long windowStart, long timestamp) {
        byte[] k = serializeKey(key);
        byte[] v = serializeValue(value);
        if (write(k, windowStart, v, timestamp)) {
            log(new WindowKey(Bytes.wrap(k), windowStart).toChangelogKey(), v, timestamp);
        }
    }

    @Override
    public @Nullable V fetch(K key, long windowStart) {
        ValueAndTimestamp<V> v = fetchWithTimestamp(key, windowStart);
        return v == null ? null : v.value();
    }

    @Override
    public @Nullable ValueAndTimestamp<V> fetchWithTimestamp(K key, long windowStart) {
        if (segments.expired(windowStart)) {
            return null;
        }
        StoredValue s = segments.get(windowStart, suffix(OrderedBytes.escape(serializeKey(key)), windowStart));
        return s == null ? null : new ValueAndTimestamp<>(deserializeValue(s.value()), s.timestamp());
    }

    @Override
    public List<KeyValue<Long, ValueAndTimestamp<V>>> fetchWithTimestamps(K key, long timeFrom, long timeTo) {
        List<KeyValue<Long, ValueAndTimestamp<V>>> out = new ArrayList<>();
        if (timeFrom > timeTo) {
            return out;
        }
        byte[] escaped = OrderedBytes.escape(serializeKey(key));
        for (BytesEntry e : segments.range(timeFrom, timeTo, suffix(escaped, timeFrom), suffix(escaped, timeTo))) {
            long start = OrderedBytes.ascending(OrderedBytes.readLong(e.key(), escaped.length));
            if (!segments.expired(start)) {
                StoredValue s = e.value();
                out.add(KeyValue.pair(start, new ValueAndTimestamp<>(deserializeValue(s.value()), s.timestamp())));
            }
        }
        return out;
    }

    @Override
    public List<KeyValue<Windowed<K>, V>> all() {
        List<Slot> slots = new ArrayList<>();
        for (BytesEntry e : segments.all()) {
            int keyLength = OrderedBytes.escapedLength(e.key(), 0);
            long start = OrderedBytes.ascending(OrderedBytes.readLong(e.key(), keyLength));
            if (!segments.expired(start)) {
                slots.add(new Slot(OrderedBytes.unescape(e.key(), 0), start, e.value()));
            }
        }
        // Each segment is in order already; the stable sort merges them.
        slots.sort(ORDER);
        List<KeyValue<Windowed<K>, V>> out = new ArrayList<>(slots.size());
        for (Slot s : slots) {
            K key = requireNonNull(deserializeKey(s.key()));
            out.add(KeyValue.pair(new Windowed<>(key, new Window(s.start(), s.start() + windowSizeMs)),
                deserializeValue(s.value().value())));
        }
        return out;
    }

    @Override
    public void restore(byte[] key, byte @Nullable [] value, long timestamp) {
        WindowKey wk = WindowKey.fromChangelogKey(key);
        write(wk.key().get(), wk.start(), value, timestamp);
    }

    /** Applies a write unless its window is beyond retention; returns whether it was applied. */
    private boolean write(byte[] key, long windowStart, byte @Nullable [] value, long timestamp) {
        segments.advance(windowStart);
        if (segments.expired(windowStart)) {
            return false;
        }
        byte[] suffix = suffix(OrderedBytes.escape(key), windowStart);
        if (value == null) {
            segments.delete(windowStart, suffix);
        } else {
            segments.put(windowStart, suffix, new StoredValue(value, timestamp));
        }
        return true;
    }

    private static byte[] suffix(byte[] escapedKey, long windowStart) {
        return ByteBuffer.allocate(escapedKey.length + OrderedBytes.LONG)
            .put(escapedKey)
            .putLong(OrderedBytes.ascending(windowStart))
            .array();
    }
}
