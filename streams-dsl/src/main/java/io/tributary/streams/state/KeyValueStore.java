package io.tributary.streams.state;

import io.tributary.streams.KeyValue;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A key-value store a processor reads and writes. Each write is logged to the changelog with the timestamp of the
 * record being processed; deleting (or putting null) logs a tombstone.
 *
 * @since 0.1
 */
public interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {
    /** Sets {@code key} to {@code value}; null deletes. */
    void put(K key, @Nullable V value);

    /** Sets {@code key} to {@code value} unless it has a value; returns the value it had, or null. */
    @Nullable V putIfAbsent(K key, V value);

    /** Puts every entry. */
    void putAll(List<KeyValue<K, V>> entries);

    /** Deletes {@code key}; returns the value it had, or null. */
    @Nullable V delete(K key);
}
