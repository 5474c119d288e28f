package io.tributary.streams.internal.engine;

import io.tributary.streams.processor.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The cached side of a caching DSL operation: the latest update per key, forwarded when the task's cache flushes
 * (one update per key per flush instead of one per input), in the order of each key's latest update since the last
 * flush, as Kafka Streams' record cache does. It remembers whether a key had a value at the last flush, so that a key
 * created and deleted between two flushes is neither forwarded nor logged: downstream never saw it. Owned by one
 * processor of one task; not thread-safe.
 *
 * @param <K> the key of the records forwarded
 * @param <V> their value
 */
public final class ForwardBuffer<K, V> {
    private final RecordCache cache;
    private final TaskContext context;
    private final LinkedHashMap<Object, Pending<K, V>> latest = new LinkedHashMap<>();

    /** {@code origin}: the input whose processing made the update (null: a punctuation), its context at flush. */
    private record Pending<K, V>(Record<K, V> update, boolean existedAtFlush, @Nullable InputRecord origin) {
    }

    ForwardBuffer(RecordCache cache, TaskContext context) {
        this.cache = cache;
        this.context = context;
    }

    /**
     * Runs {@code storeWrite}, the owner's write of one key to its cached store; {@code existedBefore} says whether
     * the key had a value before it, which decides whether the store's changelog needs a tombstone for it.
     */
    public void write(boolean existedBefore, Runnable storeWrite) {
        cache.write(existedBefore, storeWrite);
    }

    /** The update of {@code key} waiting for the next flush, or null. */
    public @Nullable Record<K, V> pending(Object key) {
        Pending<K, V> p = latest.get(key);
        return p == null ? null : p.update();
    }

    /**
     * Makes {@code update} the update of {@code key} to forward at the next flush, after those of the other keys.
     * {@code existedBefore}: whether the key had a value before this update. A deletion ({@code deletes}) of a key
     * that had none at the last flush cancels what is pending instead: there is nothing to tell.
     */
    public void put(Object key, Record<K, V> update, boolean existedBefore, boolean deletes) {
        Pending<K, V> previous = latest.remove(key);
        boolean existedAtFlush = previous == null ? existedBefore : previous.existedAtFlush();
        if (!deletes || existedAtFlush) {
            latest.put(key, new Pending<>(update, existedAtFlush, context.currentInput()));
        }
    }

    /** Forwards the pending updates through {@code context} (whose current node is the owner) and forgets them. */
    void flush(TaskContext context) {
        if (latest.isEmpty()) {
            return;
        }
        List<Pending<K, V>> out = new ArrayList<>(latest.values());
        latest.clear();
        // Each update keeps the timestamp and headers of the input that made it, and goes out in that input's context.
        out.forEach(p -> context.forwardCached(p.update(), p.origin()));
    }
}
