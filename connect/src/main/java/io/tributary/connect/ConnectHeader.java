package io.tributary.connect;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.data.Schema;
import org.jspecify.annotations.Nullable;

/**
 * One record header as connectors and transforms see it: a key and a schema'd value. The task's
 * {@code header.converter} turns values into bytes and back (by default
 * {@link io.tributary.connect.storage.SimpleHeaderConverter}: text whose schema is inferred on reading).
 *
 * @since 0.1
 */
public record ConnectHeader(String key, @Nullable Schema schema, @Nullable Object value) {
    public ConnectHeader {
        requireNonNull(key, "key");
    }

    /** A string header. */
    public static ConnectHeader of(String key, @Nullable String value) {
        return new ConnectHeader(key, Schema.OPTIONAL_STRING_SCHEMA, value);
    }
}
