package io.tributary.streams;

import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * A grouped stream aggregated per time window ({@link TimeWindows}) or sliding window ({@link SlidingWindows}). Each
 * record updates every window containing its timestamp (and, for sliding windows, creates the windows it makes
 * non-empty), unless stream time has passed that window's end plus grace: then it is late and dropped for that
 * window. Every update is emitted, with the largest timestamp of the window's records; use
 * {@link KTable#suppress} for final results only. Records with a null key are dropped, and for sliding windows
 * also records with a null value.
 *
 * @since 0.1
 */
public interface TimeWindowedKStream<K, V> {
    KTable<Windowed<K>, Long> count(Materialized<K, Long> materialized);

    KTable<Windowed<K>, Long> count();

    KTable<Windowed<K>, V> reduce(BinaryOperator<V> reducer, Materialized<K, V> materialized);

    <VA> KTable<Windowed<K>, VA> aggregate(Supplier<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator,
                                           Materialized<K, VA> materialized);
}
