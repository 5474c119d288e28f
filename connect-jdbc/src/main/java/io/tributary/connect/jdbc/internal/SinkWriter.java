package io.tributary.connect.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.jdbc.JdbcSinkConfig;
import io.tributary.connect.sink.SinkRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records of one {@code put} in one transaction: plans the batches, makes the tables fit them (create,
 * evolve), runs each batch as one JDBC batch, then commits; on any failure it rolls back, so a retried put writes
 * everything again from a clean state. The connection is opened on first use, kept between puts, and dropped
 * after it failed so the next attempt reconnects.
 *
 * <p>Thread-safety: methods are synchronized; calls block on the database.
 */
public final class SinkWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkWriter.class);

    private final ConnectionSettings settings;
    private final DatabaseDialect dialect;
    private final BatchPlanner planner;
    private final TableManager tables;
    private final TimeZone zone;
    private @Nullable Connection connection;

    public SinkWriter(JdbcSinkConfig config, ConnectionSettings settings, DatabaseDialect dialect) {
        this.settings = requireNonNull(settings, "settings");
        this.dialect = requireNonNull(dialect, "dialect");
        this.planner = new BatchPlanner(config);
        this.tables = new TableManager(dialect, config.autoCreate(), config.autoEvolve());
        this.zone = config.timeZone();
    }

    /**
     * Writes {@code records} in one transaction. Blocks.
     *
     * @throws io.tributary.connect.errors.DataException if a record cannot be written (nothing is written)
     * @throws ConnectException if the database rejects the writes: a
     *                          {@link io.tributary.connect.errors.RetriableConnectException} if the connection failed
     */
    public synchronized void write(List<SinkRecord> records) {
        List<WriteBatch> batches = planner.plan(records);
        if (batches.isEmpty()) {
            return;
        }
        Connection open = connection();
        try {
            Map<TableId, TableDefinition> definitions = prepareTables(open, batches);
            for (WriteBatch batch : batches) {
                TableDefinition definition = definitions.get(batch.table());
                if (definition != null) {
                    execute(open, batch, definition);
                }
            }
            open.commit();
        } catch (SQLException e) {
            rollback(open);
            tables.invalidate();
            if (dialect.isConnectionFailure(e)) {
                closeConnection();
            }
            throw Failures.translate(dialect, "writing " + records.size() + " records", e);
        } catch (RuntimeException e) {
            rollback(open);
            throw e;
        }
    }

    /** The definition of each table, created or evolved as needed; tables only deleted from may be absent. */
    private Map<TableId, TableDefinition> prepareTables(Connection open, List<WriteBatch> batches)
        throws SQLException {
        Map<TableId, TableDefinition> out = new HashMap<>();
        Set<TableId> seen = new LinkedHashSet<>();
        for (WriteBatch batch : batches) {
            seen.add(batch.table());
            if (batch.kind() != WriteBatch.Kind.DELETE) {
                out.put(batch.table(), tables.ensure(open, batch.table(), batch.layout()));
            }
        }
        for (TableId table : seen) {
            if (!out.containsKey(table)) {
                // Deletes from a table that does not exist have nothing to delete.
                TableDefinition existing = tables.existing(open, table);
                if (existing != null) {
                    out.put(table, existing);
                }
            }
        }
        return out;
    }

    private void execute(Connection open, WriteBatch batch, TableDefinition definition) throws SQLException {
        List<SinkColumn> keys = batch.layout().keyColumns();
        List<SinkColumn> values = batch.layout().valueColumns();
        List<String> keyNames = columnNames(definition, keys);
        List<String> valueNames = columnNames(definition, values);
        String sql;
        List<SinkColumn> order = new ArrayList<>();
        switch (batch.kind()) {
            case INSERT, UPSERT -> {
                sql = batch.kind() == WriteBatch.Kind.INSERT ? dialect.insert(batch.table(), keyNames, valueNames)
                    : dialect.upsert(batch.table(), keyNames, valueNames);
                order.addAll(keys);
                order.addAll(values);
            }
            case UPDATE -> {
                if (values.isEmpty()) {
                    return;   // a row that is all key has nothing to update
                }
                sql = dialect.update(batch.table(), keyNames, valueNames);
                order.addAll(values);
                order.addAll(keys);
            }
            case DELETE -> {
                sql = dialect.delete(batch.table(), keyNames);
                order.addAll(keys);
            }
            default -> throw new IllegalStateException("Unknown statement kind " + batch.kind());
        }
        LOG.debug("Writing {} records with {}", batch.records().size(), sql);
        try (PreparedStatement statement = open.prepareStatement(sql)) {
            for (SinkRecord record : batch.records()) {
                bind(statement, batch, record, order);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Binds the record's values in the statement's parameter order: keys last for UPDATE, first otherwise. */
    private void bind(PreparedStatement statement, WriteBatch batch, SinkRecord record, List<SinkColumn> order)
        throws SQLException {
        List<@Nullable Object> keyValues = batch.layout().keyValues(record);
        List<@Nullable Object> parameters = new ArrayList<>(order.size());
        switch (batch.kind()) {
            case INSERT, UPSERT -> {
                parameters.addAll(keyValues);
                parameters.addAll(batch.layout().values(record));
            }
            case UPDATE -> {
                parameters.addAll(batch.layout().values(record));
                parameters.addAll(keyValues);
            }
            case DELETE -> parameters.addAll(keyValues);
            default -> throw new IllegalStateException("Unknown statement kind " + batch.kind());
        }
        for (int i = 0; i < order.size(); i++) {
            dialect.bind(statement, i + 1, order.get(i).schema(), parameters.get(i), zone);
        }
    }

    /** The table's names of {@code columns}: a field matches its column exactly or, failing that, ignoring case. */
    private static List<String> columnNames(TableDefinition definition, List<SinkColumn> columns) {
        List<String> out = new ArrayList<>(columns.size());
        for (SinkColumn column : columns) {
            TableDefinition.Column found = definition.column(column.name());
            out.add(found == null ? column.name() : found.name());
        }
        return out;
    }

    private Connection connection() {
        Connection open = connection;
        if (open != null) {
            return open;
        }
        try {
            open = settings.open();
        } catch (SQLException e) {
            throw Failures.translate(dialect, "connecting to " + settings.url(), e);
        }
        try {
            open.setAutoCommit(false);   // one transaction per put
        } catch (SQLException e) {
            connection = open;
            closeConnection();
            throw Failures.translate(dialect, "connecting to " + settings.url(), e);
        }
        connection = open;
        return open;
    }

    private static void rollback(Connection open) {
        try {
            open.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed", e);
        }
    }

    private void closeConnection() {
        Connection open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                LOG.debug("Closing the sink connection failed", e);
            }
        }
    }

    /** Closes the connection. */
    @Override
    public synchronized void close() {
        closeConnection();
    }
}
