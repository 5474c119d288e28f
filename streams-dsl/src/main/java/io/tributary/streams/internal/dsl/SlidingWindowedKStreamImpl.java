package io.tributary.streams.internal.dsl;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.serdes.Serdes;
import io.tributary.streams.Aggregator;
import io.tributary.streams.KTable;
import io.tributary.streams.Materialized;
import io.tributary.streams.SlidingWindows;
import io.tributary.streams.TimeWindowedKStream;
import io.tributary.streams.Windowed;
import io.tributary.streams.internal.state.WindowStoreSpec;
import io.tributary.streams.internal.state.WindowedKeyLayout;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A grouped stream windowed by {@link SlidingWindows}; aggregations keep a window store of windows of the time
 * difference, retained for twice the time difference plus grace (a new record may need the window before its
 * left window to build its neighbours' windows, as in Kafka Streams).
 */
final class SlidingWindowedKStreamImpl<K, V> implements TimeWindowedKStream<K, V> {
    private final DslBuilder builder;
    private final KGroupedStreamImpl<K, V> grouped;
    private final @Nullable Serde<V> valueSerde;
    private final SlidingWindows windows;

    SlidingWindowedKStreamImpl(DslBuilder builder, KGroupedStreamImpl<K, V> grouped, @Nullable Serde<V> valueSerde,
                               SlidingWindows windows) {
        this.builder = builder;
        this.grouped = grouped;
        this.valueSerde = valueSerde;
        this.windows = windows;
    }

    @Override
    public KTable<Windowed<K>, Long> count(Materialized<K, Long> materialized) {
        requireNonNull(materialized, "materialized");
        return aggregate("sliding windowed count()", () -> 0L, (k, v, agg) -> agg + 1, materialized,
            Serdes.longSerde());
    }

    @Override
    public KTable<Windowed<K>, Long> count() {
        return aggregate("sliding windowed count()", () -> 0L, (k, v, agg) -> agg + 1, null, Serdes.longSerde());
    }

    @Override
    public KTable<Windowed<K>, V> reduce(BinaryOperator<V> reducer, Materialized<K, V> materialized) {
        requireNonNull(reducer, "reducer");
        requireNonNull(materialized, "materialized");
        return aggregate("sliding windowed reduce()", () -> null,
            (k, v, agg) -> agg == null ? v : reducer.apply(agg, v), materialized, valueSerde);
    }

    @Override
    public <VA> KTable<Windowed<K>, VA> aggregate(Supplier<VA> initializer,
                                                  Aggregator<? super K, ? super V, VA> aggregator,
                                                  Materialized<K, VA> materialized) {
        requireNonNull(materialized, "materialized");
        return aggregate("sliding windowed aggregate()", initializer, aggregator, materialized, null);
    }

    private <VA> KTable<Windowed<K>, VA> aggregate(String operation, Supplier<VA> initializer,
                                                   Aggregator<? super K, ? super V, VA> aggregator,
                                                   @Nullable Materialized<K, VA> materialized,
                                                   @Nullable Serde<VA> defaultValueSerde) {
        requireNonNull(initializer, "initializer");
        requireNonNull(aggregator, "aggregator");
        AggregateStore<K, VA> s = AggregateStore.of(builder, operation, materialized, grouped.keySerde(),
            defaultValueSerde);
        String store = s.name();
        long difference = windows.timeDifferenceMs();
        long minRetention = 2 * difference + windows.gracePeriodMs();
        long retention = materialized != null && materialized.retention() != null
            ? materialized.retention().toMillis() : minRetention;
        if (retention < minRetention) {
            throw new IllegalArgumentException("Retention of window store " + store + " must be at least twice the "
                + "time difference plus grace, " + minRetention + " ms, was " + retention + " ms");
        }
        String input = grouped.input(store);
        String name = builder.addProcessor(builder.nodeName((String) null, "KSTREAM-SLIDING-WINDOWED-AGGREGATE"),
            () -> new SlidingWindowAggregate<>(store, s.cachingEnabled(), windows, initializer, aggregator),
            input);
        builder.graph().addStore(new WindowStoreSpec<>(store, s.keySerde(), s.valueSerde(), retention, difference,
            s.loggingEnabled(), s.changelogConfig(), s.storeType()), name);
        return new KTableImpl<>(builder, name, store, null, s.valueSerde(), new WindowedTable(
            windows.gracePeriodMs(), new WindowedKeyLayout.Fixed(difference), s.keySerde()));
    }
}
