package io.tributary.streams.internal.dsl;

import io.tributary.streams.Aggregator;
import io.tributary.streams.TimeWindows;
import io.tributary.streams.Window;
import io.tributary.streams.Windowed;
import io.tributary.streams.internal.state.TimestampedKeyValueStore;
import io.tributary.streams.internal.state.TimestampedWindowStore;
import io.tributary.streams.internal.state.ValueAndTimestamp;
import io.tributary.streams.processor.ProcessorContext;
import io.tributary.streams.processor.Record;
import java.util.function.Supplier;

/** Aggregations of grouped streams: count, reduce and aggregate, per key or per key and window. */
final class AggregateProcessors {
    private AggregateProcessors() {
    }

    /**
     * Folds each record into its key's aggregate. Records with a null key or value are dropped. The aggregate's
     * timestamp is the largest of its records'. (Reduce is an aggregate whose initializer gives null.)
     */
    static final class PerKey<K, V, VA> extends StoreProcessor<K, V, K, Change<VA>, TimestampedKeyValueStore<K, VA>> {
        private final boolean caching;
        private final Supplier<VA> initializer;
        private final Aggregator<? super K, ? super V, VA> aggregator;
        private UpdateForwarder<K, VA> updates;

        PerKey(String storeName, boolean caching, Supplier<VA> initializer,
               Aggregator<? super K, ? super V, VA> aggregator) {
            super(storeName);
            this.caching = caching;
            this.initializer = initializer;
            this.aggregator = aggregator;
        }

        @Override
        public void init(ProcessorContext<K, Change<VA>> context) {
            super.init(context);
            updates = UpdateForwarder.of(context, storeName(), caching);
        }

        @Override
        public void process(Record<K, V> record) {
            if (record.key() == null || record.value() == null) {
                Dropped.log(context(), "aggregation " + storeName(), "null key or value");
                return;
            }
            ValueAndTimestamp<VA> old = store().getWithTimestamp(record.key());
            VA start = old == null ? initializer.get() : old.value();
            long timestamp = old == null ? record.timestamp() : Math.max(record.timestamp(), old.timestamp());
            VA next = aggregator.apply(record.key(), record.value(), start);
            updates.write(record.key(), old != null, () -> store().put(record.key(), next, timestamp),
                record.withValue(Change.of(next)).withTimestamp(timestamp));
        }
    }

    /**
     * Folds each record into the aggregates of the windows containing its timestamp. A window closes when the
     * largest timestamp this processor has seen passes its end plus grace; records for closed windows are dropped.
     * Records with a null key are dropped.
     */
    static final class PerWindow<K, V, VA>
        extends StoreProcessor<K, V, Windowed<K>, Change<VA>, TimestampedWindowStore<K, VA>> {
        private final boolean caching;
        private final TimeWindows windows;
        private final Supplier<VA> initializer;
        private final Aggregator<? super K, ? super V, VA> aggregator;
        private long observedStreamTime = -1;
        private UpdateForwarder<Windowed<K>, VA> updates;

        PerWindow(String storeName, boolean caching, TimeWindows windows, Supplier<VA> initializer,
                  Aggregator<? super K, ? super V, VA> aggregator) {
            super(storeName);
            this.caching = caching;
            this.windows = windows;
            this.initializer = initializer;
            this.aggregator = aggregator;
        }

        @Override
        public void init(ProcessorContext<Windowed<K>, Change<VA>> context) {
            super.init(context);
            updates = UpdateForwarder.of(context, storeName(), caching);
        }

        @Override
        public void process(Record<K, V> record) {
            if (record.key() == null) {
                Dropped.log(context(), "windowed aggregation " + storeName(), "null key");
                return;
            }
            observedStreamTime = Math.max(observedStreamTime, record.timestamp());
            long closeTime = observedStreamTime - windows.gracePeriodMs();
            for (Window window : windows.windowsFor(record.timestamp())) {
                if (window.end() <= closeTime) {
                    Dropped.log(context(), "windowed aggregation " + storeName(), "late: window " + window
                        + " closed at stream time " + observedStreamTime);
                    continue;
                }
                ValueAndTimestamp<VA> old = store().fetchWithTimestamp(record.key(), window.start());
                VA start = old == null ? initializer.get() : old.value();
                long timestamp = old == null ? record.timestamp() : Math.max(record.timestamp(), old.timestamp());
                VA next = aggregator.apply(record.key(), record.value(), start);
                Windowed<K> key = new Windowed<>(record.key(), window);
                updates.write(key, old != null, () -> store().put(record.key(), next, window.start(), timestamp),
                    new Record<>(key, Change.of(next), timestamp, record.headers()));
            }
        }
    }
}
