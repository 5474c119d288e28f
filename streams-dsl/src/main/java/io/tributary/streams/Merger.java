package io.tributary.streams;

/**
 * Combines the aggregates of two sessions that a record joined into one session.
 *
 * @param <K> the key type
 * @param <V> the aggregate type
 * @since 0.1
 */
@FunctionalInterface
public interface Merger<K, V> {
    /** The aggregate of the merged session, from the aggregate so far ({@code aggOne}) and a merged session's. */
    V apply(K key, V aggOne, V aggTwo);
}
