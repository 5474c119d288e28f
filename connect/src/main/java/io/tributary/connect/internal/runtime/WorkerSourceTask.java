package io.tributary.connect.internal.runtime;

import io.tributary.common.Header;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.internal.errors.ErrantRecord;
import io.tributary.connect.internal.errors.RetryWithToleranceOperator;
import io.tributary.connect.internal.errors.Stage;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.internal.storage.ConnectorOffsetReader;
import io.tributary.connect.internal.storage.TransactionalOffsets;
import io.tributary.connect.source.OffsetStorageReader;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.SourceTask;
import io.tributary.connect.source.SourceTaskContext;
import io.tributary.connect.source.TransactionContext;
import io.tributary.connect.storage.Converter;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.SendResult;
import io.tributary.producer.SenderRecord;
import io.tributary.producer.TributaryProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Runs a {@link SourceTask}: subscribes to its {@code records()} on the task's thread, transforms and converts each
 * record there, and hands it to the task's producer, which asks for more only as its buffer drains: nothing reads
 * ahead of the producer beyond a few records in flight between the steps. After each write the task's
 * {@code commitRecord} is called and the record's source offset becomes committable; offsets are committed every
 * {@code offset.flush.interval.ms} and on stop, only for records written (see {@link SourceOffsetTracker}). A
 * retriable error from {@code records()} makes it wait for what is in flight, commit, and subscribe again with
 * backoff. Conversion, transform and write failures go through {@code errors.*} handling.
 *
 * <p>On an exactly-once worker the task's producer is transactional: records are cut into transactions as
 * {@code transaction.boundary} says ({@link TransactionBoundaries}), each transaction carries the source offsets of
 * its records to the offsets topic, and {@code commitRecord} is called once it committed. Starting fences any older
 * instance of the task (aborting its open transaction) and reads the offsets it committed. A retriable error
 * aborts the open transaction and subscribes again, so the task resumes after the last committed offsets.
 */
final class WorkerSourceTask extends WorkerTask {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerSourceTask.class);
    /** Records taken from the task ahead of the conversion step: a few, so that the thread hop is amortised. */
    private static final int PREFETCH = 16;
    private static final Duration RESUBSCRIBE_BACKOFF = Duration.ofMillis(100);
    private static final Duration RESUBSCRIBE_BACKOFF_MAX = Duration.ofSeconds(10);

    private final SourceTask task;
    private final Map<String, String> taskConfig;
    private final ConnectorConfig connector;
    private final TaskResources resources;
    private final SourceOffsetTracker tracker = new SourceOffsetTracker();
    private @Nullable TributaryProducer<byte[], byte[]> producer;
    /** Writes dead letters outside the transactions, on an exactly-once worker with a dead-letter topic. */
    private @Nullable TributaryProducer<byte[], byte[]> deadLetterProducer;
    /** Present on an exactly-once worker. */
    private @Nullable TransactionBoundaries boundaries;
    private @Nullable RecordConverters converters;
    private @Nullable RecordTransforms<SourceRecord> transforms;
    private @Nullable RetryWithToleranceOperator operator;

    WorkerSourceTask(ConnectorTaskId id, SourceTask task, Map<String, String> taskConfig, ConnectorConfig connector,
                     TaskResources resources, PluginThread thread) {
        super(id, resources.statuses(), thread, resources.worker().shutdownTimeout());
        this.task = task;
        this.taskConfig = Map.copyOf(taskConfig);
        this.connector = connector;
        this.resources = resources;
    }

    @Override
    protected Mono<Void> startTask() {
        return Mono.defer(() -> {
            converters = RecordConverters.create(resources.plugins(), resources.worker(), connector);
            transforms = RecordTransforms.create(connector.originals(), Thread.currentThread()
                .getContextClassLoader());
            if (!resources.exactlyOnce().enabled()) {
                TributaryProducer<byte[], byte[]> p = resources.producer(connector, id, scheduler);
                producer = p;
                return resources.reporters(connector.errorHandling(), p);
            }
            TributaryProducer<byte[], byte[]> p = resources.transactionalProducer(connector, id, scheduler);
            producer = p;
            boundaries = new TransactionBoundaries(connector.transactions(), resources.worker().offsetFlushInterval(),
                scheduler);
            TributaryProducer<byte[], byte[]> reportTo = p;
            if (connector.errorHandling().hasDeadLetterQueue()) {
                reportTo = resources.producer(connector, id, scheduler);
                deadLetterProducer = reportTo;
            }
            // An empty transaction initializes the producer id, which fences older instances of this task and aborts
            // their open transaction; then the offsets they committed are read.
            return p.inTransaction(tx -> Flux.empty())
                .then(resources.transactionalOffsets().readToEnd())
                .then(resources.reporters(connector.errorHandling(), reportTo));
        }).publishOn(scheduler).doOnNext(reporters -> {
            operator = new RetryWithToleranceOperator(id, connector.errorHandling(), reporters, scheduler);
            OffsetStorageReader reader = new ConnectorOffsetReader(id.connector(), resources.offsets());
            TransactionBoundaries b = boundaries;
            task.initialize(new Context(taskConfig, reader, b == null ? null : b.context()));
            task.start(taskConfig);
        }).then();
    }

    private record Context(Map<String, String> configs, OffsetStorageReader offsetStorageReader,
                           @Nullable TransactionContext transactionContext) implements SourceTaskContext {
    }

    @Override
    protected Mono<Void> execute(Mono<Void> stop) {
        TributaryProducer<byte[], byte[]> p = requireStarted(producer);
        TransactionBoundaries cuts = boundaries;
        if (cuts != null) {
            return executeInTransactions(p, cuts, stop);
        }
        Flux<SenderRecord<byte[], byte[], SourceOffsetTracker.Entry>> toSend = Flux.defer(task::records)
            .subscribeOn(scheduler)
            .map(tracker::submit)   // in the order the task emitted them
            .retryWhen(resubscribeAfterCommit())
            .concatWith(Flux.never())   // a source that completed idles until stopped, its offsets still committed
            .publishOn(scheduler, PREFETCH)
            .concatMap(this::prepare, 1)
            .takeUntilOther(stop);
        return Mono.defer(() -> {
            Sinks.Empty<Void> sent = Sinks.empty();
            // The periodic commits end with the pipeline, but a commit under way is let finish.
            Mono<Void> commits = Flux.interval(resources.worker().offsetFlushInterval(), scheduler)
                .onBackpressureDrop()
                .takeUntilOther(sent.asMono())
                .concatMap(tick -> commitOffsets(), 1)
                .then();
            Mono<Void> pipeline = p.send(toSend)
                .concatMap(this::written, 1)
                .then()
                .doFinally(s -> sent.tryEmitEmpty());
            return Mono.when(pipeline, commits);
        });
    }

    private Mono<Void> executeInTransactions(TributaryProducer<byte[], byte[]> p, TransactionBoundaries cuts,
                                             Mono<Void> stop) {
        TransactionalOffsets store = resources.transactionalOffsets();
        Flux<SourceOffsetTracker.Entry> entries = Flux.defer(task::records)
            .subscribeOn(scheduler)
            .map(record -> {
                cuts.emitted(record);
                return tracker.submit(record);
            })
            .concatWith(Flux.never())
            .publishOn(scheduler, PREFETCH)
            // A paused task takes no records into a transaction, so a time-bound one still ends on time.
            .concatMap(entry -> gate.whenOpen().thenReturn(entry), 1)
            .takeUntilOther(stop);
        return cuts.windows(entries, entry -> entry.record)
            .concatMap(window -> transaction(p, window, cuts, store), 1)
            .then()
            .retryWhen(Retry.backoff(Long.MAX_VALUE, RESUBSCRIBE_BACKOFF)
                .maxBackoff(RESUBSCRIBE_BACKOFF_MAX)
                .transientErrors(true)
                .scheduler(scheduler)
                .filter(RetryWithToleranceOperator::isRetriable)
                .doBeforeRetry(signal -> {
                    // The open transaction was aborted: its records come again from the last committed offsets.
                    LOG.warn("Task {} failed, its transaction aborted; retrying: {}", id, signal.failure().toString());
                    tracker.reset();
                }));
    }

    /**
     * Writes one transaction: the window's records, then the source offsets they made committable; commits, then
     * makes the offsets readable and calls {@code commitRecord}. A window the task marked to abort is aborted.
     */
    private Mono<Void> transaction(TributaryProducer<byte[], byte[]> p, Flux<SourceOffsetTracker.Entry> window,
                                   TransactionBoundaries cuts, TransactionalOffsets store) {
        return Mono.defer(() -> {
            List<SendResult.Sent<SourceOffsetTracker.Entry>> written = new ArrayList<>();
            AtomicReference<SourceOffsetTracker.@Nullable Entry> last = new AtomicReference<>();
            AtomicReference<Map<Map<String, ?>, Map<String, ?>>> offsets = new AtomicReference<>(Map.of());
            return p.<Void>inTransaction(tx -> tx.send(window.doOnNext(last::set).concatMap(this::prepare, 1))
                    .concatMap(result -> {
                        if (result instanceof SendResult.Sent<SourceOffsetTracker.Entry> sent) {
                            tracker.done(sent.correlation());
                            written.add(sent);
                            return Mono.<Void>empty();
                        }
                        return Mono.<Void>error(((SendResult.Failed<SourceOffsetTracker.Entry>) result).error());
                    }, 1)
                    .then(Mono.defer(() -> {
                        Map<Map<String, ?>, Map<String, ?>> committable = tracker.takeCommittable();
                        SourceOffsetTracker.Entry end = last.get();
                        if (cuts.aborts(end == null ? null : end.record)) {
                            return Mono.<Void>error(new AbortRequested());
                        }
                        offsets.set(committable);
                        return Flux.fromIterable(store.offsetRecords(id.connector(), committable))
                            .flatMap(tx::send)
                            .then();
                    })))
                .then(Mono.<Void>fromRunnable(() -> {
                    store.committed(id.connector(), offsets.get());
                    written.forEach(sent -> commitRecord(sent.correlation().record, new SourceTask.Written(
                        sent.metadata().partition(), sent.metadata().offset())));
                }))
                .onErrorResume(AbortRequested.class, e -> {
                    LOG.debug("Task {} aborted a transaction of {} records", id, written.size());
                    return Mono.<Void>empty();
                });
        });
    }

    /** The task asked for its transaction to abort. */
    private static final class AbortRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AbortRequested() {
            super("The task aborted its transaction", null, false, false);
        }
    }

    private Retry resubscribeAfterCommit() {
        return Retry.backoff(Long.MAX_VALUE, RESUBSCRIBE_BACKOFF)
            .maxBackoff(RESUBSCRIBE_BACKOFF_MAX)
            // Records read since the last outage reset the backoff: a later outage starts short again.
            .transientErrors(true)
            .scheduler(scheduler)
            .filter(RetryWithToleranceOperator::isRetriable)
            .doBeforeRetryAsync(signal -> {
                LOG.warn("Task {} failed reading records, retrying: {}", id, signal.failure().toString());
                return Flux.interval(Duration.ZERO, Duration.ofMillis(10), scheduler)
                    .filter(t -> tracker.inFlight() == 0)
                    .next()
                    .then(commitOffsets());
            });
    }

    /** The record transformed and converted, ready to send; empty if dropped or skipped (then it is done). */
    private Mono<SenderRecord<byte[], byte[], SourceOffsetTracker.Entry>> prepare(SourceOffsetTracker.Entry entry) {
        RetryWithToleranceOperator errors = requireStarted(operator);
        RecordTransforms<SourceRecord> chain = requireStarted(transforms);
        RecordConverters convert = requireStarted(converters);
        SourceRecord original = entry.record;
        return gate.whenOpen()
            .then(chain.isEmpty() ? Mono.just(original) : errors.execute(Stage.TRANSFORMATION,
                chain::failingClass, () -> chain.apply(original), () -> errant(original, convert)))
            .flatMap(r -> convert(r, convert, errors))
            .map(record -> SenderRecord.create(record, entry))
            .switchIfEmpty(Mono.fromRunnable(() -> done(entry, null)));
    }

    private Mono<ProducerRecord<byte[], byte[]>> convert(SourceRecord r, RecordConverters convert,
                                                        RetryWithToleranceOperator errors) {
        Converter keys = convert.key();
        Converter values = convert.value();
        return errors.execute(Stage.KEY_CONVERTER, keys.getClass().getName(),
                () -> new Bytes(keys.fromConnectData(r.topic(), r.keySchema(), r.key())), () -> errant(r, convert))
            .flatMap(key -> errors.execute(Stage.VALUE_CONVERTER, values.getClass().getName(),
                () -> new Bytes(values.fromConnectData(r.topic(), r.valueSchema(), r.value())),
                () -> errant(r, convert))
                .flatMap(value -> errors.execute(Stage.HEADER_CONVERTER, convert.header().getClass().getName(),
                    () -> convert.toKafka(r.topic(), r.headers()), () -> errant(r, convert))
                    .map(headers -> new ProducerRecord<>(r.topic(), r.kafkaPartition(), r.timestamp(), key.value(),
                        value.value(), headers))));
    }

    /** Bytes that may be null, as a Mono value. */
    private record Bytes(byte @Nullable [] value) {
    }

    /** A failed record as reporters see it: converted as far as the converters can. */
    private static ErrantRecord errant(SourceRecord r, RecordConverters convert) {
        return new ErrantRecord(r.topic(), r.kafkaPartition(), -1, r.timestamp(),
            quietly(convert.key(), r.topic(), r.keySchema(), r.key()),
            quietly(convert.value(), r.topic(), r.valueSchema(), r.value()), headersQuietly(r, convert),
            "source record '" + r + "' with source partition " + r.sourcePartition() + " and source offset "
                + r.sourceOffset());
    }

    private static byte @Nullable [] quietly(Converter c, String topic, io.tributary.connect.data.@Nullable Schema s,
                                             @Nullable Object value) {
        try {
            return c.fromConnectData(topic, s, value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<Header> headersQuietly(SourceRecord r, RecordConverters convert) {
        try {
            return convert.toKafka(r.topic(), r.headers());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private Mono<Void> written(SendResult<SourceOffsetTracker.Entry> result) {
        SourceOffsetTracker.Entry entry = result.correlation();
        if (result instanceof SendResult.Sent<SourceOffsetTracker.Entry> sent) {
            done(entry, new SourceTask.Written(sent.metadata().partition(), sent.metadata().offset()));
            return Mono.empty();
        }
        Throwable error = ((SendResult.Failed<SourceOffsetTracker.Entry>) result).error();
        RecordConverters convert = requireStarted(converters);
        return requireStarted(operator)
            .handle(Stage.KAFKA_PRODUCE, TributaryProducer.class.getName(), error, errant(entry.record, convert))
            .then(Mono.fromRunnable(() -> done(entry, null)));
    }

    private void done(SourceOffsetTracker.Entry entry, SourceTask.@Nullable Written written) {
        tracker.done(entry);
        commitRecord(entry.record, written);
    }

    private void commitRecord(SourceRecord record, SourceTask.@Nullable Written written) {
        try {
            task.commitRecord(record, written);
        } catch (RuntimeException e) {
            LOG.warn("Task {} failed in commitRecord; going on", id, e);
        }
    }

    /** Writes the offsets that became committable; a failure is logged and they are tried again next time. */
    private Mono<Void> commitOffsets() {
        return Mono.defer(() -> {
            if (boundaries != null) {
                return Mono.empty();   // committed with each transaction
            }
            Map<Map<String, ?>, Map<String, ?>> offsets = tracker.takeCommittable();
            if (offsets.isEmpty()) {
                return Mono.empty();
            }
            return resources.offsets().write(id.connector(), offsets)
                .timeout(resources.worker().offsetFlushTimeout())
                .doOnSuccess(v -> LOG.debug("Task {} committed offsets of {} source partitions", id, offsets.size()))
                .onErrorResume(e -> {
                    LOG.warn("Task {} failed to commit offsets; they are retried with the next commit", id, e);
                    tracker.restore(offsets);
                    return Mono.empty();
                })
                .doOnCancel(() -> tracker.restore(offsets));
        });
    }

    @Override
    protected Mono<Void> closeTask(boolean commit) {
        Mono<Void> finalCommit = commit ? commitOffsets() : Mono.empty();
        return finalCommit
            .then(Mono.fromRunnable(tracker::abandonInFlight))
            .then(Mono.<Void>fromRunnable(this::stopPlugin).subscribeOn(scheduler))
            .then(Mono.defer(() -> closeQuietly(producer)))
            .then(Mono.defer(() -> closeQuietly(deadLetterProducer)))
            .onErrorResume(e -> {
                LOG.warn("Task {} failed to close its producer", id, e);
                return Mono.empty();
            })
            .then(Mono.defer(() -> operator == null ? Mono.<Void>empty() : operator.close()));
    }

    private Mono<Void> closeQuietly(@Nullable TributaryProducer<byte[], byte[]> p) {
        return p == null ? Mono.empty() : p.close().timeout(resources.worker().shutdownTimeout(), Mono.empty());
    }

    private void stopPlugin() {
        try {
            task.stop();
        } catch (RuntimeException e) {
            LOG.warn("Task {} threw on stop", id, e);
        }
        RecordTransforms<SourceRecord> t = transforms;
        if (t != null) {
            try {
                t.close();
            } catch (RuntimeException e) {
                LOG.warn("Task {} failed to close its transforms", id, e);
            }
        }        RecordConverters c = converters;
        if (c != null) {
            c.close();
        }
    }

    static <T> T requireStarted(@Nullable T part) {
        if (part == null) {
            throw new ConnectException("The task is not started");
        }
        return part;
    }
}
