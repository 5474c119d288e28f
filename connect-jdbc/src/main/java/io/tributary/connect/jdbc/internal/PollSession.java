package io.tributary.connect.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.errors.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a source task and the tables it reads through it, polled in turn: the table whose pass is
 * open goes on until its rows run out, then the table due longest ago, so every table gets its turn however busy
 * the others are. One subscription to the task's records holds one session; its failure or cancellation closes
 * it, and a new subscription opens a new one.
 *
 * <p>Thread-safety: {@link #poll} and {@link #close} are synchronized, so closing waits for a poll in progress
 * instead of pulling the connection from under it. Both block on the database.
 */
public final class PollSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PollSession.class);

    private final Connection connection;
    private final DatabaseDialect dialect;
    private final List<TableQuerier> queriers;
    private final int batchMaxRows;
    private final LongSupplier clock;
    private @Nullable QueryPass pass;
    private boolean closed;

    private PollSession(Connection connection, DatabaseDialect dialect, List<TableQuerier> queriers,
                        int batchMaxRows, LongSupplier clock) {
        this.connection = connection;
        this.dialect = dialect;
        this.queriers = queriers;
        this.batchMaxRows = batchMaxRows;
        this.clock = clock;
    }

    /**
     * Connects for {@code queriers}. Blocks.
     *
     * @param clock milliseconds, for when tables are due
     * @throws ConnectException a {@link io.tributary.connect.errors.RetriableConnectException} if the database
     *                          cannot be reached
     */
    public static PollSession open(ConnectionSettings settings, DatabaseDialect dialect, List<TableQuerier> queriers,
                                   int batchMaxRows, LongSupplier clock) {
        requireNonNull(queriers, "queriers");
        if (batchMaxRows < 1) {
            throw new IllegalArgumentException("batchMaxRows must be positive, was " + batchMaxRows);
        }
        try {
            Connection connection = settings.open();
            try {
                // Reads run in transactions so the driver can stream rows with a cursor; each pass commits.
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            LOG.debug("Connected to {} for {}", settings.url(), queriers);
            return new PollSession(connection, dialect, List.copyOf(queriers), batchMaxRows, clock);
        } catch (SQLException e) {
            throw Failures.translate(dialect, "connecting to " + settings.url(), e);
        }
    }

    /**
     * Reads the next records: up to {@code batch.max.rows} of the table whose turn it is, skipping tables whose
     * pass finds nothing; or, when no table is due, how long until the next one is. Blocks on the database.
     *
     * @throws ConnectException if a query fails: a {@link io.tributary.connect.errors.RetriableConnectException}
     *                          if the connection did
     * @throws IllegalStateException if closed
     */
    public synchronized PollResult poll() {
        if (closed) {
            throw new IllegalStateException("The poll session is closed");
        }
        TableQuerier current = null;
        try {
            while (true) {
                long now = clock.getAsLong();
                QueryPass open = pass;
                current = open != null ? open.querier() : earliestDue();
                if (open == null) {
                    if (current.nextPollAt() > now) {
                        return PollResult.idle(Duration.ofMillis(current.nextPollAt() - now));
                    }
                    open = current.startPass(connection, batchMaxRows);
                    pass = open;
                }
                TableQuerier.Batch batch = current.read(connection, open, batchMaxRows, now);
                if (batch.ended()) {
                    pass = null;
                }
                if (!batch.records().isEmpty()) {
                    return PollResult.of(batch.records());
                }
            }
        } catch (SQLException e) {
            closePass();
            throw Failures.translate(dialect, "reading " + (current == null ? "tables" : current), e);
        } catch (RuntimeException e) {
            closePass();
            throw e;
        }
    }

    /** The table due longest ago; the list order breaks ties, so equal tables take turns in configured order. */
    private TableQuerier earliestDue() {
        return queriers.stream().min(Comparator.comparingLong(TableQuerier::nextPollAt)).orElseThrow();
    }

    private void closePass() {
        QueryPass open = pass;
        pass = null;
        if (open != null) {
            open.close();
        }
    }

    /** Closes the open pass and the connection; errors are logged, not thrown. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closePass();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the source connection failed", e);
        }
    }
}
