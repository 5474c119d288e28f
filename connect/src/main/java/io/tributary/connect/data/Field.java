package io.tributary.connect.data;

import static java.util.Objects.requireNonNull;

/**
 * One field of a struct schema: its name, its position and its schema.
 *
 * @param name   the field's name, unique within its struct
 * @param index  its position, from 0
 * @param schema its schema
 * @since 0.1
 */
public record Field(String name, int index, Schema schema) {
    public Field {
        requireNonNull(name, "name");
        requireNonNull(schema, "schema");
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
    }
}
