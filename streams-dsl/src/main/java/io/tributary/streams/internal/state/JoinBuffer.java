package io.tributary.streams.internal.state;

import io.tributary.streams.KeyValue;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One side of a stream-stream join: every record by key and timestamp, duplicates kept in arrival order, for as
 * long as the join window plus grace (measured from the largest timestamp stored). Logged with key = key bytes +
 * 8-byte timestamp + 4-byte sequence number. {@link InMemoryJoinBuffer} or {@link SegmentedJoinBuffer} (RocksDB),
 * with the same behaviour and changelog. Written and read by its task's thread only.
 */
public interface JoinBuffer<K, V> extends RestorableStore {
    /**
     * Keeps a record; records beyond retention are ignored. A null value keeps nothing but still moves the
     * store's time on (expiring old records), as Kafka Streams' window stores do.
     */
    void put(K key, @Nullable V value, long timestamp);

    /** The records of {@code key} with timestamps from {@code from} to {@code to}, by timestamp then arrival. */
    List<KeyValue<Long, V>> fetch(K key, long from, long to);
}
