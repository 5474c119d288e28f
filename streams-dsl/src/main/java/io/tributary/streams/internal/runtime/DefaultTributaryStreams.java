package io.tributary.streams.internal.runtime;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.TributaryAdmin;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.AssignmentListener;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.IsolationLevel;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.SendResult;
import io.tributary.producer.SenderRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Serdes;
import io.tributary.serdes.Serializer;
import io.tributary.streams.ErrorHandling;
import io.tributary.streams.KeyQueryMetadata;
import io.tributary.streams.ProcessingGuarantee;
import io.tributary.streams.StreamsException;
import io.tributary.streams.StreamsMetadata;
import io.tributary.streams.StreamsOptions;
import io.tributary.streams.TributaryStreams;
import io.tributary.streams.internal.TopologyGraph;
import io.tributary.streams.internal.engine.DeadLetters;
import io.tributary.streams.internal.engine.InputRecord;
import io.tributary.streams.internal.engine.OutputRecord;
import io.tributary.streams.internal.engine.ReadOnlyGlobalStore;
import io.tributary.streams.internal.engine.StreamTask;
import io.tributary.streams.internal.engine.TaskFactory;
import io.tributary.streams.internal.state.KeyValueStoreSpec;
import io.tributary.streams.internal.state.SessionStoreSpec;
import io.tributary.streams.internal.state.WindowStoreSpec;
import io.tributary.streams.processor.TaskId;
import io.tributary.streams.state.KeyValueStore;
import io.tributary.streams.state.ReadOnlyKeyValueStore;
import io.tributary.streams.state.ReadOnlySessionStore;
import io.tributary.streams.state.ReadOnlyWindowStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The runtime: one consumer (group {@code application.id}, cooperative task assignment by {@link TaskAssignor})
 * feeding tasks, one producer writing
 * their outputs, an admin client for topics and restore offsets, and a {@link GlobalStateUpdater} for the global
 * stores, loaded before the consumer starts and updated under the same lock as the tasks. Records and wall-clock
 * ticks are merged into one serial stream, so tasks are driven one event at a time; the lock also orders them
 * against the assignment listener, which closes tasks of revoked partitions. Under exactly-once the stream is cut
 * into commit intervals, each one transaction of a transactional producer (see {@link Transaction}). Thread-safe.
 */
public final class DefaultTributaryStreams implements TributaryStreams {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultTributaryStreams.class);
    private static final Duration WALL_CLOCK_TICK = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Exactly-once: at most this many events (records and ticks) per transaction, however short the interval. */
    private static final int MAX_TRANSACTION_EVENTS = 10_000;

    private final TopologyGraph graph;
    private final StreamsOptions options;
    private final TaskFactory factory;
    /** Whether tasks keep stores on disk: then creating, checkpointing and closing them run on boundedElastic. */
    private final boolean persistent;
    private final boolean exactlyOnce;
    private final IsolationLevel isolation;
    /** Made here, on the caller's thread: a random UUID may read the OS's entropy source, which can block. */
    private final UUID instanceId = UUID.randomUUID();
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final Map<TaskId, StreamTask> tasks = new ConcurrentHashMap<>();
    /** Tasks being created and restored, so that a record and the assignment share one restore. */
    private final Map<TaskId, Mono<StreamTask>> restoring = new ConcurrentHashMap<>();
    /** The tasks of the partitions this instance owns; a restore finishing after a revocation is dropped. */
    private final Set<TaskId> owned = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private final AtomicInteger pending = new AtomicInteger();
    /** At-least-once: records whose updates wait in a record cache, acknowledged once its next flush is written. */
    private final List<PendingAck> awaitingFlush = new ArrayList<>();
    private volatile boolean flushRequested;
    private volatile long lastFlush = System.currentTimeMillis();
    private final Sinks.Empty<Void> assigned = Sinks.empty();
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private volatile boolean stopping;
    private volatile @Nullable TributaryAdmin admin;
    private volatile @Nullable TributaryConsumer<byte[], byte[]> consumer;
    private volatile @Nullable TributaryProducer<byte[], byte[]> producer;
    private volatile @Nullable Disposable running;
    private volatile @Nullable GlobalStateUpdater globalUpdater;
    private volatile @Nullable ChangelogRestorer restorer;
    /** Copies of other instances' tasks ({@code num.standby.replicas}); empty unless asked for. */
    private final StandbyTasks standbys;
    private volatile @Nullable StandbyUpdater standbyUpdater;
    /** Where keys and stores live, from the host map of each assignment. */
    private final QueryMetadata queryMetadata;

    public DefaultTributaryStreams(TopologyGraph graph, StreamsOptions options) {
        this.graph = graph;
        this.options = options;
        this.exactlyOnce = options.processingGuarantee() == ProcessingGuarantee.EXACTLY_ONCE_V2;
        this.isolation = exactlyOnce ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED;
        this.factory = new TaskFactory(graph, options, System::currentTimeMillis);
        this.persistent = factory.hasPersistentStores();
        this.standbys = new StandbyTasks(factory, lock,
            id -> owned.contains(id) || tasks.containsKey(id) || restoring.containsKey(id));
        this.queryMetadata = new QueryMetadata(graph, factory.subtopologies(), factory.subtopologyByTopic(),
            options.applicationServer());
    }

    @Override
    public Mono<Void> start() {
        return Mono.defer(() -> {
            if (!state.compareAndSet(State.CREATED, State.STARTING)) {
                return Mono.error(new IllegalStateException("start() may be called once; the application is "
                    + state.get()));
            }
            TributaryAdmin a = TributaryAdmin.create(AdminOptions.create(options.client()));
            admin = a;
            return onStateScheduler(factory::prepareStateDirectory)
                .then(TopicSetup.prepare(a, graph, options))
                .flatMap(plan -> loadGlobalStores(a).thenReturn(plan))
                .doOnNext(plan -> run(a))
                .then(assigned.asMono())
                .doOnSuccess(v -> state.compareAndSet(State.STARTING, State.RUNNING))
                .onErrorResume(e -> shutDown(State.FAILED).then(Mono.error(e)));   // no-op if already closing
        });
    }

    /** Loads the global stores before any task runs; they keep following their topics until close. */
    private Mono<Void> loadGlobalStores(TributaryAdmin a) {
        GlobalStateUpdater updater = new GlobalStateUpdater(a, options.client(), isolation, factory.global(), lock,
            this::failed);
        globalUpdater = updater;
        return updater.start();
    }

    private void run(TributaryAdmin a) {
        restorer = new ChangelogRestorer(a, options.client(), isolation,
            RestoreMetrics.of(options.client().meterRegistry(), options.applicationId()));
        ProducerOptions<byte[], byte[]> producerOptions = ProducerOptions
            .create(options.client(), Serdes.byteArray().serializer(), Serdes.byteArray().serializer())
            .stopOnError(false);
        TributaryProducer<byte[], byte[]> p = TributaryProducer.create(exactlyOnce
            // One transactional id per instance: zombies are fenced by the group's generation (KIP-447), not by it.
            ? producerOptions.transactionalId(options.applicationId() + "-" + instanceId)
                .transactionTimeout(options.transactionTimeout())
            : producerOptions);
        TributaryConsumer<byte[], byte[]> c = TributaryConsumer.create(ConsumerOptions
            .create(options.client(), Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer())
            .groupId(options.applicationId())
            .subscription(factory.subtopologyByTopic().keySet())
            .assignor(new TaskAssignor(factory.subtopologyByTopic(), standbys::ids, options.applicationServer(),
                options.numStandbyReplicas(), queryMetadata::update))
            .offsetReset(OffsetReset.EARLIEST)
            .isolationLevel(isolation)
            .sessionTimeout(options.sessionTimeout())
            .heartbeatInterval(options.heartbeatInterval())
            .commitInterval(options.commitInterval())
            .assignmentListener(new TaskLifecycle()));
        producer = p;
        consumer = c;
        if (options.numStandbyReplicas() > 0 && standbys.anyStateful()) {
            StandbyUpdater updater = new StandbyUpdater(a, options.client(), isolation, options.applicationId(),
                options.numStandbyReplicas(), standbys, () -> c.groupMetadata().memberId(), () -> Set.copyOf(owned),
                this::taskIds, persistent);
            standbyUpdater = updater;
            updater.start();
        }
        // A tick that finds processing busy is dropped: the next one does the same work.
        Flux<Object> events = Flux.merge(c.receive(), Flux.interval(WALL_CLOCK_TICK).onBackpressureDrop()
            .map(tick -> (Object) tick));
        if (exactlyOnce) {
            // One event at a time (prefetch 1): the cut is decided as each event is about to be processed, so slow
            // processing makes transactions hold fewer events, not stay open longer. Ticks come every 100 ms, so an
            // idle interval ends on time too.
            running = events.windowUntil(new TransactionCut(options.commitInterval()), true, 1)
                .concatMap(window -> new Transaction(window).run(p, c), 0)
                .subscribe(null, this::failed);
        } else {
            running = p.send(events.concatMap(event -> event instanceof ReceivedRecord<?, ?> r
                    ? process(cast(r)) : tick()))
                .doOnNext(this::written)
                .subscribe(null, this::failed);
        }
    }

    /**
     * Exactly-once: where one transaction ends and the next begins, before the first event taken once the commit
     * interval has passed since the transaction began or after {@link #MAX_TRANSACTION_EVENTS} events. Used by one
     * {@code windowUntil}, serially.
     */
    private static final class TransactionCut implements java.util.function.Predicate<Object> {
        private final long intervalNanos;
        private long deadline;
        private int events;

        TransactionCut(Duration interval) {
            this.intervalNanos = interval.toNanos();
            this.deadline = System.nanoTime() + intervalNanos;
        }

        @Override
        public boolean test(Object event) {
            long now = System.nanoTime();
            if (now - deadline >= 0 || events >= MAX_TRANSACTION_EVENTS) {
                deadline = now + intervalNanos;
                events = 1;
                return true;
            }
            events++;
            return false;
        }
    }

    /**
     * Exactly-once: the events of one commit interval in one transaction, with the offsets after the input records
     * processed; those are acknowledged once it committed. Events are taken one at a time while the interval lasts
     * (a slow processor makes the transaction hold fewer, not last longer). Records taken after close() began are
     * left out (not processed, not committed: read again after a restart). A failed transaction fails the
     * application; one with nothing to write costs no request.
     */
    private final class Transaction {
        private final Flux<Object> events;
        private final List<ReceivedRecord<byte[], byte[]>> processed = new ArrayList<>();

        Transaction(Flux<Object> events) {
            this.events = events;
        }

        Mono<Void> run(TributaryProducer<byte[], byte[]> p, TributaryConsumer<byte[], byte[]> c) {
            // The caches flush last, so that the transaction holds every update of its records.
            return commit(p, c, events.concatMap(this::handle, 0)
                .concatWith(Flux.defer(() -> Flux.fromIterable(flushCaches(System.currentTimeMillis())))));
        }

        private Flux<SenderRecord<byte[], byte[], PendingAck>> handle(Object event) {
            if (!(event instanceof ReceivedRecord<?, ?> r)) {
                return punctuate();
            }
            if (stopping) {
                return Flux.empty();
            }
            ReceivedRecord<byte[], byte[]> record = cast(r);
            processed.add(record);
            pending.incrementAndGet();
            return outputsOf(record, PendingAck.of(record));
        }

        private Mono<Void> commit(TributaryProducer<byte[], byte[]> p, TributaryConsumer<byte[], byte[]> c,
                                  Flux<SenderRecord<byte[], byte[], PendingAck>> outputs) {
            return p.inTransaction(tx -> tx.send(outputs)
                    .concatMap(result -> writtenInTransaction(tx, result))
                    .thenMany(Mono.defer(() -> processed.isEmpty() ? Mono.<Void>empty()
                        : tx.sendOffsetsToTransaction(nextOffsets(processed), c.groupMetadata()))))
                .then(Mono.fromRunnable(() -> processed.forEach(ReceivedRecord::acknowledge)))
                .then()
                .doFinally(signal -> pending.addAndGet(-processed.size()));
        }
    }

    /** Per partition, the offset after the last of {@code records}: the next one to consume. */
    private static Map<TopicPartition, Long> nextOffsets(List<ReceivedRecord<byte[], byte[]>> records) {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ReceivedRecord<byte[], byte[]> r : records) {
            next.merge(r.topicPartition(), r.offset() + 1, Math::max);
        }
        return next;
    }

    /**
     * The task, created and restored from its changelogs first if new: the assignment starts that at once, a record
     * of the task waits for it. A task whose partitions were revoked meanwhile is not kept.
     */
    private Mono<StreamTask> task(TaskId id) {
        StreamTask existing = tasks.get(id);
        if (existing != null) {
            return Mono.just(existing);
        }
        ChangelogRestorer r = restorer;
        if (r == null) {
            return Mono.error(new IllegalStateException("The application is not running"));
        }
        // A standby of the task here is taken over: its restore replays only what the standby had not applied yet.
        Mono<StandbyTasks.Standby> created = Mono.fromCallable(() -> {
            StandbyTasks.Standby standby = standbys.take(id);
            return standby != null ? standby : new StandbyTasks.Standby(factory.create(id), Map.of());
        });
        return restoring.computeIfAbsent(id, k -> (persistent ? created.subscribeOn(Schedulers.boundedElastic())
                : created)
            .flatMap(s -> r.restore(s.task(), s.positions()))
            .flatMap(t -> {
                if (owned.contains(k)) {
                    tasks.put(k, t);
                    return Mono.just(t);
                }
                // Revoked while restoring: not kept. A record already waiting for it still runs through it (at
                // once, as this emits); then it is closed, or its stores (and a RocksDB lock) would stay open.
                return Mono.just(t).doFinally(signal -> closeOrphan(t));
            })
            .doFinally(signal -> restoring.remove(k))
            .cache());
    }

    private Set<TaskId> taskIds(Collection<TopicPartition> partitions) {
        Set<TaskId> ids = new HashSet<>();
        for (TopicPartition tp : partitions) {
            Integer sub = factory.subtopologyByTopic().get(tp.topic());
            if (sub != null) {
                ids.add(new TaskId(sub, tp.partition()));
            }
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static ReceivedRecord<byte[], byte[]> cast(ReceivedRecord<?, ?> record) {
        return (ReceivedRecord<byte[], byte[]>) record;
    }

    /** Runs one input record through its task (restored first if new); emits its outputs to send. */
    private Flux<SenderRecord<byte[], byte[], PendingAck>> process(ReceivedRecord<byte[], byte[]> record) {
        if (stopping) {
            return Flux.empty();   // neither processed nor acknowledged: read again after restart
        }
        pending.incrementAndGet();
        return outputsOf(record, null);
    }

    /**
     * The outputs of {@code record}, run through its task; correlated with {@code ack}, or when null with one that
     * acknowledges the record once they were all written.
     */
    private Flux<SenderRecord<byte[], byte[], PendingAck>> outputsOf(ReceivedRecord<byte[], byte[]> record,
                                                                      @Nullable PendingAck ack) {
        TaskId id = new TaskId(factory.subtopologyByTopic().get(record.topic()), record.partition());
        StreamTask ready = tasks.get(id);
        // A task that exists runs the record at once: no Mono per record, and none or one output is a scalar that
        // the caller's concatMap takes without subscribing to anything.
        return ready != null ? run(ready, record, ack) : task(id).flatMapMany(t -> run(t, record, ack));
    }

    private Flux<SenderRecord<byte[], byte[], PendingAck>> run(StreamTask t, ReceivedRecord<byte[], byte[]> record,
                                                               @Nullable PendingAck ack) {
        List<OutputRecord> outputs;
        PendingAck correlation;
        synchronized (lock) {
            t.process(new InputRecord(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), record.timestamp(), record.headers()));
            outputs = t.drainOutputs();
            boolean cached = ack == null && t.cachesUpdates();
            correlation = ack != null ? ack
                : new PendingAck(record, outputs.size() + (cached ? 1 : 0), pending::decrementAndGet);
            if (cached) {
                awaitingFlush.add(correlation);
            }
        }
        return switch (outputs.size()) {
            case 0 -> Flux.empty();
            case 1 -> Flux.just(SenderRecord.create(toProducerRecord(outputs.get(0)), correlation));
            default -> Flux.fromIterable(outputs).map(o -> SenderRecord.create(toProducerRecord(o), correlation));
        };
    }

    private Flux<SenderRecord<byte[], byte[], PendingAck>> punctuate() {
        return Flux.defer(() -> Flux.fromIterable(punctuationOutputs()));
    }

    /**
     * At-least-once, on each wall-clock tick: the punctuations, then, once per commit interval (or when a
     * revocation or close asks for it), a flush of the record caches, whose outputs release the records waiting
     * for it.
     */
    private Flux<SenderRecord<byte[], byte[], PendingAck>> tick() {
        return Flux.defer(() -> {
            List<SenderRecord<byte[], byte[], PendingAck>> outputs = new ArrayList<>(punctuationOutputs());
            long now = System.currentTimeMillis();
            if (flushRequested || now - lastFlush >= options.commitInterval().toMillis()) {
                outputs.addAll(flushCaches(now));
                if (persistent) {
                    Schedulers.boundedElastic().schedule(this::checkpointTasks);
                }
            }
            return Flux.fromIterable(outputs);
        });
    }

    /** Flushes every task's record cache; at-least-once, its outputs then release the records that waited. */
    private List<SenderRecord<byte[], byte[], PendingAck>> flushCaches(long now) {
        List<OutputRecord> outputs = new ArrayList<>();
        List<PendingAck> released;
        synchronized (lock) {
            flushRequested = false;
            lastFlush = now;
            for (StreamTask t : tasks.values()) {
                t.flushCache();
                outputs.addAll(t.drainOutputs());
            }
            released = new ArrayList<>(awaitingFlush);
            awaitingFlush.clear();
        }
        PendingAck correlation = released.isEmpty() ? PendingAck.NONE
            : PendingAck.releasing(released, outputs.size());
        return outputs.stream().map(o -> SenderRecord.create(toProducerRecord(o), correlation)).toList();
    }

    /**
     * At-least-once, once per commit interval: checkpoints the persistent stores, off the processing thread. The
     * offsets are those acknowledged so far, at most what the stores hold, so a checkpoint racing with processing
     * or a close only makes a later restore replay more.
     */
    private void checkpointTasks() {
        for (StreamTask t : List.copyOf(tasks.values())) {
            try {
                t.checkpoint();
            } catch (RuntimeException e) {
                LOG.warn("Could not checkpoint task {}", t.id(), e);
            }
        }
    }

    /** Closes a task no one owns any more, without a checkpoint (the next owner restores it in full). */
    private void closeOrphan(StreamTask t) {
        onStateScheduler(() -> {
            synchronized (lock) {
                t.close(false);
            }
        }).subscribe(null, e -> LOG.warn("Could not close task {}, revoked while it was restored", t.id(), e));
    }

    /** Runs blocking state-directory work on boundedElastic, or inline when no store is persistent (no IO then). */
    private Mono<Void> onStateScheduler(Runnable work) {
        Mono<Void> run = Mono.fromRunnable(work);
        return persistent ? run.subscribeOn(Schedulers.boundedElastic()) : run;
    }

    private List<SenderRecord<byte[], byte[], PendingAck>> punctuationOutputs() {
        List<OutputRecord> outputs = new ArrayList<>();
        synchronized (lock) {
            long now = System.currentTimeMillis();
            for (StreamTask t : tasks.values()) {
                t.punctuateWallClock(now);
                outputs.addAll(t.drainOutputs());
            }
        }
        return outputs.stream().map(o -> SenderRecord.create(toProducerRecord(o), PendingAck.NONE)).toList();
    }

    private static ProducerRecord<byte[], byte[]> toProducerRecord(OutputRecord o) {
        return new ProducerRecord<>(o.topic(), o.partition(), o.timestamp(), o.key(), o.value(), o.headers());
    }

    /** At-least-once: an output was written, or failed (then handled as {@link #failedOutput} says). */
    private void written(SendResult<PendingAck> result) {
        if (persistent && result instanceof SendResult.Sent<PendingAck> sent) {
            trackChangelog(sent.metadata().partition(), sent.metadata().offset());
        }
        TributaryProducer<byte[], byte[]> p = producer;
        if (result instanceof SendResult.Failed<PendingAck> f && p != null) {
            ProducerRecord<byte[], byte[]> letter = failedOutput(f);
            if (letter != null) {
                // The input goes to the dead-letter topic before its offset may be committed.
                p.send(letter)
                    .doFinally(signal -> result.correlation().written())
                    .subscribe(null, e -> LOG.warn("Failed to write the dead letter of an input to {}", letter.topic(),
                        e));
                return;
            }
        }
        result.correlation().written();
    }

    /**
     * Exactly-once: an output was written, or failed. Under {@link ErrorHandling#FAIL} the failure fails the
     * transaction, which aborts: none of its outputs and offsets become visible, and the application fails (a
     * restart processes its inputs again). Under {@link ErrorHandling#LOG_AND_CONTINUE} the output is skipped and
     * the transaction goes on; the dead letter of its input is written in that transaction, which commits only once
     * the dead letter is written (and aborts if it cannot be), so {@code read_committed} readers see it exactly once,
     * with the transaction's other outputs and offsets.
     */
    private Mono<Void> writtenInTransaction(TributaryProducer<byte[], byte[]> tx, SendResult<PendingAck> result) {
        if (persistent && result instanceof SendResult.Sent<PendingAck> sent) {
            trackChangelog(sent.metadata().partition(), sent.metadata().offset());
        }
        if (result instanceof SendResult.Failed<PendingAck> f) {
            ProducerRecord<byte[], byte[]> letter = failedOutput(f);
            return letter == null ? Mono.empty() : tx.send(letter).then();
        }
        return Mono.empty();
    }

    /**
     * Handles an output that could not be written: throws under {@link ErrorHandling#FAIL}; else logs and returns the
     * dead letter of the input that made it, or null without a dead-letter topic or an input (punctuations, cache
     * flushes).
     */
    private @Nullable ProducerRecord<byte[], byte[]> failedOutput(SendResult.Failed<PendingAck> f) {
        if (options.productionErrorHandling() == ErrorHandling.FAIL) {
            throw new StreamsException("Failed to write an output record: " + f.error().getMessage(), f.error());
        }
        LOG.warn("Failed to write an output record; going on (log-and-continue)", f.error());
        ReceivedRecord<byte[], byte[]> input = f.correlation().input();
        String deadLetterTopic = options.deadLetterTopic();
        if (input == null || deadLetterTopic == null) {
            return null;
        }
        return toProducerRecord(DeadLetters.of(deadLetterTopic, new InputRecord(input.topic(), input.partition(),
            input.offset(), input.key(), input.value(), input.timestamp(), input.headers()), f.error()));
    }

    /** A changelog write was acknowledged at {@code offset}: its task's checkpoint may now name the next one. */
    private void trackChangelog(TopicPartition partition, long offset) {
        if (!partition.topic().endsWith("-changelog")) {
            return;
        }
        for (StreamTask t : tasks.values()) {
            if (t.id().partition() == partition.partition()) {
                t.changelogTopics().forEach((store, topic) -> {
                    if (topic.equals(partition.topic())) {
                        t.changelogAt(store, offset + 1);
                    }
                });
            }
        }
    }

    private void failed(Throwable error) {
        if (stopping) {
            LOG.debug("Application {} ended while closing", options.applicationId(), error);
            return;
        }
        LOG.error("Application {} failed", options.applicationId(), error);
        assigned.tryEmitError(error);   // a start() still waiting for partitions fails with the cause
        shutDown(State.FAILED).subscribe();
    }

    /** Closes the tasks of partitions this instance no longer owns; a later assignment restores them again. */
    private final class TaskLifecycle implements AssignmentListener {
        /** Creates and restores the new tasks right away; the first assignment completes start() once restored. */
        @Override
        public void onAssigned(Set<TopicPartition> added) {
            Set<TaskId> ids = taskIds(added);
            owned.addAll(ids);
            Flux.fromIterable(ids)
                .concatMap(id -> task(id).onErrorResume(e -> {
                    // A record of the task tries again; the application is not failed for it here.
                    LOG.warn("Could not restore task {} on assignment; its first record retries", id, e);
                    return Mono.empty();
                }))
                .then()
                .subscribe(null, e -> assigned.tryEmitEmpty(), assigned::tryEmitEmpty);
            rebalanced();
        }

        /** Standbys follow the assignment: this instance's own tasks are not among them, others' may be. */
        private void rebalanced() {
            StandbyUpdater updater = standbyUpdater;
            if (updater != null) {
                updater.rebalanced();
            }
        }

        /** Records of those partitions may wait in a record cache: the next tick flushes it, acknowledging them. */
        @Override
        public void onRevoking(Set<TopicPartition> revoking) {
            flushRequested = true;
        }

        /**
         * Closes the revoked tasks; at-least-once with a checkpoint. Under exactly-once a transaction may still be
         * open, so the files are not vouched for: the next owner here wipes and restores them.
         */
        @Override
        public Mono<Void> onRevoked(Set<TopicPartition> revoked) {
            return onStateScheduler(() -> closeTasks(revoked, !exactlyOnce)).doFinally(signal -> rebalanced());
        }

        @Override
        public void onLost(Set<TopicPartition> lost) {
            closeTasks(lost, false);
            rebalanced();
        }

        private void closeTasks(Set<TopicPartition> partitions, boolean checkpoint) {
            owned.removeAll(taskIds(partitions));
            synchronized (lock) {
                for (TopicPartition tp : partitions) {
                    Integer sub = factory.subtopologyByTopic().get(tp.topic());
                    StreamTask task = sub == null ? null : tasks.remove(new TaskId(sub, tp.partition()));
                    if (task != null) {
                        task.close(checkpoint);
                    }
                }
            }
        }
    }

    @Override
    public Mono<Void> close() {
        return shutDown(State.CLOSED);
    }

    /** Stops taking records, waits for the outputs of those taken, commits, then closes everything. */
    private Mono<Void> shutDown(State end) {
        return Mono.defer(() -> {
            State before = state.get();
            if (before == State.CLOSING || before == State.CLOSED || before == State.FAILED) {
                return closed.asMono();   // another shutdown runs or ran
            }
            if (!state.compareAndSet(before, end == State.FAILED ? State.FAILED : State.CLOSING)) {
                return shutDown(end);
            }
            stopping = true;
            flushRequested = true;   // records waiting in a cache are written and acknowledged before the consumer goes
            assigned.tryEmitError(new StreamsException("Application " + options.applicationId() + " was closed "
                + "before it was running"));
            TributaryConsumer<byte[], byte[]> c = consumer;
            TributaryProducer<byte[], byte[]> p = producer;
            TributaryAdmin a = admin;
            GlobalStateUpdater g = globalUpdater;
            StandbyUpdater s = standbyUpdater;
            return Flux.interval(Duration.ZERO, Duration.ofMillis(10))
                .filter(t -> pending.get() == 0 || end == State.FAILED)
                .next()
                .timeout(CLOSE_TIMEOUT, Mono.just(0L))
                .then(c == null ? Mono.empty() : c.close().onErrorResume(e -> Mono.empty()))
                .then(s == null ? Mono.empty() : s.close().onErrorResume(e -> Mono.empty()))
                .then(Mono.fromRunnable(() -> {
                    Disposable r = running;
                    if (r != null) {
                        r.dispose();
                    }
                }))
                .then(g == null ? Mono.empty() : g.close().onErrorResume(e -> Mono.empty()))
                .then(p == null ? Mono.empty() : p.close().onErrorResume(e -> Mono.empty()))
                .then(a == null ? Mono.empty() : a.close().onErrorResume(e -> Mono.empty()))
                // After the producer closed: every changelog write is acknowledged, so the checkpoints are complete.
                // Under exactly-once only a clean close vouches for the files.
                .then(onStateScheduler(() -> {
                    boolean checkpoint = !exactlyOnce || end == State.CLOSED;
                    synchronized (lock) {
                        tasks.values().forEach(t -> t.close(checkpoint));
                        tasks.clear();
                    }
                    standbys.closeAll();
                    factory.close();
                }))
                .onErrorResume(e -> {
                    LOG.warn("Closing application {} failed", options.applicationId(), e);
                    return Mono.empty();
                })
                // Set before completing, so that a caller of close() sees the final state.
                .then(Mono.fromRunnable(() -> {
                    state.set(end);
                    closed.tryEmitEmpty();
                }));
        });
    }

    @Override
    public State state() {
        return state.get();
    }

    /** The tasks this instance keeps standbys of now (for tests and diagnostics). */
    public Set<TaskId> standbyTasks() {
        return standbys.ids();
    }

    /** Per changelog partition read by a standby here, the next offset its copy needs (0: none applied yet). */
    public Map<TopicPartition, Long> standbyPositions() {
        return standbys.positions();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
        if (graph.isGlobalStore(name)) {
            return new ReadOnlyGlobalStore<>((KeyValueStore<K, V>) factory.global().stores().get(name));
        }
        if (!(graph.stores().get(name) instanceof KeyValueStoreSpec<?, ?>)) {
            throw new IllegalArgumentException("The topology has no key-value store named " + name);
        }
        return LocalStores.keyValue(tasks::values, name);
    }

    @Override
    public <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, Serializer<K> keySerializer) {
        return queryMetadata.forKey(storeName, key, keySerializer);
    }

    @Override
    public Collection<StreamsMetadata> streamsMetadataForStore(String storeName) {
        return queryMetadata.forStore(storeName);
    }

    @Override
    public Collection<StreamsMetadata> metadataForAllStreamsClients() {
        return queryMetadata.all();
    }

    @Override
    public <K, V> ReadOnlyWindowStore<K, V> windowStore(String name) {
        if (!(graph.stores().get(name) instanceof WindowStoreSpec<?, ?>)) {
            throw new IllegalArgumentException("The topology has no window store named " + name);
        }
        return LocalStores.window(tasks::values, name);
    }

    @Override
    public <K, V> ReadOnlySessionStore<K, V> sessionStore(String name) {
        if (!(graph.stores().get(name) instanceof SessionStoreSpec<?, ?>)) {
            throw new IllegalArgumentException("The topology has no session store named " + name);
        }
        return LocalStores.session(tasks::values, name);
    }
}
