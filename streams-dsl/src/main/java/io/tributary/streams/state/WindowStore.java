package io.tributary.streams.state;

import org.jspecify.annotations.Nullable;

/**
 * A window store a processor reads and writes; writes are logged like {@link KeyValueStore}'s.
 *
 * @since 0.1
 */
public interface WindowStore<K, V> extends StateStore, ReadOnlyWindowStore<K, V> {
    /** Sets the value of {@code key} in the window starting at {@code windowStart}; null deletes. */
    void put(K key, @Nullable V value, long windowStart);
}
