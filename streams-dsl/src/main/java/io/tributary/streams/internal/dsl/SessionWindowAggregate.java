package io.tributary.streams.internal.dsl;

import io.tributary.streams.Aggregator;
import io.tributary.streams.KeyValue;
import io.tributary.streams.Merger;
import io.tributary.streams.SessionWindows;
import io.tributary.streams.Window;
import io.tributary.streams.Windowed;
import io.tributary.streams.processor.ProcessorContext;
import io.tributary.streams.processor.Record;
import io.tributary.streams.state.SessionStore;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates per session, as Kafka Streams does: a record at {@code t} merges with the sessions of its key that end
 * at or after {@code t - gap} and start at or before {@code t + gap}. Unless the merged session ends before stream
 * time minus gap minus grace (then the record is late and dropped), each merged session that differs from the
 * record's own {@code [t, t]} is removed and forwarded as deleted, and the new session's aggregate is stored and
 * forwarded; each forwarded record has its session's end as timestamp. Records with a null key are dropped; null
 * values are aggregated. With the record cache, as Kafka Streams' caching session store: between two flushes each
 * session goes out once, with its last aggregate or, if it was removed, a tombstone, unless it was created since the
 * last flush (downstream never saw it).
 */
final class SessionWindowAggregate<K, V, VA>
    extends StoreProcessor<K, V, Windowed<K>, Change<VA>, SessionStore<K, VA>> {
    private final SessionWindows windows;
    private final Supplier<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> aggregator;
    private final Merger<? super K, VA> merger;
    private final boolean caching;
    private long observedStreamTime = -1;
    private UpdateForwarder<Windowed<K>, VA> updates;

    SessionWindowAggregate(String storeName, boolean caching, SessionWindows windows, Supplier<VA> initializer,
                           Aggregator<? super K, ? super V, VA> aggregator, Merger<? super K, VA> merger) {
        super(storeName);
        this.caching = caching;
        this.windows = windows;
        this.initializer = initializer;
        this.aggregator = aggregator;
        this.merger = merger;
    }

    @Override
    public void init(ProcessorContext<Windowed<K>, Change<VA>> context) {
        super.init(context);
        updates = UpdateForwarder.of(context, storeName(), caching);
    }

    @Override
    public void process(Record<K, V> record) {
        K key = record.key();
        if (key == null) {
            Dropped.log(context(), "session aggregation " + storeName(), "null key");
            return;
        }
        long t = record.timestamp();
        long gap = windows.inactivityGap();
        observedStreamTime = Math.max(observedStreamTime, t);
        long closeTime = observedStreamTime - windows.gracePeriodMs() - gap;
        Window own = new Window(t, t);
        Window merged = own;
        VA aggregate = initializer.get();
        List<KeyValue<Windowed<K>, VA>> sessions = store().findSessions(key, t - gap, t + gap);
        for (KeyValue<Windowed<K>, VA> session : sessions) {
            aggregate = merger.apply(key, aggregate, session.value());
            Window w = session.key().window();
            merged = new Window(Math.min(merged.start(), w.start()), Math.max(merged.end(), w.end()));
        }
        if (merged.end() < closeTime) {
            Dropped.log(context(), "session aggregation " + storeName(), "late: session " + merged
                + " closed at stream time " + observedStreamTime);
            return;
        }
        // Whether the merged session is in the store: only as the record's own [t, t] (a wider one was merged).
        boolean existed = merged.equals(own) && !sessions.isEmpty();
        if (!merged.equals(own)) {
            // Even a session that the record falls into is deleted and written anew, as Kafka Streams does.
            for (KeyValue<Windowed<K>, VA> session : sessions) {
                updates.write(session.key(), true, () -> store().remove(session.key()),
                    update(record, session.key(), null));
            }
        }
        VA result = aggregator.apply(key, record.value(), aggregate);
        Windowed<K> session = new Windowed<>(key, merged);
        updates.write(session, existed, () -> store().put(session, result), update(record, session, result));
    }

    private Record<Windowed<K>, Change<VA>> update(Record<K, V> record, Windowed<K> session, @Nullable VA aggregate) {
        return new Record<>(session, Change.of(aggregate), session.window().end(), record.headers());
    }
}
