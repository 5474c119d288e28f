package io.tributary.connect;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.data.Schema;
import org.jspecify.annotations.Nullable;

/**
 * One record header as connectors and transforms see it: a key and a schema'd value. The runtime writes header
 * values as strings (bytes stay bytes) and reads them back as optional strings.
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
