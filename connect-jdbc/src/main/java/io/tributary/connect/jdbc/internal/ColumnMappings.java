package io.tributary.connect.jdbc.internal;

import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Calendar;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/**
 * The standard mapping of JDBC column types to Connect schemas, which dialects extend with their own types.
 * Integers map to INT8..INT64, NUMERIC/DECIMAL with a declared scale to {@link Decimal} of that scale (without one,
 * as PostgreSQL's bare {@code numeric}, to FLOAT64), REAL to FLOAT32, FLOAT/DOUBLE to FLOAT64, BOOLEAN and BIT(1)
 * to BOOLEAN, character types to STRING, binary types to BYTES, and DATE, TIME and TIMESTAMP (with or without time
 * zone) to the {@link Date}, {@link Time} and {@link Timestamp} logical types, read in the database time zone.
 * Nullable columns (and those of unknown nullability) get optional schemas. Stateless.
 */
public final class ColumnMappings {
    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    private ColumnMappings() {
    }

    /**
     * The mapping of column {@code column} of {@code metadata}, or null if its type is not supported.
     *
     * @param zone the time zone that dates, times and timestamps without zone are in
     */
    public static @Nullable ColumnMapping standard(ResultSetMetaData metadata, int column, TimeZone zone)
        throws SQLException {
        String field = metadata.getColumnLabel(column);
        boolean optional = metadata.isNullable(column) != ResultSetMetaData.columnNoNulls;
        return switch (metadata.getColumnType(column)) {
            case Types.BOOLEAN -> mapping(field, SchemaBuilder.bool(), optional, ColumnMappings::bool);
            case Types.BIT -> metadata.getPrecision(column) <= 1
                ? mapping(field, SchemaBuilder.bool(), optional, ColumnMappings::bool)
                : mapping(field, SchemaBuilder.string(), optional, ResultSet::getString);
            case Types.TINYINT -> mapping(field, SchemaBuilder.int8(), optional, ColumnMappings::int8);
            case Types.SMALLINT -> mapping(field, SchemaBuilder.int16(), optional, ColumnMappings::int16);
            case Types.INTEGER -> mapping(field, SchemaBuilder.int32(), optional, ColumnMappings::int32);
            case Types.BIGINT -> mapping(field, SchemaBuilder.int64(), optional, ColumnMappings::int64);
            case Types.REAL -> mapping(field, SchemaBuilder.float32(), optional, ColumnMappings::float32);
            case Types.FLOAT, Types.DOUBLE ->
                mapping(field, SchemaBuilder.float64(), optional, ColumnMappings::float64);
            case Types.NUMERIC, Types.DECIMAL -> decimal(field, metadata, column, optional);
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                Types.CLOB, Types.NCLOB -> mapping(field, SchemaBuilder.string(), optional, ResultSet::getString);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                mapping(field, SchemaBuilder.bytes(), optional, ResultSet::getBytes);
            case Types.DATE -> mapping(field, Date.builder(), optional, date(zone));
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> mapping(field, Time.builder(), optional, time(zone));
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                mapping(field, Timestamp.builder(), optional, timestamp(zone));
            default -> null;
        };
    }

    /** A mapping to {@code builder}'s schema, made optional if {@code optional}. */
    public static ColumnMapping mapping(String field, SchemaBuilder builder, boolean optional,
                                       ColumnMapping.Reader reader) {
        return new ColumnMapping(field, optional ? builder.optional().build() : builder.build(), reader);
    }

    private static @Nullable ColumnMapping decimal(String field, ResultSetMetaData metadata, int column,
                                                   boolean optional) throws SQLException {
        if (metadata.getPrecision(column) <= 0) {
            // No declared precision and scale (PostgreSQL's bare numeric): values have any scale, which one
            // Decimal schema cannot hold without rounding, so they travel as doubles.
            return mapping(field, SchemaBuilder.float64(), optional, ColumnMappings::float64);
        }
        int scale = metadata.getScale(column);
        return mapping(field, Decimal.builder(scale), optional, (rows, i) -> {
            BigDecimal value = rows.getBigDecimal(i);
            return value == null ? null : value.setScale(scale, RoundingMode.HALF_EVEN);
        });
    }

    private static @Nullable Object bool(ResultSet rows, int column) throws SQLException {
        boolean value = rows.getBoolean(column);
        return rows.wasNull() ? null : value;
    }

    private static @Nullable Object int8(ResultSet rows, int column) throws SQLException {
        byte value = rows.getByte(column);
        return rows.wasNull() ? null : value;
    }

    private static @Nullable Object int16(ResultSet rows, int column) throws SQLException {
        short value = rows.getShort(column);
        return rows.wasNull() ? null : value;
    }

    private static @Nullable Object int32(ResultSet rows, int column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    private static @Nullable Object int64(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static @Nullable Object float32(ResultSet rows, int column) throws SQLException {
        float value = rows.getFloat(column);
        return rows.wasNull() ? null : value;
    }

    private static @Nullable Object float64(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static ColumnMapping.Reader date(TimeZone zone) {
        return (rows, column) -> {
            java.sql.Date value = rows.getDate(column, Calendar.getInstance(zone));
            return value == null ? null : new java.util.Date(value.getTime());
        };
    }

    private static ColumnMapping.Reader time(TimeZone zone) {
        return (rows, column) -> {
            java.sql.Time value = rows.getTime(column, Calendar.getInstance(zone));
            // Connect's Time is a point on the epoch day, whatever day the driver anchored the time to.
            return value == null ? null : new java.util.Date(Math.floorMod(value.getTime(), MILLIS_PER_DAY));
        };
    }

    private static ColumnMapping.Reader timestamp(TimeZone zone) {
        return (rows, column) -> {
            java.sql.Timestamp value = rows.getTimestamp(column, Calendar.getInstance(zone));
            return value == null ? null : new java.util.Date(value.getTime());
        };
    }
}
