package io.tributary.connect.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.data.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * How one result set column becomes one struct field: the field's name and schema, and how to read the column's
 * value as the schema's Java type. Immutable.
 *
 * @param field  the field name (the column's label)
 * @param schema the field's schema, optional when the column is nullable
 * @param reader reads the value of the current row
 */
public record ColumnMapping(String field, Schema schema, Reader reader) {
    public ColumnMapping {
        requireNonNull(field, "field");
        requireNonNull(schema, "schema");
        requireNonNull(reader, "reader");
    }

    /** Reads one column of the current row; null for SQL NULL. */
    @FunctionalInterface
    public interface Reader {
        @Nullable Object read(ResultSet rows, int column) throws SQLException;
    }

    /** Reads this column of the current row. */
    public @Nullable Object read(ResultSet rows, int column) throws SQLException {
        return reader.read(rows, column);
    }
}
