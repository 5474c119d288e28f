package io.tributary.streams.state;

import io.tributary.streams.KeyValue;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads of a key-value store, as interactive queries see it. Keys are ordered by their serialized bytes (unsigned,
 * lexicographically), as Kafka Streams orders them. Safe to call from any thread; lists are snapshots.
 *
 * @since 0.1
 */
public interface ReadOnlyKeyValueStore<K, V> {
    /** The value of {@code key}, or null. */
    @Nullable V get(K key);

    /** The entries with keys from {@code from} to {@code to}, both included, in key order. */
    List<KeyValue<K, V>> range(K from, K to);

    /** Every entry, in key order. */
    List<KeyValue<K, V>> all();

    /** The number of entries. */
    long approximateNumEntries();
}
