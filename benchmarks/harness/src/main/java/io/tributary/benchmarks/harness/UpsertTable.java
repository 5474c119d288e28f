package io.tributary.benchmarks.harness;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table one sink of {@link JdbcSinkSideBySide} upserts {@link UpsertRecords} into, seen through the harness's
 * own JDBC connection: a cheap progress probe, the completion test that stops the clock, and the full comparison
 * with the expected table. The sinks create the table themselves, with unquoted lower-case names.
 *
 * <p>Used by one thread; the connection belongs to the caller.
 */
final class UpsertTable {
    /** PostgreSQL's SQLSTATE for a table that does not exist (yet). */
    private static final String UNDEFINED_TABLE = "42P01";

    private final Connection connection;
    private final String name;
    private final UpsertRecords records;
    private final Map<Long, Long> lastUpdatedAtById = new HashMap<>();

    /**
     * @param lastPerPartition per partition, the last record written to it ({@link UpsertRecords#write})
     */
    UpsertTable(Connection connection, String name, UpsertRecords records, Map<Integer, Integer> lastPerPartition) {
        this.connection = connection;
        this.name = name;
        this.records = records;
        lastPerPartition.values().forEach(i -> lastUpdatedAtById.put(records.id(i), UpsertRecords.updatedAt(i)));
    }

    String name() {
        return name;
    }

    /**
     * Whether the last record of every partition is in the table: one primary-key lookup per partition, so it can be
     * polled often without loading the database. Only a hint (a sink may write a partition's records out of order);
     * {@link #complete} decides.
     */
    boolean lastRecordsWritten() throws SQLException {
        String ids = lastUpdatedAtById.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
        Map<Long, Long> found = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, updated_at FROM " + name + " WHERE id IN (" + ids
                 + ")")) {
            while (rows.next()) {
                found.put(rows.getLong(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
        return found.equals(lastUpdatedAtById);
    }

    /**
     * Whether the table holds the final state: one row per id and the sum of {@code updated_at} of the final rows.
     * A row only moves forward (its second record has the larger {@code updated_at}), so a table with every id
     * and that sum has every final row.
     */
    boolean complete() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*), sum(updated_at) FROM " + name)) {
            rows.next();
            BigDecimal sum = rows.getBigDecimal(2);
            return rows.getLong(1) == records.rows() && sum != null
                && sum.toBigIntegerExact().equals(records.finalUpdatedAtSum());
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Compares every row with the expected one (computed in SQL from its id, see {@link UpsertRecords}).
     *
     * @return the differences, empty if the table is exactly the expected one
     */
    List<String> differences() throws SQLException {
        String sql = "SELECT count(*), count(DISTINCT id), min(id), max(id), count(*) FILTER (WHERE "
            + "name IS DISTINCT FROM 'customer-' || (id + ?) "
            + "OR amount IS DISTINCT FROM (id + ?)::float8 / 4 "
            + "OR updated_at IS DISTINCT FROM id + ?) FROM " + name;
        List<String> out = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            long half = records.rows();
            statement.setLong(1, half);
            statement.setLong(2, half);
            statement.setLong(3, UpsertRecords.BASE_MILLIS + half);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long count = rows.getLong(1);
                if (count != half || rows.getLong(2) != half) {
                    out.add(String.format("%s has %,d rows (%,d ids), expected %,d", name, count, rows.getLong(2),
                        half));
                }
                if (count > 0 && (rows.getLong(3) != 0 || rows.getLong(4) != half - 1)) {
                    out.add(String.format("%s has ids %d to %d, expected 0 to %d", name, rows.getLong(3),
                        rows.getLong(4), half - 1));
                }
                if (rows.getLong(5) != 0) {
                    out.add(String.format("%s has %,d rows whose name, amount or updated_at is not the last "
                        + "record's", name, rows.getLong(5)));
                }
            }
        }
        return out;
    }

    /** The columns the sink created, e.g. {@code id bigint, name text}, in order. */
    String columns() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, data_type FROM "
            + "information_schema.columns WHERE table_name = ? ORDER BY ordinal_position")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
        }
        return String.join(", ", columns);
    }

    /** Drops the table, if it exists. */
    void drop() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + name);
        }
    }
}
