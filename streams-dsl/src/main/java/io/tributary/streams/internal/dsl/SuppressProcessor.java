package io.tributary.streams.internal.dsl;

import io.tributary.streams.Suppressed;
import io.tributary.streams.internal.engine.FatalProcessingException;
import io.tributary.streams.internal.state.SuppressionBuffer;
import io.tributary.streams.processor.Record;
import java.util.function.ToLongFunction;

/**
 * suppress: buffers each key's latest update and emits it once stream time (the largest timestamp this processor has
 * seen) reaches its buffer time plus the wait. Final results ({@code untilWindowCloses}): the buffer time is the
 * window's end and the wait its grace, so a window leaves once no update can come any more, and a window deleted
 * meanwhile leaves nothing. A time limit: the buffer time is the timestamp of the update that put the key in, the
 * wait the limit, and a deletion is emitted like any update. Past its bound the buffer emits its oldest updates
 * early or fails the application, as its {@link Suppressed.BufferConfig} says.
 */
final class SuppressProcessor<K, V> extends StoreProcessor<K, Change<V>, K, Change<V>, SuppressionBuffer<K, V>> {
    private final ToLongFunction<Record<K, Change<V>>> bufferTime;
    private final long waitMs;
    private final Suppressed.BufferConfig bound;
    private final boolean finalResults;
    private long observedStreamTime = Long.MIN_VALUE;

    private SuppressProcessor(String storeName, ToLongFunction<Record<K, Change<V>>> bufferTime, long waitMs,
                              Suppressed.BufferConfig bound, boolean finalResults) {
        super(storeName);
        this.bufferTime = bufferTime;
        this.waitMs = waitMs;
        this.bound = bound;
        this.finalResults = finalResults;
    }

    /** Final results of a windowed table whose windows close {@code graceMs} after their end. */
    static <K, V> SuppressProcessor<io.tributary.streams.Windowed<K>, V> untilWindowCloses(String storeName,
                                                                                            long graceMs,
                                                                                            Suppressed.BufferConfig b) {
        return new SuppressProcessor<>(storeName, r -> r.key().window().end(), graceMs, b, true);
    }

    /** A key's latest update, {@code limitMs} of stream time after the update that put it in the buffer. */
    static <K, V> SuppressProcessor<K, V> untilTimeLimit(String storeName, long limitMs, Suppressed.BufferConfig b) {
        return new SuppressProcessor<>(storeName, Record::timestamp, limitMs, b, false);
    }

    @Override
    public void process(Record<K, Change<V>> record) {
        observedStreamTime = Math.max(observedStreamTime, record.timestamp());
        // Downstream saw nothing of a window before its final result; under a time limit it saw the old value.
        store().put(record.key(), record.value().newValue(), finalResults ? null : record.value().oldValue(),
            bufferTime.applyAsLong(record), record.timestamp(), record.headers());
        long expiry = observedStreamTime - waitMs;
        store().evictWhile(() -> store().minTime() <= expiry, this::emit);
        if (overCapacity()) {
            if (!bound.emitsEarlyWhenFull()) {
                throw new FatalProcessingException("The suppression buffer " + storeName() + " is full ("
                    + store().size() + " of at most " + bound.maxRecords() + " records, " + store().sizeInBytes()
                    + " of at most " + bound.maxBytes() + " bytes) and told to shut down when full");
            }
            store().evictWhile(this::overCapacity, this::emit);
        }
    }

    private boolean overCapacity() {
        return store().size() > bound.maxRecords() || store().sizeInBytes() > bound.maxBytes();
    }

    private void emit(SuppressionBuffer.Eviction<K, V> e) {
        if (finalResults && e.value() == null) {
            return;
        }
        context().forward(new Record<>(e.key(), new Change<>(e.value(), e.priorValue()), e.timestamp(), e.headers()));
    }
}
