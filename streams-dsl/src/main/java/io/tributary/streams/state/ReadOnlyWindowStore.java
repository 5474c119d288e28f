package io.tributary.streams.state;

import io.tributary.streams.KeyValue;
import io.tributary.streams.Windowed;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads of a window store: values per key and window start. Windows older than the store's retention (measured in
 * stream time) are gone. Safe to call from any thread; lists are snapshots.
 *
 * @since 0.1
 */
public interface ReadOnlyWindowStore<K, V> {
    /** The value of {@code key} in the window starting at {@code windowStart}, or null. */
    @Nullable V fetch(K key, long windowStart);

    /** The values of {@code key} in windows starting from {@code timeFrom} to {@code timeTo}, by window start. */
    List<KeyValue<Long, V>> fetch(K key, long timeFrom, long timeTo);

    /** Every entry, ordered by key bytes, then window start. */
    List<KeyValue<Windowed<K>, V>> all();
}
