package io.tributary.streams.internal.dsl;

import io.tributary.streams.internal.engine.ForwardBuffer;
import io.tributary.streams.internal.engine.RecordCache;
import io.tributary.streams.processor.ProcessorContext;
import io.tributary.streams.processor.Record;
import org.jspecify.annotations.Nullable;

/**
 * How a DSL operation that keeps a table in a store (aggregations, source and materialized tables) writes a key and
 * sends its update: at once, or through the task's record cache when the operation caches and the task has a cache.
 * Cached, a key's updates between two flushes go out once, with the latest value, timestamp and headers and, where
 * the operation sends old values, the value at the last flush (what downstream last saw); a key created and deleted
 * between two flushes is neither forwarded nor logged. Owned by one processor.
 *
 * @param <KO> the key of the updates
 * @param <V>  the value of the table
 */
final class UpdateForwarder<KO, V> {
    private final ProcessorContext<KO, Change<V>> context;
    private final @Nullable ForwardBuffer<KO, Change<V>> cache;

    private UpdateForwarder(ProcessorContext<KO, Change<V>> context, @Nullable ForwardBuffer<KO, Change<V>> cache) {
        this.context = context;
        this.cache = cache;
    }

    /** Call from the processor's {@code init}; {@code caching}: whether its store is cached (Materialized). */
    static <KO, V> UpdateForwarder<KO, V> of(ProcessorContext<KO, Change<V>> context, String storeName,
                                             boolean caching) {
        return new UpdateForwarder<>(context, caching ? RecordCache.register(context, storeName) : null);
    }

    /**
     * Runs {@code storeWrite} (the store write of one key) and sends {@code update} of that key; {@code cacheKey}
     * identifies the key in the cache (equal keys, equal rows), {@code existedBefore} tells whether the store had
     * the key before the write.
     */
    void write(Object cacheKey, boolean existedBefore, Runnable storeWrite, Record<KO, Change<V>> update) {
        ForwardBuffer<KO, Change<V>> c = cache;
        if (c == null) {
            storeWrite.run();
            context.forward(update);
            return;
        }
        c.write(existedBefore, storeWrite);
        Record<KO, Change<V>> pending = c.pending(cacheKey);
        Change<V> change = update.value();
        // The old value downstream knows is the one forwarded at the last flush, not the ones held back since.
        V oldAtFlush = pending == null ? change.oldValue() : pending.value().oldValue();
        c.put(cacheKey, update.withValue(new Change<>(change.newValue(), oldAtFlush)), existedBefore,
            change.newValue() == null);
    }
}
