package io.tributary.streams;

import org.jspecify.annotations.Nullable;

/**
 * A key and a value, as mappers return them and stores list them.
 *
 * @since 0.1
 */
public record KeyValue<K, V>(@Nullable K key, @Nullable V value) {
    public static <K, V> KeyValue<K, V> pair(@Nullable K key, @Nullable V value) {
        return new KeyValue<>(key, value);
    }
}
