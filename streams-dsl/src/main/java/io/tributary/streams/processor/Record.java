package io.tributary.streams.processor;

import static java.util.Objects.requireNonNull;

import io.tributary.common.Header;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A record flowing through a topology: key, value, event timestamp (ms) and headers. Immutable; the withers return
 * a copy.
 *
 * @param key       the key, or null
 * @param value     the value, or null (a tombstone for tables)
 * @param timestamp the event time in ms since the epoch, never negative
 * @param headers   the headers, in order
 * @since 0.1
 */
public record Record<K, V>(@Nullable K key, @Nullable V value, long timestamp, List<Header> headers) {
    /** @throws IllegalArgumentException if {@code timestamp} is negative */
    public Record {
        headers = List.copyOf(requireNonNull(headers, "headers"));
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must not be negative, was " + timestamp);
        }
    }

    /** A record without headers. */
    public static <K, V> Record<K, V> of(@Nullable K key, @Nullable V value, long timestamp) {
        return new Record<>(key, value, timestamp, List.of());
    }

    public <NK> Record<NK, V> withKey(@Nullable NK key) {
        return new Record<>(key, value, timestamp, headers);
    }

    public <NV> Record<K, NV> withValue(@Nullable NV value) {
        return new Record<>(key, value, timestamp, headers);
    }

    public Record<K, V> withTimestamp(long timestamp) {
        return new Record<>(key, value, timestamp, headers);
    }

    public Record<K, V> withHeaders(List<Header> headers) {
        return new Record<>(key, value, timestamp, headers);
    }
}
