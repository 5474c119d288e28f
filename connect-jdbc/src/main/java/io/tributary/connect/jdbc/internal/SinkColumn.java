package io.tributary.connect.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.data.Schema;

/**
 * A column the sink writes: its name, the schema of its values, and whether it is part of the primary key.
 * Immutable.
 *
 * @param name       the column name, which is the record field's name
 * @param schema     the schema of the values (required schemas make NOT NULL columns)
 * @param primaryKey whether the column belongs to the table's primary key
 */
public record SinkColumn(String name, Schema schema, boolean primaryKey) {
    public SinkColumn {
        requireNonNull(name, "name");
        requireNonNull(schema, "schema");
    }
}
