package io.tributary.streams.internal.dsl;

import io.tributary.streams.Windowed;
import io.tributary.streams.internal.state.SuppressionBuffer;
import io.tributary.streams.processor.Record;
import java.util.List;

/**
 * suppress(untilWindowCloses): buffers the latest update per window and emits it once the largest timestamp this
 * processor has seen passes the window's end plus grace, when no update can come any more.
 */
final class WindowCloseSuppressor<K, V>
    extends StoreProcessor<Windowed<K>, Change<V>, Windowed<K>, Change<V>, SuppressionBuffer<K, V>> {
    private final long graceMs;
    private long observedStreamTime = -1;

    WindowCloseSuppressor(String storeName, long graceMs) {
        super(storeName);
        this.graceMs = graceMs;
    }

    @Override
    public void process(Record<Windowed<K>, Change<V>> record) {
        observedStreamTime = Math.max(observedStreamTime, record.timestamp());
        store().put(record.key(), record.value().newValue(), record.timestamp());
        store().evictUntil(observedStreamTime - graceMs, e -> context().forward(new Record<>(e.key(),
            Change.of(e.value()), e.timestamp(), List.of())));
    }
}
