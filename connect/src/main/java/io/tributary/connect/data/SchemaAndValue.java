package io.tributary.connect.data;

import org.jspecify.annotations.Nullable;

/**
 * A value with its schema, as converters return them; both null for a null record key or value (a tombstone).
 *
 * @since 0.1
 */
public record SchemaAndValue(@Nullable Schema schema, @Nullable Object value) {
    public static final SchemaAndValue NULL = new SchemaAndValue(null, null);
}
