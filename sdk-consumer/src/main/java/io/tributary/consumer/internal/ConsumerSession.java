package io.tributary.consumer.internal;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.ClusterView;
import io.tributary.client.internal.Failures;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.IsolationLevel;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.errors.ApiException;
import io.tributary.errors.TributaryException;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.record.Record;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One {@code receive()} subscription: owns the partitions, fetches from their leaders (one Fetch in flight per
 * broker), turns responses into records on its emission worker, emits them only as the subscriber requests, and
 * commits the acknowledged prefix of each partition periodically, on demand and before giving partitions up.
 *
 * <p>Backpressure: fetching stops while {@code prefetchBytes} of records wait to be emitted, so a slow subscriber
 * keeps memory flat; group membership (heartbeats) goes on meanwhile. Threads: responses arrive on event loops and
 * hop to the emission worker (the options' scheduler), which parses, deserializes and emits; state is guarded by
 * {@code this}.
 */
final class ConsumerSession<K, V> implements RebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerSession.class);

    private final ConsumerOptions<K, V> options;
    private final ClientRuntime runtime;
    private final FluxSink<ReceivedRecord<K, V>> sink;
    private final Scheduler.Worker worker;
    private final @Nullable GroupMember member;
    /** Commits and committed offsets of an assigned (not subscribed) consumer that names a group. */
    private final @Nullable GroupOffsets assignedOffsets;
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final ArrayDeque<DefaultReceivedRecord<K, V>> ready = new ArrayDeque<>();
    private final Set<Integer> nodesFetching = new HashSet<>();
    private final AtomicInteger acknowledgedSinceCommit = new AtomicInteger();
    private final AtomicBoolean refreshingMetadata = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Runnable onStopped;
    private long bufferedBytes;
    private @Nullable Disposable commitTimer;

    ConsumerSession(ConsumerOptions<K, V> options, FluxSink<ReceivedRecord<K, V>> sink, Runnable onStopped) {
        this.options = options;
        this.runtime = new ClientRuntime(options.client());
        this.sink = sink;
        this.worker = options.scheduler().createWorker();
        this.onStopped = onStopped;
        this.member = options.assignment() == null ? GroupMembers.create(runtime, settings(options)) : null;
        this.assignedOffsets = member == null && options.groupId() != null
            ? new GroupOffsets(new GroupCoordinatorLink(runtime, options.groupId()), null) : null;
    }

    private static GroupSettings settings(ConsumerOptions<?, ?> o) {
        if (o.groupId() == null) {
            throw new IllegalArgumentException("A subscription needs a groupId; use assignment(...) without one");
        }
        return new GroupSettings(o.groupId(), o.groupInstanceId(), o.groupProtocol(), o.assignors(),
            o.remoteAssignor(), o.sessionTimeout(), o.rebalanceTimeout(), o.heartbeatInterval(), o.rack());
    }

    void start() {
        sink.onRequest(n -> schedule(this::drain));
        sink.onDispose(this::stop);
        long interval = options.commitInterval().toMillis();
        commitTimer = Schedulers.parallel().schedulePeriodically(() -> commitAcknowledged().subscribe(v -> { },
            e -> LOG.warn("Periodic commit failed: {}", e.toString())), interval, interval, TimeUnit.MILLISECONDS);
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
        while (sink.requestedFromDownstream() > 0 && !stopped.get()) {
            DefaultReceivedRecord<K, V> next;
            synchronized (this) {
                next = ready.poll();
                if (next == null) {
                    break;
                }
                bufferedBytes -= next.sizeInBytes;
                PartitionState s = partitions.get(next.topicPartition());
                if (s == null || s.revoking) {
                    continue;
                }
                s.tracker.emitted(next.offset());
            }
            sink.next(next);
        }
        fetchMore();
    }

    /** Runs {@code task} on the emission worker; after the session stopped, not at all. */
    private void schedule(Runnable task) {
        try {
            worker.schedule(task);
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
        synchronized (this) {
            if (bufferedBytes >= options.prefetchBytes()) {
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
            byLeader.forEach((leader, positions) -> {
                nodesFetching.add(leader);
                positions.keySet().forEach(tp -> partitions.get(tp).fetchInFlight = true);
            });
        }
        if (!noLeader.isEmpty()) {
            refreshMetadata(noLeader);
        }
        byLeader.forEach(this::fetch);
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

    private void fetch(int leader, Map<TopicPartition, Long> positions) {
        runtime.send(leader, FetchRequests.build(options, positions), FetchResponse.class)
            .subscribe(
                response -> schedule(() -> onFetched(leader, positions, response)),
                error -> schedule(() -> onFetchFailed(leader, positions, error)));
    }

    private void onFetchFailed(int leader, Map<TopicPartition, Long> positions, Throwable error) {
        LOG.debug("Fetch from node {} failed: {}", leader, error.toString());
        runtime.invalidateMetadata();
        fetchDone(leader, positions);
        try {
            worker.schedule(this::fetchMore, options.client().retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopped
        }
    }

    private void onFetched(int leader, Map<TopicPartition, Long> positions, FetchResponse response) {
        try {
            if (response.errorCode() != 0) {
                throw Failures.of(response.errorCode(), null, "Fetch from node " + leader);
            }
            for (FetchResponse.FetchableTopicResponse topic : response.responses()) {
                for (FetchResponse.PartitionData data : topic.partitions()) {
                    TopicPartition tp = new TopicPartition(topic.topic(), data.partitionIndex());
                    Long requested = positions.get(tp);
                    if (requested != null) {
                        onPartitionData(tp, requested, data);
                    }
                }
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            fetchDone(leader, positions);
        }
        drain();
    }

    private void onPartitionData(TopicPartition tp, long requested, FetchResponse.PartitionData data) {
        synchronized (this) {
            PartitionState s = partitions.get(tp);
            if (s == null || s.revoking || s.position != requested) {
                return;
            }
        }
        ErrorCode error = ErrorCode.forCode(data.errorCode());
        if (error == ErrorCode.OFFSET_OUT_OF_RANGE) {
            resetPosition(tp);
            return;
        }
        if (error != ErrorCode.NONE) {
            ApiException e = Failures.of(data.errorCode(), null, "Fetch of " + tp);
            if (!e.retriable()) {
                throw e;
            }
            runtime.invalidateMetadata();
            return;
        }
        if (data.records() == null || data.records().readableBytes() == 0) {
            return;
        }
        FetchedRecords.Result result = FetchedRecords.parse(data.records(), requested,
            options.isolationLevel() == IsolationLevel.READ_COMMITTED, data.abortedTransactions());
        List<DefaultReceivedRecord<K, V>> records = new ArrayList<>(result.records().size());
        long bytes = 0;
        for (Record r : result.records()) {
            DefaultReceivedRecord<K, V> record = deserialize(tp, r);
            records.add(record);
            bytes += record.sizeInBytes;
        }
        synchronized (this) {
            PartitionState s = partitions.get(tp);
            if (s == null || s.revoking || s.position != requested) {
                return;
            }
            s.position = result.nextOffset();
            ready.addAll(records);
            bufferedBytes += bytes;
        }
    }

    private DefaultReceivedRecord<K, V> deserialize(TopicPartition tp, Record r) {
        byte[] keyBytes = r.keyBytes();
        byte[] valueBytes = r.valueBytes();
        try {
            K key = options.keyDeserializer().deserialize(tp.topic(), r.headers(), keyBytes);
            V value = options.valueDeserializer().deserialize(tp.topic(), r.headers(), valueBytes);
            int size = 64 + (keyBytes == null ? 0 : keyBytes.length) + (valueBytes == null ? 0 : valueBytes.length);
            return new DefaultReceivedRecord<>(this, tp, r.offset(), r.timestamp(), key, value, r.headers(), size);
        } catch (RuntimeException e) {
            throw new TributaryException("Could not deserialize the record at offset " + r.offset() + " of " + tp
                + ": " + e.getMessage(), e);
        }
    }

    private void fetchDone(int leader, Map<TopicPartition, Long> positions) {
        synchronized (this) {
            nodesFetching.remove(leader);
            for (TopicPartition tp : positions.keySet()) {
                PartitionState s = partitions.get(tp);
                if (s != null) {
                    s.fetchInFlight = false;
                }
            }
        }
    }

    // ---- positions ---------------------------------------------------------------------------------------------

    private void resolvePositions(Set<TopicPartition> added) {
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
            .subscribe(this::setPositions, this::fail);
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
        synchronized (this) {
            PartitionState s = partitions.get(tp);
            if (s != null) {
                s.position = -1;
            }
        }
        startingOffsets(Set.of(tp)).subscribe(this::setPositions, this::fail);
    }

    private void setPositions(Map<TopicPartition, Long> positions) {
        synchronized (this) {
            positions.forEach((tp, offset) -> {
                PartitionState s = partitions.get(tp);
                if (s != null && s.position < 0) {
                    s.position = offset;
                }
            });
        }
        schedule(this::fetchMore);
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

    ClientRuntime runtime() {
        return runtime;
    }

    // ---- acknowledgements and commits --------------------------------------------------------------------------

    void acknowledge(TopicPartition tp, long offset) {
        PartitionState s;
        synchronized (this) {
            s = partitions.get(tp);
        }
        if (s != null && s.tracker.acknowledge(offset) && options.commitBatchSize() > 0
            && acknowledgedSinceCommit.incrementAndGet() >= options.commitBatchSize()) {
            acknowledgedSinceCommit.set(0);
            commitAcknowledged().subscribe(v -> { }, e -> LOG.warn("Batch commit failed: {}", e.toString()));
        }
    }

    /** Commits every partition's acknowledged prefix that moved since its last commit. */
    Mono<Void> commitAcknowledged() {
        return Mono.defer(() -> commit(committable(null)));
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
        if (offsets.isEmpty()) {
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
            .then(Mono.defer(() -> commit(committable(revoked))))
            .onErrorResume(e -> {
                LOG.warn("Commit before revoking {} failed: {}", revoked, e.toString());
                return Mono.empty();
            })
            .doFinally(s -> {
                synchronized (this) {
                    partitions.keySet().removeAll(revoked);
                }
            });
    }

    @Override
    public void onPartitionsAssigned(Set<TopicPartition> added, Set<TopicPartition> owned) {
        synchronized (this) {
            for (TopicPartition tp : added) {
                partitions.putIfAbsent(tp, new PartitionState(tp));
            }
        }
        resolvePositions(added);
    }

    @Override
    public void onPartitionsLost(Set<TopicPartition> lost) {
        synchronized (this) {
            partitions.keySet().removeAll(lost);
            dropReady(lost);
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

    // ---- termination -------------------------------------------------------------------------------------------

    private void fail(Throwable e) {
        if (!stopped.get()) {
            sink.error(e);
        }
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
        commitAcknowledged()
            .onErrorResume(e -> Mono.empty())
            .then(leave.onErrorResume(e -> Mono.empty()))
            .timeout(options.revocationTimeout(), Mono.empty())
            .doFinally(s -> {
                runtime.close();
                worker.dispose();
                onStopped.run();
            })
            .subscribe();
    }
}
