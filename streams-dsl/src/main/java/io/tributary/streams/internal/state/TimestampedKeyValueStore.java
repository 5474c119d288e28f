package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.KeyValue;
import io.tributary.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A key-value store over serialized keys (so range order is Kafka Streams' byte order), each value kept with the
 * timestamp of the record that wrote it, on a {@link BytesStore}: in memory or in RocksDB, with the same behaviour.
 * Written by its task's thread only; readable from any thread (interactive queries) if its bytes store is.
 */
public class TimestampedKeyValueStore<K, V> extends BytesBackedStore<K, V> implements KeyValueStore<K, V> {
    private final LongSupplier recordTimestamp;

    public TimestampedKeyValueStore(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean logging,
                                    ChangeLogger logger, LongSupplier recordTimestamp, BytesStore bytes) {
        super(name, keySerde, valueSerde, logging, logger, bytes);
        this.recordTimestamp = recordTimestamp;
    }

    @Override
    public @Nullable V get(K key) {
        ValueAndTimestamp<V> v = getWithTimestamp(key);
        return v == null ? null : v.value();
    }

    /** The value of {@code key} with the timestamp it was written with, or null. */
    public @Nullable ValueAndTimestamp<V> getWithTimestamp(K key) {
        StoredValue stored = bytes().get(serializeKey(key));
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
        return list(bytes().range(serializeKey(from), serializeKey(to)));
    }

    /** The entries whose serialized key starts with {@code prefix}, in key order. */
    public List<KeyValue<K, V>> prefixScan(byte[] prefix) {
        return list(bytes().prefixScan(prefix));
    }

    @Override
    public List<KeyValue<K, V>> all() {
        return list(bytes().all());
    }

    @Override
    public long approximateNumEntries() {
        return bytes().approximateNumEntries();
    }

    @Override
    public void restore(byte[] key, byte @Nullable [] value, long timestamp) {
        write(key, value, timestamp);
    }

    private void write(byte[] key, byte @Nullable [] value, long timestamp) {
        if (value == null) {
            bytes().delete(key);
        } else {
            bytes().put(key, new StoredValue(value, timestamp));
        }
    }

    private List<KeyValue<K, V>> list(List<BytesEntry> entries) {
        List<KeyValue<K, V>> out = new ArrayList<>(entries.size());
        for (BytesEntry e : entries) {
            out.add(KeyValue.pair(deserializeKey(e.key()), deserializeValue(e.value().value())));
        }
        return out;
    }
}
