package io.tributary.connect.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.JdbcSourceConfig.Mode;
import io.tributary.connect.source.SourceRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one table (or the custom query) in passes: a {@link QueryPass} runs the query for the rows after the last
 * emitted offset and hands them out {@code maxRows} at a time from the open result set; once it is exhausted the
 * pass ends and the next is due at once if it found rows, else after the poll interval (always after it in bulk
 * mode, which rereads everything). The offset advances only as records are {@link #emitted}, so a new pass after a
 * failure or a restart starts after the last record that left the task.
 *
 * <p>Owned by a source task and outlives its subscriptions; holds no connection or statement (sessions do). Its
 * fields are volatile: a session's thread reads them, emissions update them from the subscriber's thread.
 */
public final class TableQuerier {
    private static final Logger LOG = LoggerFactory.getLogger(TableQuerier.class);

    private final DatabaseDialect dialect;
    private final String name;
    private final String baseQuery;
    private final boolean customQuery;
    private final Map<String, String> partition;
    private final String topic;
    private final Mode mode;
    private final @Nullable OffsetCriteria criteria;
    private final Duration pollInterval;
    private final Duration timestampDelay;
    private final TimeZone zone;
    private volatile SourceOffset offset;
    private volatile long nextPollAt;
    private volatile boolean warnedSkipped;

    private TableQuerier(Builder b) {
        this.dialect = b.dialect;
        this.name = b.name;
        this.baseQuery = b.baseQuery;
        this.customQuery = b.customQuery;
        this.partition = b.partition;
        this.topic = b.topic;
        this.mode = b.mode;
        this.zone = b.zone;
        this.criteria = b.mode == Mode.BULK ? null
            : new OffsetCriteria(b.mode, b.incrementingColumn, b.timestampColumns, b.dialect, b.zone);
        this.pollInterval = b.pollInterval;
        this.timestampDelay = b.timestampDelay;
        this.offset = b.mode == Mode.BULK ? SourceOffset.NONE : b.offset;
    }

    /** A querier of {@code table}, whose records go to {@code topicPrefix + table name}. */
    public static Builder table(DatabaseDialect dialect, TableId table, String topicPrefix) {
        return new Builder(dialect, table.table(), "SELECT * FROM " + dialect.qualifiedName(table), false,
            Map.of("table", table.table()), topicPrefix + table.table());
    }

    /** A querier of a custom query, whose records go to {@code topic}. */
    public static Builder query(DatabaseDialect dialect, String query, String topic) {
        return new Builder(dialect, null, query, true, Map.of("query", "query"), topic);
    }

    /** The source partition of its records: {@code {"table": name}} or {@code {"query": "query"}}. */
    public Map<String, String> partition() {
        return partition;
    }

    /** The offset of the last record emitted (or the committed one it started from). */
    public SourceOffset offset() {
        return offset;
    }

    /** Records that {@code record}, one of this querier's, left the task: later passes start after it. */
    public void emitted(SourceRecord record) {
        if (criteria != null) {
            offset = SourceOffset.fromMap(record.sourceOffset());
        }
    }

    /** When the next pass is due, in the clock's milliseconds. */
    long nextPollAt() {
        return nextPollAt;
    }

    /**
     * Starts a pass: runs the query for the rows after the last emitted offset (and, in timestamp modes, before the
     * database's current time minus the delay). Blocks on the database.
     */
    QueryPass startPass(Connection connection, int fetchSize) throws SQLException {
        Timestamp upperBound = criteria != null && criteria.needsUpperBound() ? upperBound(connection) : null;
        String sql = sql();
        LOG.debug("Polling {} with {} after {}", name, sql, offset);
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.CONCUR_READ_ONLY);
        try {
            // With auto-commit off, the driver streams the rows fetchSize at a time instead of loading them all.
            statement.setFetchSize(fetchSize);
            if (criteria != null) {
                criteria.bind(statement, offset, upperBound);
            }
            ResultSet rows = statement.executeQuery();
            RowMapper mapper = RowMapper.of(dialect, rows.getMetaData(), customQuery ? null : name, zone);
            warnSkippedOnce(mapper);
            return new QueryPass(this, statement, rows, mapper);
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /**
     * Reads up to {@code maxRows} records of {@code pass}; when its rows run out, closes it, commits the read
     * transaction and schedules the next pass. Blocks on the database.
     *
     * @return the records, and whether the pass ended
     */
    Batch read(Connection connection, QueryPass pass, int maxRows, long now) throws SQLException {
        ResultSet rows = pass.rows();
        RowMapper mapper = pass.mapper();
        List<SourceRecord> out = new ArrayList<>(Math.min(maxRows, 1024));
        boolean exhausted = false;
        while (out.size() < maxRows) {
            if (!rows.next()) {
                exhausted = true;
                break;
            }
            SourceOffset rowOffset = criteria == null ? SourceOffset.NONE : criteria.offsetOf(rows);
            out.add(new SourceRecord(partition, rowOffset.toMap(), topic, mapper.schema(), mapper.struct(rows)));
        }
        if (!out.isEmpty()) {
            pass.markFoundRows();
        }
        if (exhausted) {
            pass.close();
            connection.commit();
            boolean again = mode != Mode.BULK && pass.foundRows();
            nextPollAt = again ? now : now + pollInterval.toMillis();
        }
        return new Batch(out, exhausted);
    }

    /** Records read from a pass, and whether the pass ended with them. */
    record Batch(List<SourceRecord> records, boolean ended) {
    }

    private String sql() {
        if (criteria == null) {
            return baseQuery;
        }
        // A subquery lets the criteria apply to any query, even one with its own WHERE or joins.
        String from = customQuery ? "SELECT * FROM (" + baseQuery + ") tributary_query" : baseQuery;
        return from + criteria.clauses();
    }

    private Timestamp upperBound(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet now = query.executeQuery(dialect.currentTimestampQuery())) {
            if (!now.next()) {
                throw new SQLException("The current time query returned no row: " + dialect.currentTimestampQuery());
            }
            Timestamp current = now.getTimestamp(1, Calendar.getInstance(zone));
            Timestamp bound = new Timestamp(current.getTime() - timestampDelay.toMillis());
            if (timestampDelay.isZero()) {
                bound.setNanos(current.getNanos());
            }
            return bound;
        }
    }

    private void warnSkippedOnce(RowMapper mapper) {
        if (!mapper.skipped().isEmpty() && !warnedSkipped) {
            warnedSkipped = true;
            LOG.warn("Columns left out of the records of {} (unsupported type or duplicate name): {}",
                name, mapper.skipped());
        }
    }

    @Override
    public String toString() {
        return "TableQuerier{" + name + ", mode=" + mode.configValue() + ", offset=" + offset + "}";
    }

    /** Builds a {@link TableQuerier}; defaults: no columns, UTC, 5 s poll interval, no delay, no offset. */
    public static final class Builder {
        private final DatabaseDialect dialect;
        private final String name;
        private final String baseQuery;
        private final boolean customQuery;
        private final Map<String, String> partition;
        private final String topic;
        private Mode mode = Mode.BULK;
        private @Nullable String incrementingColumn;
        private List<String> timestampColumns = List.of();
        private TimeZone zone = TimeZone.getTimeZone("UTC");
        private Duration pollInterval = Duration.ofSeconds(5);
        private Duration timestampDelay = Duration.ZERO;
        private SourceOffset offset = SourceOffset.NONE;

        private Builder(DatabaseDialect dialect, @Nullable String table, String baseQuery, boolean customQuery,
                        Map<String, String> partition, String topic) {
            this.dialect = requireNonNull(dialect, "dialect");
            this.name = table == null ? "query" : table;
            this.baseQuery = requireNonNull(baseQuery, "baseQuery");
            this.customQuery = customQuery;
            this.partition = partition;
            this.topic = requireNonNull(topic, "topic");
        }

        /** The source partition of the querier's records, under which its offset is committed. */
        public Map<String, String> partition() {
            return partition;
        }

        public Builder mode(Mode value, @Nullable String incrementing, List<String> timestamps) {
            mode = requireNonNull(value, "mode");
            incrementingColumn = incrementing;
            timestampColumns = List.copyOf(timestamps);
            return this;
        }

        public Builder zone(TimeZone value) {
            zone = requireNonNull(value, "zone");
            return this;
        }

        public Builder pollInterval(Duration value) {
            pollInterval = requireNonNull(value, "pollInterval");
            return this;
        }

        public Builder timestampDelay(Duration value) {
            timestampDelay = requireNonNull(value, "timestampDelay");
            return this;
        }

        /** Where to resume: the committed offset of the querier's partition. */
        public Builder offset(SourceOffset value) {
            offset = requireNonNull(value, "offset");
            return this;
        }

        public TableQuerier build() {
            return new TableQuerier(this);
        }
    }
}
