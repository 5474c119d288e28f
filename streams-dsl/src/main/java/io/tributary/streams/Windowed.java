package io.tributary.streams;

import static java.util.Objects.requireNonNull;

/**
 * The key of a windowed aggregation: the record key and its window.
 *
 * @since 0.1
 */
public record Windowed<K>(K key, Window window) {
    public Windowed {
        requireNonNull(key, "key");
        requireNonNull(window, "window");
    }

    @Override
    public String toString() {
        return "[" + key + "@" + window.start() + "/" + window.end() + "]";
    }
}
