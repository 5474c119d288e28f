package io.tributary.connect.internal.runtime;

import io.tributary.common.TopicPartition;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.internal.errors.ErrantRecord;
import io.tributary.connect.internal.errors.RetryWithToleranceOperator;
import io.tributary.connect.internal.errors.Stage;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.sink.SinkTask;
import io.tributary.consumer.AssignmentListener;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.producer.TributaryProducer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Runs a {@link SinkTask}: a consumer in the connector's group emits records on the task's thread; they are batched
 * (at most {@code max.poll.records}, default 500), converted and transformed, and handed to {@code put}, the next
 * batch only once {@code put} completed. Every event (a batch, a timer tick, a request of the task, a rebalance, the
 * stop) is handled in order on the task's thread, so the task never sees two calls at once and
 * {@code SinkTaskContext} requests apply between batches.
 *
 * <p><strong>Commits.</strong> Delivered records are held unacknowledged until {@code preCommit} approves their
 * offsets, then acknowledged and committed: the consumer commits nothing the task has not flushed. A commit runs
 * every {@code offset.flush.interval.ms}, when the task asks, on stop, and also once records stop arriving for a
 * second or too many are held (a rebalance waits for held records, and they hold memory). A failed
 * {@code preCommit} rewinds to the held records, which are delivered again.
 */
final class WorkerSinkTask extends WorkerTask {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerSinkTask.class);
    private static final Duration BATCH_WAIT = Duration.ofMillis(50);
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration IDLE_COMMIT = Duration.ofSeconds(1);
    private static final Object STOPPED = new Object();

    private final SinkTask task;
    private final Map<String, String> taskConfig;
    private final ConnectorConfig connector;
    private final TaskResources resources;
    private final SinkPartitions partitions = new SinkPartitions();
    private final Sinks.Many<Object> events = Sinks.many().unicast().onBackpressureBuffer();
    private final ConcurrentLinkedQueue<Set<TopicPartition>> pendingOpens = new ConcurrentLinkedQueue<>();
    private final SinkConsumers consumers;
    private @Nullable WorkerSinkTaskContext context;
    private @Nullable TributaryConsumer<byte[], byte[]> consumer;
    private @Nullable TributaryProducer<byte[], byte[]> deadLetters;
    private @Nullable RecordTransforms<SinkRecord> transforms;
    private @Nullable RetryWithToleranceOperator operator;
    private @Nullable SinkRecordConverter converter;
    private volatile boolean partitionsClosed;
    /** The event stream has ended (stopped or failed): nobody will handle rebalance events any more. */
    private volatile boolean eventsEnded;
    private long lastCommit = System.nanoTime();
    private long lastBatch = System.nanoTime();

    /** Events of the consumer's group membership, handled in order with the batches. */
    private record Revoked(Set<TopicPartition> partitions, Sinks.Empty<Void> done) {
    }

    private record Lost(Set<TopicPartition> partitions) {
    }

    private enum Signal { TICK, STOP }

    WorkerSinkTask(ConnectorTaskId id, SinkTask task, Map<String, String> taskConfig, ConnectorConfig connector,
                   TaskResources resources, PluginThread thread) {
        super(id, resources.statuses(), thread, resources.worker().shutdownTimeout());
        this.task = task;
        this.taskConfig = Map.copyOf(taskConfig);
        this.connector = connector;
        this.resources = resources;
        this.consumers = new SinkConsumers(resources.worker(), connector, id);
    }

    @Override
    protected Mono<Void> startTask() {
        return Mono.defer(() -> {
            RecordConverters converters = RecordConverters.create(resources.plugins(), resources.worker(), connector);
            RecordTransforms<SinkRecord> chain = RecordTransforms.create(connector.originals(),
                Thread.currentThread().getContextClassLoader());
            transforms = chain;
            TributaryProducer<byte[], byte[]> p = resources.producer(connector, id, scheduler);
            deadLetters = p;
            return resources.reporters(connector.errorHandling(), p)
                .publishOn(scheduler)
                .doOnNext(reporters -> {
                    RetryWithToleranceOperator errors = new RetryWithToleranceOperator(id, connector.errorHandling(),
                        reporters, scheduler);
                    operator = errors;
                    converter = new SinkRecordConverter(converters, chain, errors);
                    WorkerSinkTaskContext c = new WorkerSinkTaskContext(taskConfig, partitions, this::report, events);
                    context = c;
                    consumer = consumers.create(scheduler, new Listener());
                    task.initialize(c);
                    task.start(taskConfig);
                });
        }).then();
    }

    /** The errant record reporter: the consumed record behind {@code record} through {@code errors.*}. */
    private Mono<Void> report(SinkRecord record, Throwable error) {
        return Mono.defer(() -> {
            ReceivedRecord<byte[], byte[]> consumed = partitions.held(record.originalTopicPartition(),
                record.originalKafkaOffset());
            ErrantRecord errant = consumed != null ? SinkRecordConverter.errant(consumed)
                : new ErrantRecord(record.originalTopicPartition().topic(), record.originalTopicPartition()
                    .partition(), record.originalKafkaOffset(), record.timestamp(), null, null, List.of(),
                    "sink record " + record);
            return requireStarted(operator).handle(Stage.TASK_PUT, task.getClass().getName(), error, errant);
        });
    }

    @Override
    protected Mono<Void> execute(Mono<Void> stop) {
        TributaryConsumer<byte[], byte[]> c = requireStarted(consumer);
        Flux<Object> all = Flux.<Object>merge(1,
            c.receive()
                .map(partitions::stamp)
                .bufferTimeout(consumers.maxPollRecords(), BATCH_WAIT, scheduler, true),
            Flux.interval(TICK, scheduler).onBackpressureDrop().map(t -> Signal.TICK),
            events.asFlux(),
            stop.thenReturn(Signal.STOP));
        return all
            .publishOn(scheduler, 1)
            .concatMap(event -> handle(event).publishOn(scheduler), 1)
            .takeUntil(STOPPED::equals)
            .then();
    }

    @SuppressWarnings("unchecked")
    private Mono<Object> handle(Object event) {
        return Mono.defer(() -> {
            applyRequests();
            if (event instanceof List<?> batch) {
                lastBatch = System.nanoTime();
                return deliver((List<SinkPartitions.Stamped>) batch).then(maybeCommit()).then(Mono.empty());
            }
            if (event instanceof Revoked r) {
                closePartitions(r.partitions());
                r.done().tryEmitEmpty();
                return Mono.empty();
            }
            if (event instanceof Lost l) {
                closePartitions(l.partitions());
                return Mono.empty();
            }
            if (event == Signal.STOP) {
                return commit()
                    .then(Mono.fromRunnable(() -> {
                        closePartitions(partitions.assigned());
                        partitionsClosed = true;   // the consumer's own revocation on leaving changes nothing now
                    }))
                    .thenReturn(STOPPED);
            }
            return maybeCommit().then(Mono.empty());   // a tick or a task's request
        });
    }

    /** Opens newly assigned partitions, then applies the task's rewinds and pauses, on the task's thread. */
    private void applyRequests() {
        for (Set<TopicPartition> added = pendingOpens.poll(); added != null; added = pendingOpens.poll()) {
            partitions.assign(added);
            task.open(added);
        }
        WorkerSinkTaskContext c = requireStarted(context);
        for (WorkerSinkTaskContext.Request r = c.poll(); r != null; r = c.poll()) {
            if (r instanceof WorkerSinkTaskContext.Rewind rewind) {
                rewind.offsets().forEach(this::seek);
            } else if (r instanceof WorkerSinkTaskContext.Pause pause) {
                partitions.pause(pause.partitions());
            } else if (r instanceof WorkerSinkTaskContext.Resume resume) {
                partitions.resume(resume.partitions()).forEach(this::seek);
            }
        }
    }

    /** Moves a partition; runs on the consumer's emission thread, so records emitted before are recognised. */
    private void seek(TopicPartition tp, long offset) {
        if (!partitions.assigned().contains(tp)) {
            LOG.warn("Task {} asked to move {}, which is not assigned to it; ignored", id, tp);
            return;
        }
        requireStarted(consumer).seek(tp, offset).subscribe(null,
            e -> LOG.warn("Task {} could not move {} to offset {}", id, tp, offset, e));
        partitions.sought(tp, offset);
    }

    private Mono<Void> deliver(List<SinkPartitions.Stamped> batch) {
        SinkRecordConverter convert = requireStarted(converter);
        return gate.whenOpen().then(Mono.defer(() -> {
            if (stopping()) {
                return Mono.empty();   // neither put nor acknowledged: read again after a restart
            }
            applyRequests();   // the gate may have held the batch through a pause and new requests
            List<ReceivedRecord<byte[], byte[]>> records = batch.stream()
                .filter(partitions::deliverable)
                .map(SinkPartitions.Stamped::record)
                .toList();
            return Flux.fromIterable(records)
                .concatMap(r -> {
                    partitions.delivered(r);   // converted, dropped or skipped alike, its offset moves on
                    return convert.prepare(r);
                })
                .collectList()
                .flatMap(this::put);
        }));
    }

    private Mono<Void> put(List<SinkRecord> records) {
        if (records.isEmpty()) {
            return Mono.empty();
        }
        return Mono.defer(() -> task.put(records))
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100))
                .maxBackoff(connector.errorHandling().retryDelayMax())
                .scheduler(scheduler)
                .filter(e -> RetryWithToleranceOperator.isRetriable(e) && !stopping())
                .doBeforeRetry(s -> LOG.warn("Task {} put failed, retrying: {}", id, s.failure().toString())));
    }

    private Mono<Void> maybeCommit() {
        long now = System.nanoTime();
        long interval = resources.worker().offsetFlushInterval().toNanos();
        int held = partitions.heldCount();
        boolean due = requireStarted(context).takeCommitRequest() || now - lastCommit >= interval
            || held >= 10 * consumers.maxPollRecords() || held > 0 && now - lastBatch >= IDLE_COMMIT.toNanos();
        return due ? commit() : Mono.empty();
    }

    /**
     * Asks the task which offsets are flushed, acknowledges the held records below them and commits; on a
     * {@code preCommit} failure, rewinds to the held records so that they are delivered again.
     */
    private Mono<Void> commit() {
        return Mono.defer(() -> {
            lastCommit = System.nanoTime();
            Map<TopicPartition, Long> current = partitions.currentOffsets();
            if (current.isEmpty()) {
                return Mono.empty();
            }
            return Mono.defer(() -> task.preCommit(current))
                .publishOn(scheduler)
                .flatMap(approved -> Flux.fromIterable(partitions.approve(approved))
                    .flatMap(ReceivedRecord::commit)
                    .then()
                    .timeout(resources.worker().offsetFlushTimeout())
                    .onErrorResume(e -> {
                        LOG.warn("Task {} failed to commit offsets; they are committed with the next commit", id, e);
                        return Mono.empty();
                    }))
                .onErrorResume(e -> {
                    LOG.error("Task {} failed in preCommit; records not flushed are delivered again", id, e);
                    partitions.firstHeldOffsets().forEach(this::seek);
                    return Mono.empty();
                });
        });
    }

    private void closePartitions(Set<TopicPartition> revoked) {
        partitions.revoke(revoked);
        if (!revoked.isEmpty() && !partitionsClosed) {
            task.close(revoked);
        }
    }

    /** Hears the consumer's rebalances; hands them to the event stream, since calls must not overlap a put. */
    private final class Listener implements AssignmentListener {
        @Override
        public void onAssigned(Set<TopicPartition> added) {
            pendingOpens.add(Set.copyOf(added));
            WorkerSinkTaskContext.emit(events, WorkerSinkTaskContext.WakeUp.INSTANCE);
        }

        @Override
        public Mono<Void> onRevoked(Set<TopicPartition> revoked) {
            if (partitionsClosed || eventsEnded) {
                // After a failure the consumer still revokes as it leaves; waiting for the ended stream would
                // hold the close (and the group's rebalance) until the shutdown time-out.
                return Mono.empty();
            }
            Sinks.Empty<Void> done = Sinks.empty();
            WorkerSinkTaskContext.emit(events, new Revoked(Set.copyOf(revoked), done));
            return done.asMono();
        }

        @Override
        public void onLost(Set<TopicPartition> lost) {
            if (!partitionsClosed && !eventsEnded) {
                WorkerSinkTaskContext.emit(events, new Lost(Set.copyOf(lost)));
            }
        }
    }

    @Override
    protected Mono<Void> closeTask(boolean commit) {
        // The final commit ran in the event stream on stop; after a failure nothing is committed.
        eventsEnded = true;
        return Mono.defer(() -> consumer == null ? Mono.<Void>empty() : consumer.close()
                .timeout(resources.worker().shutdownTimeout(), Mono.empty()))
            .onErrorResume(e -> {
                LOG.warn("Task {} failed to close its consumer", id, e);
                return Mono.empty();
            })
            .then(Mono.<Void>fromRunnable(this::stopPlugin).subscribeOn(scheduler))
            .then(Mono.defer(() -> operator == null ? Mono.<Void>empty() : operator.close()))
            .then(Mono.defer(() -> deadLetters == null ? Mono.<Void>empty() : deadLetters.close()
                .timeout(resources.worker().shutdownTimeout(), Mono.empty())));
    }

    private void stopPlugin() {
        try {
            if (!partitionsClosed) {
                closePartitions(partitions.assigned());
            }
            partitionsClosed = true;
            task.stop();
        } catch (RuntimeException e) {
            LOG.warn("Task {} threw on stop", id, e);
        }
        RecordTransforms<SinkRecord> t = transforms;
        if (t != null) {
            try {
                t.close();
            } catch (RuntimeException e) {
                LOG.warn("Task {} failed to close its transforms", id, e);
            }
        }        SinkRecordConverter c = converter;
        if (c != null) {
            c.close();
        }
    }

    private static <T> T requireStarted(@Nullable T part) {
        if (part == null) {
            throw new ConnectException("The task is not started");
        }
        return part;
    }
}
