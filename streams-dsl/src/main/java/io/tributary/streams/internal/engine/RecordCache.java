package io.tributary.streams.internal.engine;

import io.tributary.streams.internal.state.Bytes;
import io.tributary.streams.processor.ProcessorContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A task's record cache, as Kafka Streams' {@code statestore.cache.max.bytes}: a caching DSL operation forwards its
 * updates through a {@link ForwardBuffer} and its store's changelog writes wait here, the latest per key, until the
 * task flushes (on commit, or when the instance's {@link CacheBudget} is exceeded), so a key updated many times
 * between flushes is forwarded and logged once; a key created and deleted between two flushes not at all. Keys go
 * out in the order of their latest update, as in Kafka Streams. The stores themselves (in memory or RocksDB) are
 * always current, so reads need no cache. Owned by one task; not thread-safe.
 */
public final class RecordCache {
    private final CacheBudget budget;
    private final RecordCollector collector;
    private final List<Registered> buffers = new ArrayList<>();
    /** Changelog writes held back, per cached store, latest per key, in the order of each key's latest write. */
    private final Map<String, LinkedHashMap<Bytes, Held>> writes = new LinkedHashMap<>();
    private long bytes;
    /** While a caching operation writes its store: whether the key written had a value before; else null. */
    private @Nullable Boolean existedBeforeWrite;

    private record Registered(ProcessorNode node, ForwardBuffer<?, ?> buffer) {
    }

    /** A held write, and whether its key had a value in the changelog (at the last flush). */
    private record Held(OutputRecord write, boolean existedAtFlush) {
    }

    RecordCache(CacheBudget budget, RecordCollector collector) {
        this.budget = budget;
        this.collector = collector;
    }

    /**
     * The buffer a caching DSL operation forwards through, registered for the node being initialized, whose store
     * {@code storeName}'s changelog is cached from now on; null when caching is off (a cache size of 0, or a
     * context that is not a task's), so the caller forwards at once.
     */
    public static <K, V> @Nullable ForwardBuffer<K, V> register(ProcessorContext<?, ?> context, String storeName) {
        if (!(context instanceof TaskContext task) || !task.recordCache().budget.enabled()) {
            return null;
        }
        RecordCache cache = task.recordCache();
        ForwardBuffer<K, V> buffer = new ForwardBuffer<>(cache, task);
        ProcessorNode node = task.currentNode();
        if (node == null) {
            throw new IllegalStateException("A record cache is registered while a processor is initialized");
        }
        cache.buffers.add(new Registered(node, buffer));
        cache.writes.putIfAbsent(storeName, new LinkedHashMap<>());
        return buffer;
    }

    /** Whether a caching operation of the task registered: its updates wait for {@link #flush}. */
    boolean active() {
        return !buffers.isEmpty();
    }

    /** Runs a caching operation's store write, knowing whether the key written had a value before it. */
    void write(boolean existedBefore, Runnable storeWrite) {
        existedBeforeWrite = existedBefore;
        try {
            storeWrite.run();
        } finally {
            existedBeforeWrite = null;
        }
    }

    /**
     * Holds a changelog write of a cached store back; false if {@code storeName} is not cached. A tombstone of a key
     * that the changelog does not have (created since the last flush) replaces nothing and is dropped; a write not
     * made through {@link #write} is assumed to be of a key the changelog has.
     */
    boolean hold(String storeName, OutputRecord write) {
        LinkedHashMap<Bytes, Held> pending = writes.get(storeName);
        if (pending == null || write.key() == null) {
            return false;
        }
        Bytes key = Bytes.wrap(write.key());
        // Removed and put back, so that keys flush in the order of their latest write.
        Held previous = pending.remove(key);
        boolean existedAtFlush = previous != null ? previous.existedAtFlush()
            : !Boolean.FALSE.equals(existedBeforeWrite);
        long delta = previous == null ? 0 : -size(previous.write());
        if (write.value() != null || existedAtFlush) {
            pending.put(key, new Held(write, existedAtFlush));
            delta += size(write);
        }
        bytes += delta;
        budget.add(delta);
        return true;
    }

    /** Whether the instance's caches hold more than their budget and this one holds anything. */
    boolean overBudget() {
        return bytes > 0 && budget.exceeded();
    }

    /**
     * Forwards every buffered update (in node order, so an update reaching a caching aggregation further down is
     * flushed by it in the same pass), then hands the held changelog writes to the collector.
     */
    void flush(TaskContext context) {
        for (Registered r : buffers) {
            context.setCurrentNode(r.node());
            context.setRecord(null, -1);
            try {
                r.buffer().flush(context);
            } finally {
                context.setCurrentNode(null);
            }
        }
        for (LinkedHashMap<Bytes, Held> pending : writes.values()) {
            pending.values().forEach(held -> collector.add(held.write()));
            pending.clear();
        }
        release();
    }

    /** Drops what is held (a closed task's updates are not forwarded) and gives its bytes back to the budget. */
    void release() {
        budget.add(-bytes);
        bytes = 0;
    }

    private static long size(OutputRecord write) {
        byte[] key = write.key();
        byte[] value = write.value();
        // Keys and values, plus a rough per-entry overhead of the map and the record.
        return (key == null ? 0 : key.length) + (value == null ? 0 : value.length) + 64;
    }
}
