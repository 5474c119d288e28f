package io.tributary.connect.jdbc.internal;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The columns of an existing table, as the database describes them. Immutable.
 *
 * @param table   the table
 * @param columns its columns by name, in table order
 */
public record TableDefinition(TableId table, Map<String, Column> columns) {
    public TableDefinition {
        requireNonNull(table, "table");
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /**
     * One column.
     *
     * @param name     its name as stored
     * @param sqlType  its {@link java.sql.Types} constant
     * @param typeName the database's name of its type
     * @param nullable whether it accepts NULL
     */
    public record Column(String name, int sqlType, String typeName, boolean nullable) {
        public Column {
            requireNonNull(name, "name");
            requireNonNull(typeName, "typeName");
        }
    }

    /**
     * The column named {@code name}: the exact name, else the only one equal ignoring case (a field {@code id}
     * finds a column created unquoted as {@code ID} in a database that folds names to upper case); null if none.
     */
    public @Nullable Column column(String name) {
        Column exact = columns.get(name);
        if (exact != null) {
            return exact;
        }
        Column found = null;
        for (Column column : columns.values()) {
            if (column.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                if (found != null) {
                    return null;
                }
                found = column;
            }
        }
        return found;
    }
}
