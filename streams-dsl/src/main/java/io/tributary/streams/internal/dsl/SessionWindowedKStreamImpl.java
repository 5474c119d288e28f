package io.tributary.streams.internal.dsl;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.serdes.Serdes;
import io.tributary.streams.Aggregator;
import io.tributary.streams.KTable;
import io.tributary.streams.Materialized;
import io.tributary.streams.Merger;
import io.tributary.streams.SessionWindowedKStream;
import io.tributary.streams.SessionWindows;
import io.tributary.streams.Windowed;
import io.tributary.streams.internal.state.SessionStoreSpec;
import io.tributary.streams.internal.state.WindowedKeyLayout;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A grouped stream windowed by {@link SessionWindows}; aggregations keep a session store. */
final class SessionWindowedKStreamImpl<K, V> implements SessionWindowedKStream<K, V> {
    private final DslBuilder builder;
    private final KGroupedStreamImpl<K, V> grouped;
    private final @Nullable Serde<V> valueSerde;
    private final SessionWindows windows;

    SessionWindowedKStreamImpl(DslBuilder builder, KGroupedStreamImpl<K, V> grouped, @Nullable Serde<V> valueSerde,
                               SessionWindows windows) {
        this.builder = builder;
        this.grouped = grouped;
        this.valueSerde = valueSerde;
        this.windows = windows;
    }

    @Override
    public KTable<Windowed<K>, Long> count(Materialized<K, Long> materialized) {
        requireNonNull(materialized, "materialized");
        return countWith(materialized);
    }

    @Override
    public KTable<Windowed<K>, Long> count() {
        return countWith(null);
    }

    private KTable<Windowed<K>, Long> countWith(@Nullable Materialized<K, Long> materialized) {
        return aggregate("session windowed count()", () -> 0L, (k, v, agg) -> agg + 1, (k, a, b) -> a + b,
            materialized, Serdes.longSerde());
    }

    @Override
    public KTable<Windowed<K>, V> reduce(BinaryOperator<V> reducer, Materialized<K, V> materialized) {
        requireNonNull(reducer, "reducer");
        requireNonNull(materialized, "materialized");
        // Kafka Streams merges sessions with the same reducer, the merged session's aggregate as the new value.
        Aggregator<K, V, V> reduce = (k, v, agg) -> agg == null ? v : reducer.apply(agg, v);
        return aggregate("session windowed reduce()", () -> null, reduce, (k, a, b) -> reduce.apply(k, b, a),
            materialized, valueSerde);
    }

    @Override
    public <VA> KTable<Windowed<K>, VA> aggregate(Supplier<VA> initializer,
                                                  Aggregator<? super K, ? super V, VA> aggregator,
                                                  Merger<? super K, VA> merger, Materialized<K, VA> materialized) {
        requireNonNull(materialized, "materialized");
        return aggregate("session windowed aggregate()", initializer, aggregator, merger, materialized, null);
    }

    private <VA> KTable<Windowed<K>, VA> aggregate(String operation, Supplier<VA> initializer,
                                                   Aggregator<? super K, ? super V, VA> aggregator,
                                                   Merger<? super K, VA> merger,
                                                   @Nullable Materialized<K, VA> materialized,
                                                   @Nullable Serde<VA> defaultValueSerde) {
        requireNonNull(initializer, "initializer");
        requireNonNull(aggregator, "aggregator");
        requireNonNull(merger, "merger");
        AggregateStore<K, VA> s = AggregateStore.of(builder, operation, materialized, grouped.keySerde(),
            defaultValueSerde);
        String store = s.name();
        long minRetention = windows.inactivityGap() + windows.gracePeriodMs();
        long retention = materialized != null && materialized.retention() != null
            ? materialized.retention().toMillis() : minRetention;
        if (retention < minRetention) {
            throw new IllegalArgumentException("Retention of session store " + store + " must be at least the "
                + "inactivity gap plus grace, " + minRetention + " ms, was " + retention + " ms");
        }
        String input = grouped.input(store);
        String name = builder.addProcessor(builder.nodeName((String) null, "KSTREAM-SESSION-WINDOWED-AGGREGATE"),
            () -> new SessionWindowAggregate<>(store, s.cachingEnabled(), windows, initializer, aggregator,
                merger), input);
        builder.graph().addStore(new SessionStoreSpec<>(store, s.keySerde(), s.valueSerde(), retention,
            s.loggingEnabled(), s.changelogConfig(), s.storeType()), name);
        return new KTableImpl<>(builder, name, store, null, s.valueSerde(), new WindowedTable(
            windows.inactivityGap() + windows.gracePeriodMs(), new WindowedKeyLayout.Session(), s.keySerde()));
    }
}
