package io.tributary.connect.jdbc.internal;

import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.data.Values;
import io.tributary.connect.errors.DataException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Calendar;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/**
 * Binds Connect values to statement parameters by their schema: the inverse of {@link ColumnMappings}. Dates,
 * times and timestamps are written in the database time zone. Structs, arrays and maps are not supported (a table
 * column holds one primitive value). Stateless.
 */
public final class ValueBinder {
    private ValueBinder() {
    }

    /**
     * Sets parameter {@code index} to {@code value} of {@code schema}, or to SQL NULL of the schema's type.
     *
     * @throws DataException if the schema's type has no column equivalent
     */
    public static void bind(PreparedStatement statement, int index, Schema schema, @Nullable Object value,
                            TimeZone zone) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType(schema));
            return;
        }
        String logical = schema.name();
        if (logical != null) {
            switch (logical) {
                case Decimal.LOGICAL_NAME -> {
                    statement.setBigDecimal(index, (BigDecimal) value);
                    return;
                }
                case Date.LOGICAL_NAME -> {
                    long millis = ((java.util.Date) value).getTime();
                    statement.setDate(index, new java.sql.Date(millis), Calendar.getInstance(zone));
                    return;
                }
                case Time.LOGICAL_NAME -> {
                    long millis = ((java.util.Date) value).getTime();
                    statement.setTime(index, new java.sql.Time(millis), Calendar.getInstance(zone));
                    return;
                }
                case Timestamp.LOGICAL_NAME -> {
                    long millis = ((java.util.Date) value).getTime();
                    statement.setTimestamp(index, new java.sql.Timestamp(millis), Calendar.getInstance(zone));
                    return;
                }
                default -> {
                    // Not a logical type this binder knows: bind by the base type.
                }
            }
        }
        switch (schema.type()) {
            case INT8 -> statement.setByte(index, (Byte) value);
            case INT16 -> statement.setShort(index, (Short) value);
            case INT32 -> statement.setInt(index, (Integer) value);
            case INT64 -> statement.setLong(index, (Long) value);
            case FLOAT32 -> statement.setFloat(index, (Float) value);
            case FLOAT64 -> statement.setDouble(index, (Double) value);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case STRING -> statement.setString(index, (String) value);
            case BYTES -> statement.setBytes(index, Values.bytes(value));
            default -> throw unsupported(schema);
        }
    }

    /** The {@link Types} constant of columns holding values of {@code schema}. @throws DataException for containers */
    public static int sqlType(Schema schema) {
        String logical = schema.name();
        if (logical != null) {
            switch (logical) {
                case Decimal.LOGICAL_NAME:
                    return Types.NUMERIC;
                case Date.LOGICAL_NAME:
                    return Types.DATE;
                case Time.LOGICAL_NAME:
                    return Types.TIME;
                case Timestamp.LOGICAL_NAME:
                    return Types.TIMESTAMP;
                default:
                    break;
            }
        }
        return switch (schema.type()) {
            case INT8 -> Types.TINYINT;
            case INT16 -> Types.SMALLINT;
            case INT32 -> Types.INTEGER;
            case INT64 -> Types.BIGINT;
            case FLOAT32 -> Types.REAL;
            case FLOAT64 -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
            case STRING -> Types.VARCHAR;
            case BYTES -> Types.VARBINARY;
            default -> throw unsupported(schema);
        };
    }

    private static DataException unsupported(Schema schema) {
        return new DataException("Values of schema " + schema + " cannot be written to a column: only primitive "
            + "types and the Decimal, Date, Time and Timestamp logical types can");
    }
}
