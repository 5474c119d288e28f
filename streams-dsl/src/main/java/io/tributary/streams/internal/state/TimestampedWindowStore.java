package io.tributary.streams.internal.state;

import io.tributary.streams.KeyValue;
import io.tributary.streams.state.WindowStore;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A window store whose values keep the timestamp of the record that wrote them, as windowed aggregations need:
 * {@link InMemoryWindowStore} or {@link SegmentedWindowStore} (RocksDB), with the same behaviour.
 */
public interface TimestampedWindowStore<K, V> extends WindowStore<K, V>, RestorableStore {
    /** Puts with an explicit timestamp (aggregations keep the largest timestamp of the window's records). */
    void put(K key, @Nullable V value, long windowStart, long timestamp);

    /** The value with the timestamp it was written with, or null. */
    @Nullable ValueAndTimestamp<V> fetchWithTimestamp(K key, long windowStart);

    /** The windows of {@code key} starting from {@code timeFrom} to {@code timeTo}, by start, with timestamps. */
    List<KeyValue<Long, ValueAndTimestamp<V>>> fetchWithTimestamps(K key, long timeFrom, long timeTo);

    /** The windows' values without their timestamps. */
    @Override
    default List<KeyValue<Long, V>> fetch(K key, long timeFrom, long timeTo) {
        List<KeyValue<Long, V>> out = new ArrayList<>();
        fetchWithTimestamps(key, timeFrom, timeTo).forEach(kv -> out.add(KeyValue.pair(kv.key(), kv.value().value())));
        return out;
    }
}
