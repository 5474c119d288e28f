package io.tributary.streams;

import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * A stream grouped by key, to aggregate. Records with a null key (and, except for time and session windowed
 * aggregations, a null value) are dropped, as in Kafka Streams. Aggregations must be named ({@link Materialized#as})
 * so that their store and changelog keep their names when the topology changes.
 *
 * @since 0.1
 */
public interface KGroupedStream<K, V> {
    /** Counts records per key. */
    KTable<K, Long> count(Materialized<K, Long> materialized);

    /** Counts with a generated store name (needs {@code allowGeneratedNames}). */
    KTable<K, Long> count();

    /** Combines the values per key; the first value of a key is its initial aggregate. */
    KTable<K, V> reduce(BinaryOperator<V> reducer, Materialized<K, V> materialized);

    KTable<K, V> reduce(BinaryOperator<V> reducer);

    /** Folds the values per key into an aggregate starting from {@code initializer}. */
    <VA> KTable<K, VA> aggregate(Supplier<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator,
                                 Materialized<K, VA> materialized);

    <VA> KTable<K, VA> aggregate(Supplier<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator);

    /** Aggregates per key and time window. */
    TimeWindowedKStream<K, V> windowedBy(TimeWindows windows);

    /** Aggregates per key and sliding window (see {@link SlidingWindows} for which windows exist). */
    TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows);

    /** Aggregates per key and session. */
    SessionWindowedKStream<K, V> windowedBy(SessionWindows windows);
}
