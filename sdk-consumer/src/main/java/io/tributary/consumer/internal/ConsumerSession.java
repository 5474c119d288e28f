package io.tributary.consumer.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.ClusterView;
import io.tributary.client.internal.Failures;
import io.tributary.common.Header;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.AssignmentListener;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.DeadLetterHandler;
import io.tributary.consumer.DeserializationFailure;
import io.tributary.consumer.IsolationLevel;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.PartitionAssignor;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.errors.ApiException;
import io.tributary.errors.TributaryException;
import io.tributary.producer.GroupMetadata;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.record.Record;
import io.tributary.serdes.Deserializer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * One {@code receive()} subscription: owns the partitions, fetches from their leaders (one Fetch in flight per
 * broker), turns responses into records on its fetch worker, emits them only as the subscriber requests, and
 * commits the acknowledged prefix of each partition periodically, on demand and before giving partitions up.
 *
 * <p>Backpressure: fetching stops while {@code prefetchBytes} of records wait to be emitted, so a slow subscriber
 * keeps memory flat; group membership (heartbeats) goes on meanwhile. Threads: responses arrive on event loops and
 * hop to the fetch worker, which parses, deserializes, queues the records and asks for the next fetch at once; the
 * emission worker (another worker of the options' scheduler) hands them to the subscriber meanwhile, so parsing one
 * response overlaps with emitting the previous one and the next Fetch is in flight during both. State is guarded by
 * {@code this}. A deserializer that overrides {@link Deserializer#deserializeAsync} (a schema-registry format) is
 * called through it instead: a partition's fetched records are deserialized in order, possibly on another thread,
 * and then hop back to the worker; the partition is not fetched again meanwhile.
 */
final class ConsumerSession<K, V> implements RebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerSession.class);
    /** Most records taken from the ready queue under one lock. */
    private static final int EMIT_BATCH = 256;

    private final ConsumerOptions<K, V> options;
    private final ClientRuntime runtime;
    private final FluxSink<ReceivedRecord<K, V>> sink;
    private final Scheduler.Worker worker;
    /** Parses and deserializes Fetch responses, beside the emission {@link #worker}. */
    private final Scheduler.Worker fetchWorker;
    private final @Nullable GroupMember member;
    /** Commits and committed offsets of an assigned (not subscribed) consumer that names a group. */
    private final @Nullable GroupOffsets assignedOffsets;
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final ArrayDeque<DefaultReceivedRecord<K, V>> ready = new ArrayDeque<>();
    private final Set<Integer> nodesFetching = new HashSet<>();
    /** One incremental fetch session per broker (KIP-227). */
    private final FetchSession.PerNode fetchSessions = new FetchSession.PerNode();
    private final AtomicInteger acknowledgedSinceCommit = new AtomicInteger();
    private final AtomicInteger deadLettersInFlight = new AtomicInteger();
    private final SerialTasks commits = new SerialTasks("the commits of a consumer");
    private final AtomicBoolean refreshingMetadata = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Runnable onStopped;
    /** Exactly-once processing: a producer's transactions commit the offsets, never this session. */
    private final boolean offsetsInTransactions;
    private final Sinks.Empty<Void> terminated = Sinks.empty();
    /** Whether the key or value deserializer overrides {@code deserializeAsync}; if neither, all is synchronous. */
    private final boolean asyncKeys;
    private final boolean asyncValues;
    private long bufferedBytes;
    /**
     * The bytes each fetch in flight may bring (by broker), counted with {@link #bufferedBytes} against
     * {@code prefetchBytes}: a fetch asks for no more than the room left, so the prefetch bound holds (give or take
     * the one batch a broker always returns).
     */
    private final Map<Integer, Long> reservedBytes = new HashMap<>();
    private long reservedTotal;
    private @Nullable Disposable commitTimer;

    ConsumerSession(ConsumerOptions<K, V> options, FluxSink<ReceivedRecord<K, V>> sink, boolean offsetsInTransactions,
                    Runnable onStopped) {
        this.options = options;
        this.offsetsInTransactions = offsetsInTransactions;
        this.runtime = new ClientRuntime(options.client());
        this.sink = sink;
        this.worker = options.scheduler().createWorker();
        this.fetchWorker = options.scheduler().createWorker();
        this.onStopped = onStopped;
        this.asyncKeys = overridesAsync(options.keyDeserializer());
        this.asyncValues = overridesAsync(options.valueDeserializer());
        this.member = options.assignment() == null ? GroupMembers.create(runtime, settings(options)) : null;
        this.assignedOffsets = member == null && options.groupId() != null
            ? new GroupOffsets(new GroupCoordinatorLink(runtime, options.groupId()), null) : null;
    }

    private static GroupSettings settings(ConsumerOptions<?, ?> o) {
        if (o.groupId() == null) {
            throw new IllegalArgumentException("A subscription needs a groupId; use assignment(...) without one");
        }
        PartitionAssignor own = o.assignor();
        List<PartitionAssignor> assignors = own != null ? List.of(own)
            : o.assignors().stream().<PartitionAssignor>map(GroupAssignor::named).toList();
        return new GroupSettings(o.groupId(), o.groupInstanceId(), o.groupProtocol(), assignors,
            o.remoteAssignor(), o.sessionTimeout(), o.rebalanceTimeout(), o.heartbeatInterval(), o.rack());
    }

    private static boolean overridesAsync(Deserializer<?> deserializer) {
        try {
            return deserializer.getClass().getMethod("deserializeAsync", String.class, List.class, byte[].class)
                .getDeclaringClass() != Deserializer.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    void start() {
        sink.onRequest(n -> schedule(this::drain));
        sink.onDispose(this::stop);
        if (!offsetsInTransactions) {
            long interval = options.commitInterval().toMillis();
            commitTimer = Schedulers.parallel().schedulePeriodically(() -> commitAcknowledged().subscribe(v -> { },
                e -> LOG.warn("Periodic commit failed: {}", e.toString())), interval, interval, TimeUnit.MILLISECONDS);
        }
        Set<TopicPartition> assignment = options.assignment();
        if (assignment != null) {
            onPartitionsAssigned(assignment, assignment);
        } else if (options.subscribedTopics() != null) {
            member.start(new Subscription.Topics(options.subscribedTopics()), this);
        } else {
            member.start(new Subscription.Matching(options.subscribedPattern()), this);
        }
    }

    // ---- emission ----------------------------------------------------------------------------------------------

    /** Emits ready records while the subscriber has demand; runs on the worker only. */
    private void drain() {
        List<DefaultReceivedRecord<K, V>> batch = new ArrayList<>(EMIT_BATCH);
        while (!stopped.get()) {
            long demand = sink.requestedFromDownstream();
            if (demand <= 0 || !takeReady((int) Math.min(demand, EMIT_BATCH), batch)) {
                break;
            }
            for (DefaultReceivedRecord<K, V> next : batch) {
                if (next.failure == null) {
                    sink.next(next);
                } else if (options.deadLetterHandler() != null) {
                    deadLetter(next, next.failure);
                } else {
                    fail(undeserializable(next.failure));
                    return;
                }
            }
            batch.clear();
        }
        fetchMore();
    }

    /**
     * Moves up to {@code max} ready records of partitions still owned into {@code batch}, counted as emitted; one
     * lock for the lot rather than one per record. False if there were none.
     */
    private synchronized boolean takeReady(int max, List<DefaultReceivedRecord<K, V>> batch) {
        while (batch.size() < max) {
            DefaultReceivedRecord<K, V> next = ready.poll();
            if (next == null) {
                break;
            }
            bufferedBytes -= next.sizeInBytes;
            PartitionState s = next.state;
            if (!s.removed && !s.revoking) {
                s.tracker.emitted(next.offset());
                batch.add(next);
            }
        }
        return !batch.isEmpty();
    }

    private static TributaryException undeserializable(DeserializationFailure failure) {
        return new TributaryException("Could not deserialize the record at offset " + failure.offset() + " of "
            + failure.topicPartition() + ": " + failure.cause().getMessage(), failure.cause());
    }

    /** Hands an undeserializable record to the dead-letter handler; acknowledges it once the handler is done. */
    private void deadLetter(DefaultReceivedRecord<K, V> record, DeserializationFailure failure) {
        DeadLetterHandler handler = requireNonNull(options.deadLetterHandler(), "deadLetterHandler");
        deadLettersInFlight.incrementAndGet();
        Mono.defer(() -> handler.handle(failure)).doFinally(s -> deadLettersInFlight.decrementAndGet()).subscribe(null,
            e -> {
                TributaryException error = new TributaryException("The dead-letter handler failed on the record at "
                    + "offset " + failure.offset() + " of " + failure.topicPartition() + ": " + e.getMessage(), e);
                if (stopped.get()) {
                    LOG.warn("After the subscription ended: {}", error.getMessage());
                }
                fail(error);
            },
            record::acknowledge);
    }

    /** Runs {@code task} on the emission worker; after the session stopped, not at all. */
    private void schedule(Runnable task) {
        try {
            worker.schedule(task);
        } catch (RejectedExecutionException e) {
            // The session stopped: nothing more to do.
        }
    }

    /** Runs {@code task} on the fetch worker; after the session stopped, not at all. */
    private void scheduleFetchWork(Runnable task) {
        try {
            fetchWorker.schedule(task);
        } catch (RejectedExecutionException e) {
            // The session stopped: nothing more to do.
        }
    }

    // ---- fetching ----------------------------------------------------------------------------------------------

    private void fetchMore() {
        if (stopped.get()) {
            return;
        }
        ClusterView view = runtime.cluster();
        Map<Integer, Map<TopicPartition, Long>> byLeader = new HashMap<>();
        Set<String> noLeader = new HashSet<>();
        long share;
        synchronized (this) {
            long room = options.prefetchBytes() - bufferedBytes - reservedTotal;
            if (room <= 0) {
                return;
            }
            for (PartitionState s : partitions.values()) {
                if (!s.isFetchable()) {
                    continue;
                }
                int leader = leaderOf(view, s.partition);
                if (leader < 0) {
                    noLeader.add(s.partition.topic());
                } else if (!nodesFetching.contains(leader)) {
                    byLeader.computeIfAbsent(leader, l -> new HashMap<>()).put(s.partition, s.position);
                }
            }
            share = byLeader.isEmpty() ? 0 : Math.max(1, Math.min(options.fetchMaxBytes(), room / byLeader.size()));
            byLeader.forEach((leader, positions) -> {
                nodesFetching.add(leader);
                reservedBytes.put(leader, share);
                reservedTotal += share;
                positions.keySet().forEach(tp -> partitions.get(tp).fetchInFlight = true);
            });
        }
        if (!noLeader.isEmpty()) {
            refreshMetadata(noLeader);
        }
        byLeader.forEach((leader, positions) -> fetch(leader, positions, (int) share));
    }

    private static int leaderOf(ClusterView view, TopicPartition tp) {
        ClusterView.TopicMetadata topic = view.topic(tp.topic());
        return topic == null || tp.partition() >= topic.partitionCount() ? -1
            : topic.partitions().get(tp.partition()).leader();
    }

    private void refreshMetadata(Set<String> topics) {
        if (refreshingMetadata.compareAndSet(false, true)) {
            runtime.refreshMetadata(topics, false)
                .doFinally(s -> refreshingMetadata.set(false))
                .subscribe(v -> schedule(this::fetchMore), e -> LOG.debug("Metadata refresh failed", e));
        }
    }

    private void fetch(int leader, Map<TopicPartition, Long> positions, int maxBytes) {
        FetchSession session = fetchSessions.of(leader);
        runtime.send(leader, session.next(options, positions, maxBytes), FetchResponse.class)
            .subscribe(
                response -> {
                    session.answered(response);
                    scheduleFetchWork(() -> onFetched(leader, positions, response));
                },
                error -> {
                    session.reset();
                    scheduleFetchWork(() -> onFetchFailed(leader, positions, error));
                });
    }

    private void onFetchFailed(int leader, Map<TopicPartition, Long> positions, Throwable error) {
        LOG.debug("Fetch from node {} failed: {}", leader, error.toString());
        runtime.invalidateMetadata();
        fetchDone(leader, positions, Set.of());
        try {
            worker.schedule(this::fetchMore, options.client().retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopped
        }
    }

    private void onFetched(int leader, Map<TopicPartition, Long> positions, FetchResponse response) {
        Set<TopicPartition> deserializing = new HashSet<>();
        if (FetchSession.isSessionError(response.errorCode())) {
            // The broker lost the session (evicted, or restarted): the next fetch opens a new one.
            LOG.debug("Fetch session with node {} ended: {}", leader, ErrorCode.forCode(response.errorCode()));
            fetchDone(leader, positions, deserializing);
            fetchMore();
            return;
        }
        try {
            if (response.errorCode() != 0) {
                throw Failures.of(response.errorCode(), null, "Fetch from node " + leader);
            }
            for (FetchResponse.FetchableTopicResponse topic : response.responses()) {
                for (FetchResponse.PartitionData data : topic.partitions()) {
                    TopicPartition tp = new TopicPartition(topic.topic(), data.partitionIndex());
                    Long requested = positions.get(tp);
                    if (requested != null && onPartitionData(tp, requested, data)) {
                        deserializing.add(tp);
                    }
                }
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            fetchDone(leader, positions, deserializing);
        }
        // The next Fetch goes out before these records are emitted: the round trip overlaps with their emission.
        fetchMore();
        schedule(this::drain);
    }

    /**
     * Handles one partition of a Fetch response; true if its records are being deserialized asynchronously, in
     * which case the partition stays marked as fetching until they are ready.
     */
    private boolean onPartitionData(TopicPartition tp, long requested, FetchResponse.PartitionData data) {
        PartitionState owner;
        synchronized (this) {
            owner = partitions.get(tp);
            if (owner == null || owner.revoking || owner.position != requested) {
                return false;
            }
        }
        ErrorCode error = ErrorCode.forCode(data.errorCode());
        if (error == ErrorCode.OFFSET_OUT_OF_RANGE) {
            resetPosition(tp);
            return false;
        }
        if (error != ErrorCode.NONE) {
            ApiException e = Failures.of(data.errorCode(), null, "Fetch of " + tp);
            if (!e.retriable()) {
                throw e;
            }
            runtime.invalidateMetadata();
            return false;
        }
        if (data.records() == null || data.records().readableBytes() == 0) {
            return false;
        }
        FetchedRecords.Result result = FetchedRecords.parse(data.records(), requested,
            options.isolationLevel() == IsolationLevel.READ_COMMITTED, data.abortedTransactions());
        if ((asyncKeys || asyncValues) && !result.records().isEmpty()) {
            // Copy the bytes now: the response buffer the records point into is released when this task ends.
            List<RawRecord> raw = new ArrayList<>(result.records().size());
            for (Record r : result.records()) {
                raw.add(RawRecord.of(r));
            }
            deserializeInOrder(owner, raw).subscribe(
                records -> schedule(() -> onDeserialized(owner, requested, result.nextOffset(), records)),
                e -> schedule(() -> onDeserializeFailed(owner, requested, e)));
            return true;
        }
        List<DefaultReceivedRecord<K, V>> records = new ArrayList<>(result.records().size());
        for (Record r : result.records()) {
            records.add(deserialize(owner, RawRecord.of(r)));
        }
        addReady(owner, requested, result.nextOffset(), records);
        return false;
    }

    /** Queues {@code records} and moves the position past them if {@code owner} still owns them; under the lock. */
    private synchronized void addReady(PartitionState owner, long requested, long nextOffset,
                                       List<DefaultReceivedRecord<K, V>> records) {
        if (!stillFetching(owner, requested)) {
            return;
        }
        owner.position = nextOffset;
        ready.addAll(records);
        for (DefaultReceivedRecord<K, V> r : records) {
            bufferedBytes += r.sizeInBytes;
        }
    }

    /** Whether {@code owner} is still the assigned state of its partition, not revoking, at {@code requested}. */
    private boolean stillFetching(PartitionState owner, long requested) {
        return partitions.get(owner.partition) == owner && !owner.revoking && owner.position == requested;
    }

    /** On the worker: asynchronously deserialized records are ready; queues them and emits. */
    private void onDeserialized(PartitionState owner, long requested, long nextOffset,
                                List<DefaultReceivedRecord<K, V>> records) {
        synchronized (this) {
            owner.fetchInFlight = false;
        }
        addReady(owner, requested, nextOffset, records);
        drain();
    }

    /** On the worker: a record could not be deserialized; ends the stream unless its records were dropped since. */
    private void onDeserializeFailed(PartitionState owner, long requested, Throwable error) {
        boolean relevant;
        synchronized (this) {
            owner.fetchInFlight = false;
            relevant = stillFetching(owner, requested);
        }
        if (relevant) {
            fail(error);
        } else {
            fetchMore();
        }
    }

    private DefaultReceivedRecord<K, V> deserialize(PartitionState owner, RawRecord r) {
        String topic = owner.partition.topic();
        try {
            K key = options.keyDeserializer().deserialize(topic, r.headers(), r.key());
            V value = options.valueDeserializer().deserialize(topic, r.headers(), r.value());
            return received(owner, r, key, value);
        } catch (RuntimeException e) {
            return undeserializable(owner, r, e);
        }
    }

    /**
     * A record that could not be deserialized, queued in its place: when its turn comes it goes to the dead-letter
     * handler or, without one, ends the stream (after the records before it).
     */
    private DefaultReceivedRecord<K, V> undeserializable(PartitionState owner, RawRecord r, Throwable e) {
        DeserializationFailure failure = new DeserializationFailure(owner.partition, r.offset(), r.timestamp(),
            r.key(), r.value(), r.headers(), e);
        return new DefaultReceivedRecord<>(this, owner, r.offset(), r.timestamp(), null, null, r.headers(), r.size(),
            failure);
    }

    /** Deserializes {@code records} one after the other, each through {@code deserializeAsync} where overridden. */
    private Mono<List<DefaultReceivedRecord<K, V>>> deserializeInOrder(PartitionState owner,
                                                                        List<RawRecord> records) {
        return Flux.fromIterable(records)
            .concatMap(r -> deserializeAsync(owner, r))
            .collectList();
    }

    private Mono<DefaultReceivedRecord<K, V>> deserializeAsync(PartitionState owner, RawRecord r) {
        String topic = owner.partition.topic();
        return deserializeAsync(options.keyDeserializer(), asyncKeys, topic, r.headers(), r.key())
            .zipWith(deserializeAsync(options.valueDeserializer(), asyncValues, topic, r.headers(), r.value()))
            .map(kv -> received(owner, r, kv.getT1().orElse(null), kv.getT2().orElse(null)))
            .onErrorResume(e -> Mono.just(undeserializable(owner, r, e)));
    }

    private static <T> Mono<Optional<T>> deserializeAsync(Deserializer<T> deserializer, boolean async, String topic,
                                                          List<Header> headers, byte @Nullable [] data) {
        Mono<T> value = async ? Mono.defer(() -> deserializer.deserializeAsync(topic, headers, data))
            : Mono.fromCallable(() -> deserializer.deserialize(topic, headers, data));
        return value.map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private DefaultReceivedRecord<K, V> received(PartitionState owner, RawRecord r, @Nullable K key,
                                                 @Nullable V value) {
        return new DefaultReceivedRecord<>(this, owner, r.offset(), r.timestamp(), key, value, r.headers(), r.size(),
            null);
    }

    /** A fetched record with its key and value copied out of the response buffer. */
    private record RawRecord(long offset, long timestamp, byte @Nullable [] key, byte @Nullable [] value,
                             List<Header> headers) {
        static RawRecord of(Record r) {
            return new RawRecord(r.offset(), r.timestamp(), r.keyBytes(), r.valueBytes(), r.headers());
        }

        /** The estimate counted against {@code prefetchBytes}. */
        int size() {
            return 64 + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        }
    }

    /** The Fetch to {@code leader} is over; partitions whose records are still {@code deserializing} stay busy. */
    private void fetchDone(int leader, Map<TopicPartition, Long> positions, Set<TopicPartition> deserializing) {
        synchronized (this) {
            nodesFetching.remove(leader);
            Long reserved = reservedBytes.remove(leader);
            reservedTotal -= reserved == null ? 0 : reserved;
            for (TopicPartition tp : positions.keySet()) {
                PartitionState s = partitions.get(tp);
                if (s != null && !deserializing.contains(tp)) {
                    s.fetchInFlight = false;
                }
            }
        }
    }

    // ---- positions ---------------------------------------------------------------------------------------------

    /**
     * Looks up where the {@code added} partitions start: their committed offsets, else the reset policy. The answer
     * applies only to the partition states it was asked for: a partition revoked and assigned again meanwhile has a
     * new state, and an offset committed before that would be stale (its records processed twice).
     */
    private void resolvePositions(Map<TopicPartition, PartitionState> states) {
        Set<TopicPartition> added = states.keySet();
        Mono<Map<TopicPartition, Long>> committed = member != null ? member.committed(added)
            : assignedOffsets != null ? assignedOffsets.committed(added, () -> GroupOffsets.Committer.NONE)
            : Mono.just(Map.of());
        committed
            .flatMap(found -> {
                Set<TopicPartition> missing = new HashSet<>(added);
                missing.removeAll(found.keySet());
                return startingOffsets(missing).map(reset -> {
                    Map<TopicPartition, Long> all = new HashMap<>(reset);
                    all.putAll(found);
                    return all;
                });
            })
            .subscribe(positions -> setPositions(positions, states), this::fail);
    }

    private Mono<Map<TopicPartition, Long>> startingOffsets(Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Mono.just(Map.of());
        }
        if (options.offsetReset() == OffsetReset.NONE) {
            return Mono.error(new ApiException(ErrorCode.OFFSET_OUT_OF_RANGE, "No committed offset for "
                + partitions + " and auto.offset.reset is none"));
        }
        long spec = options.offsetReset() == OffsetReset.EARLIEST ? OffsetLookup.EARLIEST : OffsetLookup.LATEST;
        return OffsetLookup.offsets(runtime, partitions, spec, options.isolationLevel());
    }

    private void resetPosition(TopicPartition tp) {
        PartitionState state;
        synchronized (this) {
            state = partitions.get(tp);
            if (state == null) {
                return;
            }
            state.position = -1;
        }
        startingOffsets(Set.of(tp)).subscribe(positions -> setPositions(positions, Map.of(tp, state)), this::fail);
    }

    private void setPositions(Map<TopicPartition, Long> positions, Map<TopicPartition, PartitionState> asked) {
        synchronized (this) {
            positions.forEach((tp, offset) -> {
                PartitionState s = partitions.get(tp);
                if (s != null && s == asked.get(tp) && s.position < 0) {
                    s.position = offset;
                }
            });
        }
        schedule(this::fetchMore);
    }

    /**
     * The offset of the next record to emit for {@code tp}: the first one queued, else the fetch position. Read on
     * the worker, between emissions, so a record taken from the queue has also been handed to the subscriber.
     */
    Mono<Long> position(TopicPartition tp) {
        return Mono.<Long>create(sink -> {
            if (stopped.get()) {
                sink.error(new IllegalStateException("The subscription has ended"));
                return;
            }
            try {
                worker.schedule(() -> {
                    try {
                        long position = nextToEmit(tp);
                        if (position < 0) {
                            sink.success();
                        } else {
                            sink.success(position);
                        }
                    } catch (RuntimeException e) {
                        sink.error(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                sink.error(new IllegalStateException("The subscription has ended"));
            }
        });
    }

    private synchronized long nextToEmit(TopicPartition tp) {
        PartitionState s = partitions.get(tp);
        if (s == null) {
            throw new IllegalStateException(tp + " is not assigned to this consumer");
        }
        for (DefaultReceivedRecord<K, V> r : ready) {
            if (r.state == s) {
                return r.offset();
            }
        }
        return s.position;
    }

    /** Moves {@code tp} to {@code offset}: records fetched but not emitted are dropped. */
    void seek(TopicPartition tp, long offset) {
        synchronized (this) {
            PartitionState s = partitions.get(tp);
            if (s == null) {
                throw new IllegalStateException(tp + " is not assigned to this consumer");
            }
            s.position = offset;
            s.tracker.reset();
            dropReady(Set.of(tp));
        }
        schedule(this::fetchMore);
    }

    synchronized Set<TopicPartition> assignment() {
        return Set.copyOf(partitions.keySet());
    }

    /** This member of the group, for offsets sent to a transaction. */
    GroupMetadata groupMetadata() {
        String group = requireNonNull(options.groupId(), "groupId");
        return member == null ? GroupMetadata.of(group)
            : new GroupMetadata(group, member.generation(), member.memberId(), options.groupInstanceId());
    }

    ClientRuntime runtime() {
        return runtime;
    }

    // ---- acknowledgements and commits --------------------------------------------------------------------------

    void acknowledge(PartitionState s, long offset) {
        if (!s.removed && s.tracker.acknowledge(offset) && options.commitBatchSize() > 0
            && acknowledgedSinceCommit.incrementAndGet() >= options.commitBatchSize()) {
            acknowledgedSinceCommit.set(0);
            commitAcknowledged().subscribe(v -> { }, e -> LOG.warn("Batch commit failed: {}", e.toString()));
        }
    }

    /** Commits every partition's acknowledged prefix that moved since its last commit. */
    Mono<Void> commitAcknowledged() {
        return serially(() -> commit(committable(null)));
    }

    /**
     * Runs a commit after those asked for before it, working out its offsets only when its turn comes: a commit
     * retried after an error can then never land after a newer one and move the group's offset back.
     */
    private Mono<Void> serially(Supplier<Mono<Void>> commit) {
        return Mono.defer(() -> {
            Sinks.Empty<Void> done = Sinks.empty();
            commits.post(() -> Mono.defer(commit)
                .doOnSuccess(v -> done.tryEmitEmpty())
                .onErrorResume(e -> {
                    done.tryEmitError(e);
                    return Mono.empty();
                }));
            return done.asMono();
        });
    }

    private synchronized Map<TopicPartition, Long> committable(@Nullable Set<TopicPartition> only) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (PartitionState s : partitions.values()) {
            long c = s.tracker.committable();
            if (c > s.committed && (only == null || only.contains(s.partition))) {
                offsets.put(s.partition, c);
            }
        }
        return offsets;
    }

    private Mono<Void> commit(Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty() || offsetsInTransactions) {
            return Mono.empty();
        }
        Mono<Void> commit = member != null ? member.commit(offsets)
            : assignedOffsets != null ? assignedOffsets.commit(offsets, () -> GroupOffsets.Committer.NONE)
            : Mono.empty();
        return commit.doOnSuccess(v -> {
            synchronized (this) {
                offsets.forEach((tp, offset) -> {
                    PartitionState s = partitions.get(tp);
                    if (s != null) {
                        s.committed = Math.max(s.committed, offset);
                    }
                });
            }
        });
    }

    // ---- rebalances --------------------------------------------------------------------------------------------

    @Override
    public Mono<Void> onPartitionsRevoked(Set<TopicPartition> revoked) {
        userCall("about to revoke", revoked, options.assignmentListener()::onRevoking);
        List<OffsetTracker> trackers = new ArrayList<>();
        synchronized (this) {
            for (TopicPartition tp : revoked) {
                PartitionState s = partitions.get(tp);
                if (s != null) {
                    s.revoking = true;
                    trackers.add(s.tracker);
                }
            }
            dropReady(revoked);
        }
        Duration timeout = options.revocationTimeout();
        return Flux.interval(Duration.ZERO, Duration.ofMillis(10))
            .filter(t -> stopped.get() || trackers.stream().allMatch(tr -> tr.inFlight() == 0))
            .next()
            .timeout(timeout, Mono.just(-1L))
            .then(serially(() -> commit(committable(revoked))))
            .onErrorResume(e -> {
                LOG.warn("Commit before revoking {} failed: {}", revoked, e.toString());
                return Mono.empty();
            })
            .doFinally(s -> {
                synchronized (this) {
                    remove(revoked);
                }
            })
            .then(Mono.defer(() -> {
                synchronized (this) {
                    remove(revoked);
                }
                return userRevoked(revoked);
            }));
    }

    /**
     * The user's {@link AssignmentListener#onRevoked}, on the emission worker (never a network
     * event loop, and in order with the other listener calls and the records); its failure is logged, not fatal.
     */
    private Mono<Void> userRevoked(Set<TopicPartition> revoked) {
        AssignmentListener listener = options.assignmentListener();
        Mono<Mono<Void>> onWorker = Mono.create(sink -> {
            try {
                worker.schedule(() -> sink.success(Mono.defer(() -> listener.onRevoked(revoked))));
            } catch (RejectedExecutionException e) {
                sink.success();
            }
        });
        return onWorker
            .flatMap(call -> call)
            .onErrorResume(e -> {
                LOG.warn("The assignment listener failed on revoking {}", revoked, e);
                return Mono.empty();
            });
    }

    /** A void listener call on the emission worker; its failure is logged, not fatal. */
    private void userCall(String what, Set<TopicPartition> partitions, Consumer<Set<TopicPartition>> call) {
        try {
            call.accept(partitions);
        } catch (RuntimeException e) {
            LOG.warn("The assignment listener failed on {} {}", what, partitions, e);
        }
    }

    @Override
    public void onPartitionsAssigned(Set<TopicPartition> added, Set<TopicPartition> owned) {
        Map<TopicPartition, PartitionState> states = new HashMap<>();
        synchronized (this) {
            for (TopicPartition tp : added) {
                states.put(tp, partitions.computeIfAbsent(tp, PartitionState::new));
            }
        }
        // The listener hears of the partitions before their positions are looked up, so before any of their records.
        schedule(() -> {
            userCall("assigning", added, options.assignmentListener()::onAssigned);
            resolvePositions(states);
        });
    }

    @Override
    public void onPartitionsLost(Set<TopicPartition> lost) {
        synchronized (this) {
            remove(lost);
            dropReady(lost);
        }
        schedule(() -> userCall("losing", lost, options.assignmentListener()::onLost));
    }

    /** Forgets {@code gone}; records of theirs still about are never emitted or acknowledged. Under the lock. */
    private void remove(Set<TopicPartition> gone) {
        for (TopicPartition tp : gone) {
            PartitionState s = partitions.remove(tp);
            if (s != null) {
                s.removed = true;
            }
        }
    }

    /** Drops fetched, not yet emitted records of {@code dropped}; caller holds the lock. */
    private void dropReady(Set<TopicPartition> dropped) {
        for (Iterator<DefaultReceivedRecord<K, V>> it = ready.iterator(); it.hasNext();) {
            DefaultReceivedRecord<K, V> r = it.next();
            if (dropped.contains(r.topicPartition())) {
                it.remove();
                bufferedBytes -= r.sizeInBytes;
            }
        }
    }

    @Override
    public void onMembershipFailed(Throwable cause) {
        fail(cause);
    }

    // ---- termination -------------------------------------------------------------------------------------------

    private void fail(Throwable e) {
        if (!stopped.get()) {
            sink.error(e);
        }
    }

    /**
     * The last commit is tried again while the group completes a rebalance this member is part of (the coordinator
     * refuses commits until the member has its new generation, which JoinGroup and SyncGroup bring shortly): giving
     * up would hand the records acknowledged since the previous commit to the next owner. The stop's time-out
     * bounds it.
     */
    private Retry whileRebalancing() {
        return Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(20))
            .maxBackoff(Duration.ofMillis(200))
            .filter(e -> e instanceof ApiException api && (api.error() == ErrorCode.REBALANCE_IN_PROGRESS
                || (api.error() == ErrorCode.ILLEGAL_GENERATION && member != null && member.rebalancing())));
    }

    /** Commits what was acknowledged, leaves the group and closes connections; idempotent. */
    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (commitTimer != null) {
            commitTimer.dispose();
        }
        Mono<Void> leave = member != null ? member.leave() : Mono.empty();
        // Dead letters being written count as acknowledged once written: wait for them before the last commit.
        Flux.interval(Duration.ZERO, Duration.ofMillis(10))
            .filter(t -> deadLettersInFlight.get() == 0)
            .next()
            .then(commitAcknowledged().retryWhen(whileRebalancing()))
            .onErrorResume(e -> {
                LOG.warn("The last commit before stopping failed: {}", e.toString());
                return Mono.empty();
            })
            // A group member's leave revokes its partitions; assigned partitions are given up here.
            .then(Mono.defer(() -> member != null ? Mono.empty() : userRevoked(assignment())))
            .then(leave.onErrorResume(e -> Mono.empty()))
            .timeout(options.revocationTimeout(), Mono.empty())
            .doFinally(s -> {
                runtime.close();
                worker.dispose();
                fetchWorker.dispose();
                onStopped.run();
                terminated.tryEmitEmpty();
            })
            .subscribe();
    }

    /** Completes the subscriber's stream, which stops the session (a no-op if it stopped already). */
    void end() {
        if (!stopped.get()) {
            sink.complete();
        }
    }

    /** Whether the subscription ended and the session is committing, leaving or already gone. */
    boolean stopping() {
        return stopped.get();
    }

    /** Completes once a stopping session has left its group and closed its connections. */
    Mono<Void> terminated() {
        return terminated.asMono();
    }
}
