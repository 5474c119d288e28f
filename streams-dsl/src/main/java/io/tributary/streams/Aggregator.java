package io.tributary.streams;

/**
 * Folds a record into an aggregate.
 *
 * @param <K>  the key type
 * @param <V>  the record value type
 * @param <VA> the aggregate type
 * @since 0.1
 */
@FunctionalInterface
public interface Aggregator<K, V, VA> {
    VA apply(K key, V value, VA aggregate);
}
