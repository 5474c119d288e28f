package io.tributary.connect.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.jdbc.JdbcSourceConfig.Mode;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The WHERE and ORDER BY that make a query return only the rows after an offset, in offset order, and the offset
 * of each row read. As Confluent's connector does:
 * <ul>
 * <li>incrementing: {@code WHERE inc > ? ORDER BY inc};</li>
 * <li>timestamp: {@code WHERE ts > ? AND ts < ? ORDER BY ts}, the upper bound being the database's current time
 * minus {@code timestamp.delay.interval.ms}, so rows of transactions still open are not skipped for good;</li>
 * <li>timestamp+incrementing: {@code WHERE ts < ? AND ((ts = ? AND inc > ?) OR ts > ?) ORDER BY ts, inc}, which
 * also reads rows sharing the last timestamp.</li>
 * </ul>
 * With several timestamp columns, {@code ts} is their {@code COALESCE}. Before any offset, reading starts at the
 * epoch and the smallest long. Immutable.
 */
final class OffsetCriteria {
    private static final Timestamp EPOCH = new Timestamp(0);

    private final Mode mode;
    private final @Nullable String incrementingColumn;
    private final List<String> timestampColumns;
    private final DatabaseDialect dialect;
    private final TimeZone zone;

    OffsetCriteria(Mode mode, @Nullable String incrementingColumn, List<String> timestampColumns,
                   DatabaseDialect dialect, TimeZone zone) {
        if (mode == Mode.BULK) {
            throw new IllegalArgumentException("bulk mode has no offset criteria");
        }
        if (mode.usesIncrementing() && incrementingColumn == null) {
            throw new IllegalArgumentException(mode.configValue() + " needs an incrementing column");
        }
        if (mode.usesTimestamp() && timestampColumns.isEmpty()) {
            throw new IllegalArgumentException(mode.configValue() + " needs a timestamp column");
        }
        this.mode = mode;
        this.incrementingColumn = incrementingColumn;
        this.timestampColumns = List.copyOf(timestampColumns);
        this.dialect = requireNonNull(dialect, "dialect");
        this.zone = requireNonNull(zone, "zone");
    }

    /** Whether the query needs the database's current time as its upper bound. */
    boolean needsUpperBound() {
        return mode.usesTimestamp();
    }

    /** The WHERE and ORDER BY clauses, starting with a space. */
    String clauses() {
        String ts = timestampExpression();
        String inc = incrementingColumn == null ? "" : dialect.quote(incrementingColumn);
        return switch (mode) {
            case INCREMENTING -> " WHERE " + inc + " > ? ORDER BY " + inc + " ASC";
            case TIMESTAMP -> " WHERE " + ts + " > ? AND " + ts + " < ? ORDER BY " + ts + " ASC";
            case TIMESTAMP_INCREMENTING -> " WHERE " + ts + " < ? AND ((" + ts + " = ? AND " + inc + " > ?) OR "
                + ts + " > ?) ORDER BY " + ts + " ASC, " + inc + " ASC";
            case BULK -> "";
        };
    }

    private String timestampExpression() {
        if (timestampColumns.size() == 1) {
            return dialect.quote(timestampColumns.get(0));
        }
        return timestampColumns.stream().map(dialect::quote).collect(Collectors.joining(", ", "COALESCE(", ")"));
    }

    /** Binds the parameters of {@link #clauses()} for reading after {@code offset} up to {@code upperBound}. */
    void bind(PreparedStatement statement, SourceOffset offset, @Nullable Timestamp upperBound) throws SQLException {
        Timestamp since = offset.timestamp() == null ? EPOCH : offset.timestamp();
        long after = offset.incrementing() == null ? Long.MIN_VALUE : offset.incrementing();
        Calendar calendar = Calendar.getInstance(zone);
        switch (mode) {
            case INCREMENTING -> statement.setLong(1, after);
            case TIMESTAMP -> {
                statement.setTimestamp(1, since, calendar);
                statement.setTimestamp(2, requireNonNull(upperBound, "upperBound"), calendar);
            }
            case TIMESTAMP_INCREMENTING -> {
                statement.setTimestamp(1, requireNonNull(upperBound, "upperBound"), calendar);
                statement.setTimestamp(2, since, calendar);
                statement.setLong(3, after);
                statement.setTimestamp(4, since, calendar);
            }
            case BULK -> {
                // no parameters
            }
            default -> throw new IllegalStateException("Unknown mode " + mode);
        }
    }

    /**
     * The offset of the current row.
     *
     * @throws ConnectException if the incrementing column is missing, NULL or not an integer, or every timestamp
     *                          column is NULL (such rows could never be read again after a restart)
     */
    SourceOffset offsetOf(ResultSet rows) throws SQLException {
        Long incrementing = mode.usesIncrementing() ? incrementing(rows) : null;
        Timestamp timestamp = mode.usesTimestamp() ? timestamp(rows) : null;
        return new SourceOffset(incrementing, timestamp);
    }

    private long incrementing(ResultSet rows) throws SQLException {
        Object value = rows.getObject(column(rows, requireNonNull(incrementingColumn)));
        if (value instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new ConnectException("Incrementing column \"" + incrementingColumn + "\" has value " + d
                    + ", which is not a long integer");
            }
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw new ConnectException("Incrementing column \"" + incrementingColumn + "\" must hold non-null "
            + "integers, but it held " + (value == null ? "NULL" : value + " of " + value.getClass().getName()));
    }

    private Timestamp timestamp(ResultSet rows) throws SQLException {
        for (String name : timestampColumns) {
            Timestamp value = rows.getTimestamp(column(rows, name), Calendar.getInstance(zone));
            if (value != null) {
                return value;
            }
        }
        throw new ConnectException("Timestamp columns " + timestampColumns + " are all NULL in a row read");
    }

    private static int column(ResultSet rows, String name) throws SQLException {
        try {
            return rows.findColumn(name);
        } catch (SQLException e) {
            throw new ConnectException("Column \"" + name + "\" named in the source configuration is not in the "
                + "result of the query", e);
        }
    }
}
