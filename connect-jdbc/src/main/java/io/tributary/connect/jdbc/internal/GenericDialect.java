package io.tributary.connect.jdbc.internal;

import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.errors.ConnectException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The dialect of databases without a dedicated one: ANSI SQL with double-quoted identifiers, the standard type
 * mapping of {@link ColumnMappings}, tables and columns read from {@link DatabaseMetaData}. It has no upsert.
 * Subclasses override what their database does differently. Stateless and thread-safe.
 */
public class GenericDialect implements DatabaseDialect {
    /** SQLSTATE class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    @Override
    public String name() {
        return "GenericDatabaseDialect";
    }

    @Override
    public String quote(String identifier) {
        return TableId.quote(identifier);
    }

    @Override
    public String qualifiedName(TableId table) {
        StringBuilder out = new StringBuilder();
        if (table.catalog() != null) {
            out.append(quote(table.catalog())).append('.');
        }
        if (table.schema() != null) {
            out.append(quote(table.schema())).append('.');
        }
        return out.append(quote(table.table())).toString();
    }

    @Override
    public boolean isConnectionFailure(SQLException error) {
        Set<Throwable> seen = new HashSet<>();
        List<Throwable> pending = new ArrayList<>(List.of(error));
        // Drivers wrap the socket error in the cause chain, and batches chain the real error as the next exception.
        while (!pending.isEmpty()) {
            Throwable t = pending.remove(pending.size() - 1);
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException e) {
                if (isConnectionFailureState(e.getSQLState()) || e instanceof SQLTransientConnectionException
                    || e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException) {
                    return true;
                }
                if (e.getNextException() != null) {
                    pending.add(e.getNextException());
                }
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
        }
        return false;
    }

    /** Whether an SQLSTATE means the connection failed; by default class 08. */
    protected boolean isConnectionFailureState(@Nullable String sqlState) {
        return sqlState != null && sqlState.startsWith(CONNECTION_EXCEPTION_CLASS);
    }

    @Override
    public List<TableId> tables(Connection connection, @Nullable String schemaPattern, List<String> tableTypes)
        throws SQLException {
        List<TableId> out = new ArrayList<>();
        DatabaseMetaData metadata = connection.getMetaData();
        try (ResultSet rows = metadata.getTables(null, schemaPattern, "%", tableTypes.toArray(String[]::new))) {
            while (rows.next()) {
                out.add(new TableId(rows.getString("TABLE_CAT"), rows.getString("TABLE_SCHEM"),
                    rows.getString("TABLE_NAME")));
            }
        }
        return out;
    }

    @Override
    public @Nullable ColumnMapping columnMapping(ResultSetMetaData metadata, int column, TimeZone zone)
        throws SQLException {
        return ColumnMappings.standard(metadata, column, zone);
    }

    @Override
    public String currentTimestampQuery() {
        return "SELECT CURRENT_TIMESTAMP";
    }

    @Override
    public @Nullable TableDefinition describe(Connection connection, TableId table) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        String escape = metadata.getSearchStringEscape();
        String schema = table.schema() != null ? table.schema() : connection.getSchema();
        Map<String, TableDefinition.Column> columns = new LinkedHashMap<>();
        try (ResultSet rows = metadata.getColumns(table.catalog(), escape(schema, escape),
            escape(table.table(), escape), "%")) {
            while (rows.next()) {
                String name = rows.getString("COLUMN_NAME");
                columns.put(name, new TableDefinition.Column(name, rows.getInt("DATA_TYPE"),
                    rows.getString("TYPE_NAME"), rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        return columns.isEmpty() ? null : new TableDefinition(table, columns);
    }

    /** {@code name} with the pattern wildcards of {@code getColumns} escaped, so it matches only itself. */
    private static @Nullable String escape(@Nullable String name, @Nullable String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    @Override
    public String insert(TableId table, List<String> keyColumns, List<String> valueColumns) {
        List<String> columns = concat(keyColumns, valueColumns);
        return "INSERT INTO " + qualifiedName(table) + " (" + columnList(columns) + ") VALUES ("
            + placeholders(columns.size()) + ")";
    }

    @Override
    public String upsert(TableId table, List<String> keyColumns, List<String> valueColumns) {
        throw new ConnectException("insert.mode=upsert is not supported by the " + name()
            + "; use a database with a dedicated dialect or insert.mode=insert or update");
    }

    @Override
    public String update(TableId table, List<String> keyColumns, List<String> valueColumns) {
        return "UPDATE " + qualifiedName(table) + " SET " + assignments(valueColumns, ", ") + " WHERE "
            + assignments(keyColumns, " AND ");
    }

    @Override
    public String delete(TableId table, List<String> keyColumns) {
        return "DELETE FROM " + qualifiedName(table) + " WHERE " + assignments(keyColumns, " AND ");
    }

    @Override
    public String createTable(TableId table, List<SinkColumn> columns) {
        List<String> definitions = new ArrayList<>();
        for (SinkColumn column : columns) {
            definitions.add(columnDefinition(column));
        }
        List<String> keys = columns.stream().filter(SinkColumn::primaryKey).map(SinkColumn::name).toList();
        if (!keys.isEmpty()) {
            definitions.add("PRIMARY KEY(" + columnList(keys) + ")");
        }
        return "CREATE TABLE " + qualifiedName(table) + " (\n" + String.join(",\n", definitions) + ")";
    }

    @Override
    public List<String> addColumns(TableId table, List<SinkColumn> columns) {
        return columns.stream()
                      .map(c -> "ALTER TABLE " + qualifiedName(table) + " ADD " + columnDefinition(c))
                      .toList();
    }

    /** {@code "name" TYPE [DEFAULT literal] [NOT NULL]}. */
    protected String columnDefinition(SinkColumn column) {
        StringBuilder out = new StringBuilder(quote(column.name())).append(' ')
            .append(columnType(column.schema()));
        String literal = column.schema().defaultValue() == null ? null : literal(column.schema());
        if (literal != null) {
            out.append(" DEFAULT ").append(literal);
        }
        if (!column.schema().isOptional()) {
            out.append(" NOT NULL");
        }
        return out.toString();
    }

    /**
     * The default value of {@code schema} as an SQL literal, or null for defaults this dialect does not write
     * (dates, times, bytes).
     */
    protected @Nullable String literal(Schema schema) {
        Object value = schema.defaultValue();
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (schema.name() != null) {
            return null;
        }
        return switch (schema.type()) {
            case INT8, INT16, INT32, INT64, FLOAT32, FLOAT64 -> String.valueOf(value);
            case BOOLEAN -> Boolean.TRUE.equals(value) ? "TRUE" : "FALSE";
            case STRING -> "'" + ((String) value).replace("'", "''") + "'";
            default -> null;
        };
    }

    @Override
    public String columnType(Schema schema) {
        String logical = schema.name();
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            return "DECIMAL(38," + Decimal.scale(schema) + ")";
        }
        if (Date.LOGICAL_NAME.equals(logical)) {
            return "DATE";
        }
        if (Time.LOGICAL_NAME.equals(logical)) {
            return "TIME";
        }
        if (Timestamp.LOGICAL_NAME.equals(logical)) {
            return "TIMESTAMP";
        }
        return switch (schema.type()) {
            case INT8, INT16 -> "SMALLINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "REAL";
            case FLOAT64 -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case STRING -> "VARCHAR(4000)";
            case BYTES -> "BLOB";
            default -> throw new ConnectException("No column type for values of " + schema
                + ": only primitive types and the Decimal, Date, Time and Timestamp logical types are supported");
        };
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, @Nullable Object value, TimeZone zone)
        throws SQLException {
        ValueBinder.bind(statement, index, schema, value, zone);
    }

    /** The quoted columns, comma-separated. */
    protected String columnList(List<String> columns) {
        return columns.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /** {@code "a" = ?} for each column, joined with {@code separator}. */
    protected String assignments(List<String> columns, String separator) {
        return columns.stream().map(c -> quote(c) + " = ?").collect(Collectors.joining(separator));
    }

    /** {@code n} comma-separated question marks. */
    protected static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    protected static List<String> concat(List<String> first, List<String> second) {
        List<String> out = new ArrayList<>(first);
        out.addAll(second);
        return out;
    }
}
