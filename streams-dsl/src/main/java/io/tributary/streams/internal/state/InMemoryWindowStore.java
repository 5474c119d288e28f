package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.KeyValue;
import io.tributary.streams.Window;
import io.tributary.streams.Windowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory window store: values by (key bytes, window start). Windows whose start is {@code retention} or more
 * behind the largest window start written are dropped, and writes to them are ignored. Written by its task's thread
 * only; readable from any thread.
 */
public final class InMemoryWindowStore<K, V> extends SerdeStore<K, V> implements TimestampedWindowStore<K, V> {
    private final long retentionMs;
    private final long windowSizeMs;
    private final LongSupplier recordTimestamp;
    private final NavigableMap<WindowKey, StoredValue> map = new ConcurrentSkipListMap<>();
    private long observedStreamTime = -1;

    public InMemoryWindowStore(String name, Serde<K> keySerde, Serde<V> valueSerde, long retentionMs,
                               long windowSizeMs, boolean logging, ChangeLogger logger, LongSupplier recordTimestamp) {
        super(name, keySerde, valueSerde, logging, logger);
        this.retentionMs = retentionMs;
        this.windowSizeMs = windowSizeMs;
        this.recordTimestamp = recordTimestamp;
    }

    @Override
    public void put(K key, @Nullable V value, long windowStart) {
        put(key, value, windowStart, recordTimestamp.getAsLong());
    }

    @Override
    public void put(K key, @Nullable V value, long windowStart, long timestamp) {
        WindowKey wk = new WindowKey(Bytes.wrap(serializeKey(key)), windowStart);
        byte[] v = serializeValue(value);
        if (write(wk, v, timestamp)) {
            log(wk.toChangelogKey(), v, timestamp);
        }
    }

    @Override
    public @Nullable V fetch(K key, long windowStart) {
        ValueAndTimestamp<V> v = fetchWithTimestamp(key, windowStart);
        return v == null ? null : v.value();
    }

    @Override
    public @Nullable ValueAndTimestamp<V> fetchWithTimestamp(K key, long windowStart) {
        if (expired(windowStart)) {
            return null;
        }
        StoredValue s = map.get(new WindowKey(Bytes.wrap(serializeKey(key)), windowStart));
        return s == null ? null : new ValueAndTimestamp<>(deserializeValue(s.value()), s.timestamp());
    }

    @Override
    public List<KeyValue<Long, ValueAndTimestamp<V>>> fetchWithTimestamps(K key, long timeFrom, long timeTo) {
        Bytes k = Bytes.wrap(serializeKey(key));
        List<KeyValue<Long, ValueAndTimestamp<V>>> out = new ArrayList<>();
        if (timeFrom > timeTo) {
            return out;
        }
        for (Map.Entry<WindowKey, StoredValue> e : map.subMap(new WindowKey(k, timeFrom), true,
            new WindowKey(k, timeTo), true).entrySet()) {
            if (!expired(e.getKey().start())) {
                StoredValue s = e.getValue();
                out.add(KeyValue.pair(e.getKey().start(), new ValueAndTimestamp<>(deserializeValue(s.value()),
                    s.timestamp())));
            }
        }
        return out;
    }

    @Override
    public List<KeyValue<Windowed<K>, V>> all() {
        List<KeyValue<Windowed<K>, V>> out = new ArrayList<>();
        for (Map.Entry<WindowKey, StoredValue> e : map.entrySet()) {
            long start = e.getKey().start();
            if (!expired(start)) {
                K key = deserializeKey(e.getKey().key().get());
                out.add(KeyValue.pair(new Windowed<>(requireNonNull(key), new Window(start, start + windowSizeMs)),
                    deserializeValue(e.getValue().value())));
            }
        }
        return out;
    }

    @Override
    public void restore(byte[] key, byte @Nullable [] value, long timestamp) {
        write(WindowKey.fromChangelogKey(key), value, timestamp);
    }

    /** Applies a write unless its window is beyond retention; returns whether it was applied. */
    private boolean write(WindowKey key, byte @Nullable [] value, long timestamp) {
        long before = observedStreamTime;
        observedStreamTime = Math.max(observedStreamTime, key.start());
        if (observedStreamTime > before) {
            // Scan only when time moved on: that happens once per new window start, not per record.
            map.keySet().removeIf(k -> expired(k.start()));
        }
        if (expired(key.start())) {
            return false;
        }
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, new StoredValue(value, timestamp));
        }
        return true;
    }

    private boolean expired(long windowStart) {
        return windowStart <= observedStreamTime - retentionMs;
    }
}
