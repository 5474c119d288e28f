package io.tributary.streams.testing;

import static java.util.Objects.requireNonNull;

import io.tributary.common.Header;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A record piped into or read from a {@link TopologyTestDriver}.
 *
 * @param key       the key, or null
 * @param value     the value, or null
 * @param timestamp the timestamp in ms
 * @param headers   the headers
 * @since 0.1
 */
public record TestRecord<K, V>(@Nullable K key, @Nullable V value, long timestamp, List<Header> headers) {
    public TestRecord {
        headers = List.copyOf(requireNonNull(headers, "headers"));
    }

    public static <K, V> TestRecord<K, V> of(@Nullable K key, @Nullable V value, long timestamp) {
        return new TestRecord<>(key, value, timestamp, List.of());
    }
}
