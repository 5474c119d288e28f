package io.tributary.connect.jdbc;

import io.tributary.connect.config.ConfigException;
import io.tributary.connect.jdbc.internal.ConnectionSettings;
import io.tributary.connect.jdbc.internal.DatabaseDialect;
import io.tributary.connect.jdbc.internal.PollResult;
import io.tributary.connect.jdbc.internal.PollSession;
import io.tributary.connect.jdbc.internal.SourceOffset;
import io.tributary.connect.jdbc.internal.TableId;
import io.tributary.connect.jdbc.internal.TableQuerier;
import io.tributary.connect.jdbc.internal.Version;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.SourceTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads the tables its connector assigned it (or the custom query) into records: the value is a struct of the
 * row's columns, the source partition {@code {"table": name}} (or {@code {"query": "query"}}), the source offset
 * the row's incrementing value and/or timestamp. On start it resumes after each partition's committed offset.
 *
 * <p><strong>Flux contract:</strong> {@link #records()} connects on subscription and reads only when records are
 * requested: {@code batch.max.rows} rows at a time (at most one batch ahead of demand), waiting
 * {@code poll.interval.ms} when no table has new rows. JDBC calls run on {@code Schedulers.boundedElastic()};
 * idle waits on Reactor's timer. Cancelling stops polling and closes the connection. If the database goes away the
 * Flux fails with a {@link io.tributary.connect.errors.RetriableConnectException}; subscribing again reconnects
 * and continues after the last record emitted, without gaps or duplicates (bulk mode starts its pass over). Any
 * other database error fails it with a {@link io.tributary.connect.errors.ConnectException}.
 *
 * <p>One subscription at a time; the task is not meant to be shared.
 *
 * @since 0.1
 */
public final class JdbcSourceTask extends SourceTask {
    private @Nullable JdbcSourceConfig config;
    private @Nullable DatabaseDialect dialect;
    private List<TableQuerier> queriers = List.of();
    private Map<Map<String, ?>, TableQuerier> byPartition = Map.of();

    @Override
    public String version() {
        return Version.current();
    }

    /**
     * Parses the configuration and reads the committed offsets; does not connect.
     *
     * @throws ConfigException if the configuration is invalid or names neither tables nor a query
     */
    @Override
    public void start(Map<String, String> props) {
        JdbcSourceConfig parsed = JdbcSourceConfig.parse(props);
        DatabaseDialect db = parsed.dialect();
        List<TableQuerier> built = new ArrayList<>();
        String query = parsed.query();
        if (query != null) {
            built.add(configure(TableQuerier.query(db, query, parsed.topicPrefix()), parsed));
        } else {
            List<TableId> tables = parsed.assignedTables();
            if (tables.isEmpty()) {
                throw new ConfigException("The task has no tables: its configuration needs \""
                    + JdbcSourceConfig.TABLES_CONFIG + "\" (set by JdbcSourceConnector) or \""
                    + JdbcSourceConfig.QUERY_CONFIG + "\"");
            }
            for (TableId table : tables) {
                built.add(configure(TableQuerier.table(db, table, parsed.topicPrefix()), parsed));
            }
        }
        Map<Map<String, ?>, TableQuerier> index = new HashMap<>();
        built.forEach(q -> index.put(q.partition(), q));
        this.config = parsed;
        this.dialect = db;
        this.queriers = List.copyOf(built);
        this.byPartition = index;
    }

    private TableQuerier configure(TableQuerier.Builder builder, JdbcSourceConfig parsed) {
        // Resume after the committed offset of the querier's partition, if there is one.
        Map<String, Object> committed = context().offsetStorageReader().offset(builder.partition());
        return builder.mode(parsed.mode(), parsed.incrementingColumnName(), parsed.timestampColumnNames())
                      .zone(parsed.timeZone())
                      .pollInterval(parsed.pollInterval())
                      .timestampDelay(parsed.timestampDelayInterval())
                      .offset(SourceOffset.fromMap(committed))
                      .build();
    }

    /**
     * The rows read, in offset order per table; never completes on its own. See the class description for
     * backpressure, threading and errors.
     */
    @Override
    public Flux<SourceRecord> records() {
        return Flux.defer(() -> {
            JdbcSourceConfig current = config;
            DatabaseDialect db = dialect;
            if (current == null || db == null) {
                return Flux.error(new IllegalStateException("The task has not been started"));
            }
            ConnectionSettings settings = current.connectionSettings();
            int batchMaxRows = current.batchMaxRows();
            return Flux.usingWhen(
                           Mono.fromCallable(() -> PollSession.open(settings, db, queriers, batchMaxRows,
                                   System::currentTimeMillis))
                               .subscribeOn(Schedulers.boundedElastic()),
                           this::poll,
                           session -> Mono.fromRunnable(session::close).subscribeOn(Schedulers.boundedElastic()))
                       .doOnNext(this::emitted);
        });
    }

    /** Polls on demand: one poll per requested batch, a timer wait when idle. */
    private Flux<SourceRecord> poll(PollSession session) {
        return Flux.<PollResult>generate(sink -> sink.next(session.poll()))
                   .subscribeOn(Schedulers.boundedElastic())   // requests, hence polls, run on the elastic worker
                   .concatMap(this::emitOrWait, 0);            // no prefetch: the next poll waits for demand
    }

    private Flux<SourceRecord> emitOrWait(PollResult result) {
        if (result.isIdle()) {
            return Mono.delay(result.idle()).thenMany(Flux.empty());
        }
        return Flux.fromIterable(result.records());
    }

    private void emitted(SourceRecord record) {
        TableQuerier querier = byPartition.get(record.sourcePartition());
        if (querier != null) {
            querier.emitted(record);
        }
    }

    /** Nothing to release: the connection belongs to the subscription, which the runtime cancels. */
    @Override
    public void stop() {
    }
}
