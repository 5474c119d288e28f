package io.tributary.streams.internal.dsl;

import org.jspecify.annotations.Nullable;

/**
 * A table update as it flows between table operators: the new value (null: deleted) and the old one where the
 * operator knows it (stores do; stateless operators pass null). Joins use the old value to tell the deletion of an
 * existing row, which must be emitted, from the deletion of a row that never was.
 */
record Change<V>(@Nullable V newValue, @Nullable V oldValue) {
    static <V> Change<V> of(@Nullable V newValue) {
        return new Change<>(newValue, null);
    }
}
