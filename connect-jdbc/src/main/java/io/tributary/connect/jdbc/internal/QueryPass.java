package io.tributary.connect.jdbc.internal;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a table's query whose rows are being handed out: the statement, its open result set, the row
 * mapper built from its metadata, and whether it has found rows so far. Belongs to the {@link PollSession} whose
 * connection ran it, so closing one session never touches another's statements. Confined to that session.
 */
final class QueryPass implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryPass.class);

    private final TableQuerier querier;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowMapper mapper;
    private boolean foundRows;

    QueryPass(TableQuerier querier, PreparedStatement statement, ResultSet rows, RowMapper mapper) {
        this.querier = requireNonNull(querier, "querier");
        this.statement = requireNonNull(statement, "statement");
        this.rows = requireNonNull(rows, "rows");
        this.mapper = requireNonNull(mapper, "mapper");
    }

    TableQuerier querier() {
        return querier;
    }

    ResultSet rows() {
        return rows;
    }

    RowMapper mapper() {
        return mapper;
    }

    /** Whether any batch of this pass had rows. */
    boolean foundRows() {
        return foundRows;
    }

    void markFoundRows() {
        foundRows = true;
    }

    /** Closes the statement and with it the result set; errors are logged (the connection may be gone). */
    @Override
    public void close() {
        try {
            statement.close();
        } catch (SQLException e) {
            LOG.debug("Closing the statement of {} failed", querier, e);
        }
    }
}
