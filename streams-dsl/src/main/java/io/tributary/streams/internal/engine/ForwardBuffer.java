package io.tributary.streams.internal.engine;

import io.tributary.streams.processor.Record;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cached side of a caching aggregation: the latest update per key, forwarded when the task's cache flushes
 * (one update per key per flush instead of one per input), in the order the keys were first updated since the last
 * flush, as Kafka Streams' record cache does. Owned by one processor of one task.
 *
 * @param <K> the key of the records forwarded
 * @param <V> their value
 */
public final class ForwardBuffer<K, V> {
    private final LinkedHashMap<Object, Record<K, V>> latest = new LinkedHashMap<>();

    ForwardBuffer() {
    }

    /** Replaces the pending update of {@code key} (keeping its place), or queues one. */
    public void put(Object key, Record<K, V> update) {
        latest.put(key, update);
    }

    /** Forwards the pending updates through {@code context} (whose current node is the owner) and forgets them. */
    void flush(TaskContext context) {
        if (latest.isEmpty()) {
            return;
        }
        Map<Object, Record<K, V>> out = new LinkedHashMap<>(latest);
        latest.clear();
        out.values().forEach(context::forward);
    }
}
