package io.tributary.connect.jdbc.internal;

import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL: upserts as {@code INSERT ... ON CONFLICT (key) DO UPDATE}, PostgreSQL's column types for created
 * tables (TEXT, BYTEA, DOUBLE PRECISION), its own types such as {@code uuid}, {@code json} and {@code inet} read as
 * strings, and the server's shutdown states treated as connection failures. Stateless and thread-safe.
 */
public final class PostgresDialect extends GenericDialect {
    /**
     * Server states that end or refuse a session: admin_shutdown, crash_shutdown, cannot_connect_now (starting or
     * stopping), too_many_connections.
     */
    private static final Set<String> CONNECTION_FAILURE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    /** The schema parameter Connect's converters use for a decimal's precision. */
    static final String DECIMAL_PRECISION = "connect.decimal.precision";

    @Override
    public String name() {
        return "PostgreSqlDatabaseDialect";
    }

    @Override
    protected boolean isConnectionFailureState(@Nullable String sqlState) {
        return super.isConnectionFailureState(sqlState) || CONNECTION_FAILURE_STATES.contains(sqlState);
    }

    @Override
    public List<TableId> tables(Connection connection, @Nullable String schemaPattern, List<String> tableTypes)
        throws SQLException {
        // The driver names the connection's database as catalog, which PostgreSQL rejects in qualified names
        // of other databases and needs in none: leave it out.
        return super.tables(connection, schemaPattern, tableTypes).stream()
                    .map(t -> new TableId(null, t.schema(), t.table()))
                    .toList();
    }

    @Override
    public @Nullable ColumnMapping columnMapping(ResultSetMetaData metadata, int column, TimeZone zone)
        throws SQLException {
        int type = metadata.getColumnType(column);
        boolean optional = metadata.isNullable(column) != ResultSetMetaData.columnNoNulls;
        if (type == Types.OTHER) {
            // uuid, json, jsonb, xml, inet, interval, enums...: their text form is what users expect.
            return ColumnMappings.mapping(metadata.getColumnLabel(column), SchemaBuilder.string(), optional,
                ResultSet::getString);
        }
        if ((type == Types.NUMERIC || type == Types.DECIMAL) && metadata.getPrecision(column) > 0) {
            int scale = metadata.getScale(column);
            SchemaBuilder schema = Decimal.builder(scale)
                .parameter(DECIMAL_PRECISION, Integer.toString(metadata.getPrecision(column)));
            ColumnMapping standard = ColumnMappings.standard(metadata, column, zone);
            return standard == null ? null
                : ColumnMappings.mapping(standard.field(), schema, optional, standard.reader());
        }
        return super.columnMapping(metadata, column, zone);
    }

    @Override
    public String upsert(TableId table, List<String> keyColumns, List<String> valueColumns) {
        String action = valueColumns.isEmpty() ? "DO NOTHING"
            : "DO UPDATE SET " + valueColumns.stream()
                                              .map(c -> quote(c) + " = EXCLUDED." + quote(c))
                                              .collect(Collectors.joining(", "));
        return insert(table, keyColumns, valueColumns) + " ON CONFLICT (" + columnList(keyColumns) + ") " + action;
    }

    @Override
    public String columnType(Schema schema) {
        if (Decimal.LOGICAL_NAME.equals(schema.name())) {
            String precision = schema.parameters().get(DECIMAL_PRECISION);
            // Without a known precision, an unconstrained numeric keeps every value exactly.
            return precision == null ? "DECIMAL" : "DECIMAL(" + precision + "," + Decimal.scale(schema) + ")";
        }
        return switch (schema.type()) {
            case STRING -> "TEXT";
            case BYTES -> "BYTEA";
            default -> super.columnType(schema);
        };
    }
}
