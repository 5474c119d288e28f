package io.tributary.streams.internal.dsl;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.serdes.Serdes;
import io.tributary.streams.Aggregator;
import io.tributary.streams.KGroupedStream;
import io.tributary.streams.KTable;
import io.tributary.streams.Materialized;
import io.tributary.streams.SessionWindowedKStream;
import io.tributary.streams.SessionWindows;
import io.tributary.streams.SlidingWindows;
import io.tributary.streams.TimeWindowedKStream;
import io.tributary.streams.TimeWindows;
import io.tributary.streams.internal.state.KeyValueStoreSpec;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A grouped stream; the repartition topic (if the key changed) is added by the aggregation, named by the
 * grouping or, failing that, by the aggregation's store, as Kafka Streams does.
 */
final class KGroupedStreamImpl<K, V> implements KGroupedStream<K, V> {
    private final DslBuilder builder;
    private final String node;
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;
    private final boolean repartitionRequired;
    private final @Nullable String groupName;

    KGroupedStreamImpl(DslBuilder builder, String node, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                       boolean repartitionRequired, @Nullable String groupName) {
        this.builder = builder;
        this.node = node;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.repartitionRequired = repartitionRequired;
        this.groupName = groupName;
    }

    @Nullable Serde<K> keySerde() {
        return keySerde;
    }

    /** The node aggregations read from: this stream, or the source of its repartition topic. */
    String input(String storeName) {
        if (!repartitionRequired) {
            return node;
        }
        return builder.repartition(node, groupName != null ? groupName : storeName, keySerde, valueSerde, 0);
    }

    @Override
    public KTable<K, Long> count(Materialized<K, Long> materialized) {
        requireNonNull(materialized, "materialized");
        return aggregate("count()", () -> 0L, (k, v, agg) -> agg + 1, materialized, Serdes.longSerde());
    }

    @Override
    public KTable<K, Long> count() {
        return aggregate("count()", () -> 0L, (k, v, agg) -> agg + 1, null, Serdes.longSerde());
    }

    @Override
    public KTable<K, V> reduce(BinaryOperator<V> reducer, Materialized<K, V> materialized) {
        requireNonNull(materialized, "materialized");
        return reduceWith(reducer, materialized);
    }

    @Override
    public KTable<K, V> reduce(BinaryOperator<V> reducer) {
        return reduceWith(reducer, null);
    }

    private KTable<K, V> reduceWith(BinaryOperator<V> reducer, @Nullable Materialized<K, V> materialized) {
        requireNonNull(reducer, "reducer");
        return aggregate("reduce()", () -> null, (k, v, agg) -> agg == null ? v : reducer.apply(agg, v),
            materialized, valueSerde);
    }

    @Override
    public <VA> KTable<K, VA> aggregate(Supplier<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator,
                                        Materialized<K, VA> materialized) {
        requireNonNull(materialized, "materialized");
        return aggregate("aggregate()", initializer, aggregator, materialized, null);
    }

    @Override
    public <VA> KTable<K, VA> aggregate(Supplier<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator) {
        return aggregate("aggregate()", initializer, aggregator, null, null);
    }

    private <VA> KTable<K, VA> aggregate(String operation, Supplier<VA> initializer,
                                         Aggregator<? super K, ? super V, VA> aggregator,
                                         @Nullable Materialized<K, VA> materialized,
                                         @Nullable Serde<VA> defaultValueSerde) {
        requireNonNull(initializer, "initializer");
        requireNonNull(aggregator, "aggregator");
        AggregateStore<K, VA> s = AggregateStore.of(builder, operation, materialized, keySerde, defaultValueSerde);
        String store = s.name();
        String input = input(store);
        String name = builder.addProcessor(builder.nodeName((String) null, "KSTREAM-AGGREGATE"),
            () -> new AggregateProcessors.PerKey<>(store, s.cachingEnabled(), initializer, aggregator), input);
        builder.graph().addStore(new KeyValueStoreSpec<>(store, s.keySerde(), s.valueSerde(), s.loggingEnabled(),
            s.changelogConfig(), s.storeType()), name);
        return new KTableImpl<>(builder, name, store, s.keySerde(), s.valueSerde(), null);
    }

    @Override
    public TimeWindowedKStream<K, V> windowedBy(TimeWindows windows) {
        return new TimeWindowedKStreamImpl<>(builder, this, valueSerde, requireNonNull(windows, "windows"));
    }

    @Override
    public TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows) {
        return new SlidingWindowedKStreamImpl<>(builder, this, valueSerde, requireNonNull(windows, "windows"));
    }

    @Override
    public SessionWindowedKStream<K, V> windowedBy(SessionWindows windows) {
        return new SessionWindowedKStreamImpl<>(builder, this, valueSerde, requireNonNull(windows, "windows"));
    }
}
