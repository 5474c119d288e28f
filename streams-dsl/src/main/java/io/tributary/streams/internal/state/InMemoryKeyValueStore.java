package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.KeyValue;
import io.tributary.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory key-value store over serialized keys (so range order is Kafka Streams' byte order), each value kept
 * with the timestamp of the record that wrote it. Written by its task's thread only; readable from any thread
 * (interactive queries) because the map is concurrent.
 */
public final class InMemoryKeyValueStore<K, V> extends SerdeStore<K, V> implements KeyValueStore<K, V> {
    private final LongSupplier recordTimestamp;
    private final NavigableMap<Bytes, StoredValue> map = new ConcurrentSkipListMap<>();

    public InMemoryKeyValueStore(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean logging,
                                 ChangeLogger logger, LongSupplier recordTimestamp) {
        super(name, keySerde, valueSerde, logging, logger);
        this.recordTimestamp = recordTimestamp;
    }

    @Override
    public @Nullable V get(K key) {
        ValueAndTimestamp<V> v = getWithTimestamp(key);
        return v == null ? null : v.value();
    }

    /** The value of {@code key} with the timestamp it was written with, or null. */
    public @Nullable ValueAndTimestamp<V> getWithTimestamp(K key) {
        StoredValue stored = map.get(Bytes.wrap(serializeKey(key)));
        return stored == null ? null : new ValueAndTimestamp<>(deserializeValue(stored.value()), stored.timestamp());
    }

    @Override
    public void put(K key, @Nullable V value) {
        put(key, value, recordTimestamp.getAsLong());
    }

    /** Puts with an explicit timestamp (tables keep the timestamp of the value's record). */
    public void put(K key, @Nullable V value, long timestamp) {
        byte[] k = serializeKey(key);
        byte[] v = serializeValue(value);
        write(k, v, timestamp);
        log(k, v, timestamp);
    }

    @Override
    public @Nullable V putIfAbsent(K key, V value) {
        V old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        for (KeyValue<K, V> e : entries) {
            put(requireNonNull(e.key(), "key"), e.value());
        }
    }

    @Override
    public @Nullable V delete(K key) {
        V old = get(key);
        put(key, null);
        return old;
    }

    @Override
    public List<KeyValue<K, V>> range(K from, K to) {
        Bytes f = Bytes.wrap(serializeKey(from));
        Bytes t = Bytes.wrap(serializeKey(to));
        if (f.compareTo(t) > 0) {
            return List.of();
        }
        return list(map.subMap(f, true, t, true));
    }

    /** The entries whose serialized key starts with {@code prefix}, in key order. */
    public List<KeyValue<K, V>> prefixScan(byte[] prefix) {
        Map<Bytes, StoredValue> matching = new java.util.LinkedHashMap<>();
        for (Map.Entry<Bytes, StoredValue> e : map.tailMap(Bytes.wrap(prefix), true).entrySet()) {
            byte[] key = e.getKey().get();
            if (!java.util.Arrays.equals(key, 0, Math.min(key.length, prefix.length), prefix, 0, prefix.length)
                || key.length < prefix.length) {
                break;
            }
            matching.put(e.getKey(), e.getValue());
        }
        return list(matching);
    }

    @Override
    public List<KeyValue<K, V>> all() {
        return list(map);
    }

    @Override
    public long approximateNumEntries() {
        return map.size();
    }

    @Override
    public void restore(byte[] key, byte @Nullable [] value, long timestamp) {
        write(key, value, timestamp);
    }

    private void write(byte[] key, byte @Nullable [] value, long timestamp) {
        if (value == null) {
            map.remove(Bytes.wrap(key));
        } else {
            map.put(Bytes.wrap(key), new StoredValue(value, timestamp));
        }
    }

    private List<KeyValue<K, V>> list(Map<Bytes, StoredValue> entries) {
        List<KeyValue<K, V>> out = new ArrayList<>();
        for (Map.Entry<Bytes, StoredValue> e : entries.entrySet()) {
            out.add(KeyValue.pair(deserializeKey(e.getKey().get()), deserializeValue(e.getValue().value())));
        }
        return out;
    }
}
