package io.tributary.streams;

import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * A grouped stream aggregated per session ({@link SessionWindows}). Each record starts a session of its own or
 * joins the sessions of its key that end at most the gap before it or start at most the gap after it; when it
 * joins two or more, they merge into one. Every change is emitted as it happens, keyed by {@link Windowed} with
 * the session's start and end (the timestamp is the session's end): each merged-away session is first deleted (a
 * null value, with the old session's end as timestamp), then the new session's aggregate follows. Records with a
 * null key are dropped; null values are aggregated. Records whose session would end before stream time minus gap
 * minus grace are late and dropped.
 *
 * @since 0.1
 */
public interface SessionWindowedKStream<K, V> {
    /** Counts the records per session. */
    KTable<Windowed<K>, Long> count(Materialized<K, Long> materialized);

    /** Counts with a generated store name (needs {@code allowGeneratedNames}). */
    KTable<Windowed<K>, Long> count();

    /** Combines the values per session; merged sessions are combined with the same reducer. */
    KTable<Windowed<K>, V> reduce(BinaryOperator<V> reducer, Materialized<K, V> materialized);

    /**
     * Folds the values per session into an aggregate starting from {@code initializer}; when sessions merge,
     * {@code merger} combines the new session's aggregate so far with each merged session's aggregate.
     */
    <VA> KTable<Windowed<K>, VA> aggregate(Supplier<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator,
                                           Merger<? super K, VA> merger, Materialized<K, VA> materialized);
}
