package io.tributary.connect.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.errors.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows the sink's tables and makes them fit the records: creates a missing table from a record layout
 * ({@code auto.create}) and adds the columns a layout has and the table lacks ({@code auto.evolve}), each change
 * committed on its own before records are written. Another task creating the same table or column first is not an
 * error. Definitions are cached until {@link #invalidate}d.
 *
 * <p>Owned by one {@link SinkWriter}; not thread-safe.
 */
final class TableManager {
    private static final Logger LOG = LoggerFactory.getLogger(TableManager.class);

    private final DatabaseDialect dialect;
    private final boolean autoCreate;
    private final boolean autoEvolve;
    private final Map<TableId, TableDefinition> cache = new HashMap<>();

    TableManager(DatabaseDialect dialect, boolean autoCreate, boolean autoEvolve) {
        this.dialect = requireNonNull(dialect, "dialect");
        this.autoCreate = autoCreate;
        this.autoEvolve = autoEvolve;
    }

    /** The definition of {@code table}, or null if it does not exist. */
    @Nullable TableDefinition existing(Connection connection, TableId table) throws SQLException {
        TableDefinition known = cache.get(table);
        if (known != null) {
            return known;
        }
        TableDefinition found = dialect.describe(connection, table);
        if (found != null) {
            cache.put(table, found);
        }
        return found;
    }

    /**
     * The definition of {@code table} once it has every column of {@code layout}: created or altered if allowed.
     *
     * @throws ConnectException if the table or a column is missing and may not be added, or a missing column is
     *                          required without a default
     */
    TableDefinition ensure(Connection connection, TableId table, RecordLayout layout) throws SQLException {
        TableDefinition definition = existing(connection, table);
        if (definition == null) {
            if (!autoCreate) {
                throw new ConnectException("Table " + dialect.qualifiedName(table) + " is missing and auto.create "
                    + "is disabled");
            }
            definition = create(connection, table, layout);
        }
        List<SinkColumn> missing = missing(definition, layout);
        if (missing.isEmpty()) {
            return definition;
        }
        if (!autoEvolve) {
            throw new ConnectException("Table " + dialect.qualifiedName(table) + " has no column for fields "
                + missing.stream().map(SinkColumn::name).toList() + " and auto.evolve is disabled");
        }
        return addColumns(connection, table, missing);
    }

    private TableDefinition create(Connection connection, TableId table, RecordLayout layout) throws SQLException {
        String sql = dialect.createTable(table, layout.allColumns());
        LOG.info("Creating table {}: {}", dialect.qualifiedName(table), sql);
        SQLException failure = executeDdl(connection, List.of(sql));
        cache.remove(table);
        TableDefinition definition = existing(connection, table);
        if (definition == null) {
            throw failure != null ? failure
                : new SQLException("Table " + dialect.qualifiedName(table) + " is not there after CREATE TABLE");
        }
        return definition;
    }

    private TableDefinition addColumns(Connection connection, TableId table, List<SinkColumn> missing)
        throws SQLException {
        for (SinkColumn column : missing) {
            if (!column.schema().isOptional() && column.schema().defaultValue() == null) {
                throw new ConnectException("Cannot add column \"" + column.name() + "\" to table "
                    + dialect.qualifiedName(table) + ": its field is required and has no default value");
            }
        }
        List<String> statements = dialect.addColumns(table, missing);
        LOG.info("Adding columns to {}: {}", dialect.qualifiedName(table), statements);
        SQLException failure = executeDdl(connection, statements);
        cache.remove(table);
        TableDefinition definition = existing(connection, table);
        if (definition == null || !missing(definition, missing).isEmpty()) {
            throw failure != null ? failure
                : new SQLException("Table " + dialect.qualifiedName(table) + " lacks columns after ALTER TABLE");
        }
        return definition;
    }

    /**
     * Runs DDL in its own transaction and returns its failure instead of throwing it: if another task made the
     * same change first, the table the caller reads next has it all the same. Connection failures are thrown.
     */
    private @Nullable SQLException executeDdl(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
            connection.commit();
            return null;
        } catch (SQLException e) {
            if (dialect.isConnectionFailure(e)) {
                throw e;
            }
            LOG.info("DDL failed, checking whether another task made the change: {}", e.getMessage());
            connection.rollback();
            return e;
        }
    }

    private static List<SinkColumn> missing(TableDefinition definition, RecordLayout layout) {
        return missing(definition, layout.allColumns());
    }

    private static List<SinkColumn> missing(TableDefinition definition, List<SinkColumn> columns) {
        List<SinkColumn> out = new ArrayList<>();
        for (SinkColumn column : columns) {
            if (definition.column(column.name()) == null) {
                out.add(column);
            }
        }
        return out;
    }

    /** Forgets every definition, e.g. after a failed write that may have come from a changed table. */
    void invalidate() {
        cache.clear();
    }
}
