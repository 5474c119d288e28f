package io.tributary.connect.jdbc;

import io.tributary.connect.jdbc.internal.BatchPlanner;
import io.tributary.connect.jdbc.internal.Failures;
import io.tributary.connect.jdbc.internal.SinkWriter;
import io.tributary.connect.jdbc.internal.Version;
import io.tributary.connect.sink.ErrantRecordReporter;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.sink.SinkTask;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Writes records into tables: one table per topic ({@code table.name.format}), one column per value field plus the
 * primary key columns of {@code pk.mode}, by {@code insert.mode}. Each {@link #put} is one transaction of JDBC
 * batches, so a failed put leaves nothing behind and is safe to offer again; when it completes the records are
 * committed, so {@link #flush} has nothing to do.
 *
 * <p><strong>Errors:</strong> a record the task cannot write (without a value schema, with a non-struct value, a
 * missing key or primary key field) is reported, before anything is written, through the context's
 * {@link io.tributary.connect.sink.ErrantRecordReporter} with a {@link io.tributary.connect.errors.DataException} or
 * {@link io.tributary.connect.errors.ConnectException} saying why, and left out of the put: with
 * {@code errors.tolerance=all} it goes to the dead-letter topic and the other records are written; with
 * {@code none} the report fails, and with it the put, so nothing is written. A put the runtime offers again after
 * a retriable failure reports its rejected records again (dead letters are at least once).
 *
 * <p>A failed connection is retried {@code max.retries} times, {@code retry.backoff.ms} apart, on a new connection;
 * then the put fails with a {@link io.tributary.connect.errors.RetriableConnectException}, for the runtime to retry.
 * Other database errors fail it with a {@link io.tributary.connect.errors.ConnectException}.
 *
 * <p>Threading: the returned Monos block on {@code Schedulers.boundedElastic()}.
 *
 * @since 0.1
 */
public final class JdbcSinkTask extends SinkTask {
    private @Nullable JdbcSinkConfig config;
    private @Nullable SinkWriter writer;
    private @Nullable BatchPlanner planner;

    @Override
    public String version() {
        return Version.current();
    }

    /**
     * Parses the configuration; connects on the first put.
     *
     * @throws io.tributary.connect.config.ConfigException if the configuration is invalid
     */
    @Override
    public void start(Map<String, String> props) {
        JdbcSinkConfig parsed = JdbcSinkConfig.parse(props);
        this.writer = new SinkWriter(parsed, parsed.connectionSettings(), parsed.dialect());
        this.planner = new BatchPlanner(parsed);
        this.config = parsed;
    }

    /** Writes {@code records} in one transaction; lazy, see the class description for errors. */
    @Override
    public Mono<Void> put(List<SinkRecord> records) {
        return Mono.defer(() -> {
            SinkWriter current = writer;
            JdbcSinkConfig parsed = config;
            BatchPlanner screener = planner;
            if (current == null || parsed == null || screener == null) {
                return Mono.error(new IllegalStateException("The task has not been started"));
            }
            if (records.isEmpty()) {
                return Mono.empty();
            }
            BatchPlanner.Screened screened = screener.screen(records);
            return reportRejected(screened.rejected())
                       .then(write(current, parsed, screened.accepted()));
        });
    }

    /** Reports the records that cannot be written, one after the other, in record order. */
    private Mono<Void> reportRejected(List<BatchPlanner.Rejected> rejected) {
        if (rejected.isEmpty()) {
            return Mono.empty();
        }
        ErrantRecordReporter reporter = context().errantRecordReporter();
        return Flux.fromIterable(rejected)
                   .concatMap(r -> reporter.report(r.record(), r.reason()))
                   .then();
    }

    /** Writes {@code batch} in one transaction, retrying a failed connection {@code max.retries} times. */
    private static Mono<Void> write(SinkWriter writer, JdbcSinkConfig config, List<SinkRecord> batch) {
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        return Mono.<Void>fromRunnable(() -> writer.write(batch))
                   .subscribeOn(Schedulers.boundedElastic())
                   .retryWhen(Retry.fixedDelay(config.maxRetries(), config.retryBackoff())
                                   .filter(Failures::isRetriable)
                                   .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /** Closes the connection. */
    @Override
    public void stop() {
        SinkWriter current = writer;
        writer = null;
        if (current != null) {
            current.close();
        }
    }
}
