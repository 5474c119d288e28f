package io.tributary.broker.internal.group;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The classic group coordinator of this broker, which coordinates every group: finds or creates the
 * {@link ClassicGroup} a request concerns, checks what applies to all groups (loading, group id, session timeout
 * bounds), and turns the state machine's callbacks into {@link Mono}s. Parked JoinGroup and SyncGroup requests never
 * hold a thread: they are {@link Sinks.One}s completed by the state machine, whose deadlines a timer fires every
 * {@value #TICK_MS} ms. Committed offsets and group metadata are persisted through a {@link GroupStore} and, for a
 * broker, reloaded from {@code __consumer_offsets} at start-up; until then every group request gets
 * COORDINATOR_LOAD_IN_PROGRESS. Consumer-protocol groups live in a {@link ConsumerGroupCoordinator}; a group id belongs
 * to one kind at a time, and committed offsets of both kinds are kept here, in a {@link ClassicGroup} that stays
 * Empty while a consumer group uses the id.
 *
 * <p>Thread-safe. Created and closed by the broker.
 */
public final class GroupCoordinator implements AutoCloseable {
    static final long TICK_MS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinator.class);
    /** Extra time a parked request is given beyond the state machine's own deadlines before it is answered. */
    private static final long SAFETY_MARGIN_MS = 60_000;

    private final GroupConfig config;
    private final GroupStore store;
    private final LongSupplier clock;
    private final Map<String, ClassicGroup> groups = new ConcurrentHashMap<>();
    private final ConsumerGroupCoordinator consumers;
    private volatile boolean loaded;
    private final Sinks.Empty<Void> loadedSignal = Sinks.empty();
    private volatile @Nullable OffsetsTopic offsetsTopic;
    private volatile long lastExpiryCheck;
    private @Nullable Scheduler timer;
    private @Nullable Disposable ticker;
    private @Nullable Disposable loading;

    /** A coordinator that is not loaded yet (see {@link #load}) and has no timer (see {@link #tick()}). */
    public GroupCoordinator(GroupConfig config, GroupStore store, LongSupplier clock) {
        this(config, ConsumerGroupConfig.defaults(), store, clock, TopicsView.NONE);
    }

    /** A coordinator that is not loaded yet, with consumer-protocol groups assigning {@code topics}. */
    public GroupCoordinator(GroupConfig config, ConsumerGroupConfig consumerConfig, GroupStore store,
                            LongSupplier clock, TopicsView topics) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.lastExpiryCheck = clock.getAsLong();
        this.consumers = new ConsumerGroupCoordinator(consumerConfig, store, clock, topics);
    }

    /**
     * The coordinator of a broker: stores in {@code __consumer_offsets}, starts loading it on the IO scheduler and
     * starts its timer.
     */
    public static GroupCoordinator start(BrokerContext broker) {
        GroupConfig config = GroupConfig.from(broker.config());
        OffsetsTopic topic = new OffsetsTopic(broker, config.offsetsTopicPartitions());
        GroupCoordinator c = new GroupCoordinator(config, ConsumerGroupConfig.from(broker.config()), topic,
            System::currentTimeMillis, TopicsView.of(broker.topics()));
        c.offsetsTopic = topic;
        c.timer = Schedulers.newSingle("tributary-groups-" + broker.nodeId(), true);
        c.loading = Mono.fromRunnable(() -> c.load(topic))
            .subscribeOn(broker.io())
            .subscribe(null, e -> {
                LOG.error("Loading {} failed; serving the groups loaded so far", OffsetsTopic.NAME, e);
                c.loaded = true;
                c.loadedSignal.tryEmitEmpty();
            });
        c.ticker = Flux.interval(Duration.ofMillis(TICK_MS), c.timer)
            .onBackpressureDrop()
            .subscribe(t -> c.tick(), e -> LOG.error("Group timer stopped", e));
        return c;
    }

    public GroupConfig config() {
        return config;
    }

    /** The consumer-protocol (KIP-848) groups. */
    public ConsumerGroupCoordinator consumers() {
        return consumers;
    }

    /** The coordinator's clock, in epoch milliseconds (commit timestamps use it, so that expiry agrees). */
    public long now() {
        return clock.getAsLong();
    }

    /** Whether loading has finished; before that, group requests get COORDINATOR_LOAD_IN_PROGRESS. */
    public boolean isLoaded() {
        return loaded;
    }

    /** Completes once loading has finished (at once for a coordinator restored directly). */
    public Mono<Void> whenLoaded() {
        return loadedSignal.asMono();
    }

    /** Rebuilds the groups from the topic's records (blocking), then marks the coordinator loaded. */
    void load(OffsetsTopic topic) {
        long started = System.nanoTime();
        Map<String, GroupSnapshot> snapshots = new HashMap<>();
        Map<String, Map<TopicPartition, CommittedOffset>> offsets = new HashMap<>();
        Map<String, List<ConsumerGroupRecord>> consumerRecords = new LinkedHashMap<>();
        Map<String, Map<Long, Map<TopicPartition, CommittedOffset>>> open = new HashMap<>();
        topic.load(record -> {
            if (record instanceof CoordinatorRecord.Offset o) {
                Map<TopicPartition, CommittedOffset> group =
                    offsets.computeIfAbsent(o.groupId(), g -> new HashMap<>());
                if (o.value() == null) {
                    group.remove(o.partition());
                } else {
                    group.put(o.partition(), o.value());
                }
            } else if (record instanceof CoordinatorRecord.Group g) {
                if (g.value() == null) {
                    snapshots.remove(g.groupId());
                } else {
                    snapshots.put(g.groupId(), g.value());
                }
            } else if (record instanceof ConsumerGroupRecord c) {
                consumerRecords.computeIfAbsent(c.groupId(), id -> new ArrayList<>()).add(c);
            }
        }, (producerId, record) -> {
            if (record instanceof CoordinatorRecord.Offset o && o.value() != null) {
                open.computeIfAbsent(o.groupId(), g -> new HashMap<>())
                    .computeIfAbsent(producerId, id -> new HashMap<>()).put(o.partition(), o.value());
            }
        });
        consumers.restore(consumerRecords, clock.getAsLong());
        restore(snapshots, offsets, open);
        LOG.info("Loaded {} groups from {} in {} ms", groups.size(), OffsetsTopic.NAME,
            (System.nanoTime() - started) / 1_000_000);
    }

    /** Installs reloaded groups and marks the coordinator loaded. */
    public void restore(Map<String, GroupSnapshot> snapshots,
                        Map<String, Map<TopicPartition, CommittedOffset>> offsets) {
        restore(snapshots, offsets, Map.of());
    }

    /** Installs reloaded groups, with the offsets of still open transactions, and marks the coordinator loaded. */
    public void restore(Map<String, GroupSnapshot> snapshots,
                        Map<String, Map<TopicPartition, CommittedOffset>> offsets,
                        Map<String, Map<Long, Map<TopicPartition, CommittedOffset>>> openTransactions) {
        long now = clock.getAsLong();
        Set<String> ids = new HashSet<>(snapshots.keySet());
        offsets.forEach((id, o) -> {
            if (!o.isEmpty()) {
                ids.add(id);
            }
        });
        ids.addAll(openTransactions.keySet());
        for (String id : ids) {
            groups.put(id, ClassicGroup.restore(id, config, store, snapshots.get(id),
                offsets.getOrDefault(id, Map.of()), openTransactions.getOrDefault(id, Map.of()), now));
        }
        loaded = true;
        loadedSignal.tryEmitEmpty();
    }

    // ---------------------------------------------------------------- membership

    /** JoinGroup; completes when the state machine answers (at the latest after its rebalance deadlines). */
    public Mono<JoinResult> join(String groupId, JoinParams p) {
        ErrorCode error = checkGroup(groupId);
        if (error == ErrorCode.NONE && (p.sessionTimeoutMs() < config.minSessionTimeoutMs()
            || p.sessionTimeoutMs() > config.maxSessionTimeoutMs())) {
            error = ErrorCode.INVALID_SESSION_TIMEOUT;
        }
        if (error == ErrorCode.NONE && consumers.hasMembers(groupId)) {
            // A consumer group with members keeps its id: there is no online migration between protocols.
            return Mono.just(JoinResult.error(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, p.memberId()));
        }
        Mono<ErrorCode> emptyConsumerGroupDeleted = error == ErrorCode.NONE ? consumers.deleteIfEmpty(groupId) : null;
        if (emptyConsumerGroupDeleted != null) {
            // An empty consumer group gives its id (and offsets) to the classic group.
            return emptyConsumerGroupDeleted.then(Mono.defer(() -> join(groupId, p)));
        }
        ClassicGroup group = error != ErrorCode.NONE ? null
            : p.memberId().isEmpty() ? groupOrCreate(groupId) : groups.get(groupId);
        if (group == null) {
            return Mono.just(JoinResult.error(error == ErrorCode.NONE ? ErrorCode.UNKNOWN_MEMBER_ID : error,
                p.memberId()));
        }
        Sinks.One<JoinResult> sink = Sinks.one();
        group.join(p, clock.getAsLong(), sink::tryEmitValue);
        long bound = Math.max(p.rebalanceTimeoutMs(), config.newMemberJoinTimeoutMs()) + SAFETY_MARGIN_MS;
        return sink.asMono()
            .timeout(Duration.ofMillis(bound), Mono.fromSupplier(() ->
                JoinResult.error(ErrorCode.REBALANCE_IN_PROGRESS, p.memberId())));
    }

    /** SyncGroup; a follower's completes when the leader's assignment arrives or the generation ends. */
    public Mono<SyncResult> sync(String groupId, String memberId, @Nullable String groupInstanceId, int generation,
                                 @Nullable String protocolType, @Nullable String protocolName,
                                 Map<String, byte[]> assignments) {
        ErrorCode error = checkGroup(groupId);
        ClassicGroup group = error == ErrorCode.NONE ? groups.get(groupId) : null;
        if (group == null) {
            return Mono.just(SyncResult.error(error == ErrorCode.NONE ? ErrorCode.UNKNOWN_MEMBER_ID : error));
        }
        Sinks.One<SyncResult> sink = Sinks.one();
        group.sync(memberId, groupInstanceId, generation, protocolType, protocolName, assignments, clock.getAsLong(),
            sink::tryEmitValue);
        return sink.asMono()
            .timeout(Duration.ofMillis(config.maxSessionTimeoutMs() + SAFETY_MARGIN_MS),
                Mono.fromSupplier(() -> SyncResult.error(ErrorCode.REBALANCE_IN_PROGRESS)));
    }

    /** Heartbeat. */
    public ErrorCode heartbeat(String groupId, String memberId, @Nullable String groupInstanceId, int generation) {
        ErrorCode error = checkGroup(groupId);
        if (error != ErrorCode.NONE) {
            return error;
        }
        ClassicGroup group = groups.get(groupId);
        return group == null ? ErrorCode.UNKNOWN_MEMBER_ID
            : group.heartbeat(memberId, groupInstanceId, generation, clock.getAsLong());
    }

    /**
     * LeaveGroup.
     *
     * @return one error per member, or a single group-level error (load in progress, invalid group id)
     */
    public LeaveResult leave(String groupId, List<ClassicGroup.LeavingMember> members) {
        ErrorCode error = checkGroup(groupId);
        if (error != ErrorCode.NONE) {
            return new LeaveResult(error, List.of());
        }
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            List<ErrorCode> unknown = new ArrayList<>();
            members.forEach(m -> unknown.add(ErrorCode.UNKNOWN_MEMBER_ID));
            return new LeaveResult(ErrorCode.NONE, unknown);
        }
        return new LeaveResult(ErrorCode.NONE, group.leave(members, clock.getAsLong()));
    }

    /**
     * The answer to LeaveGroup.
     *
     * @param error   a group-level error, or NONE
     * @param members one error per leaving member, in request order
     */
    public record LeaveResult(ErrorCode error, List<ErrorCode> members) {
    }

    // ---------------------------------------------------------------- offsets

    /**
     * OffsetCommit of already validated partitions; completes once they are durable. A commit with generation -1
     * to an unknown group creates it (a simple, Empty group); otherwise an unknown group is GROUP_ID_NOT_FOUND
     * from v9 and ILLEGAL_GENERATION before.
     */
    public Mono<ErrorCode> commit(String groupId, String memberId, @Nullable String groupInstanceId, int generation,
                                  Map<TopicPartition, CommittedOffset> commits, short version) {
        ErrorCode error = checkGroup(groupId);
        if (error != ErrorCode.NONE) {
            return Mono.just(error);
        }
        ErrorCode consumerCheck = consumers.validateCommit(groupId, memberId, generation, version);
        if (consumerCheck != null && consumerCheck != ErrorCode.NONE) {
            return Mono.just(consumerCheck);
        }
        boolean simple = generation < 0 || consumerCheck != null;
        ClassicGroup group = simple ? groupOrCreate(groupId) : groups.get(groupId);
        if (group == null) {
            return Mono.just(version >= 9 ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.ILLEGAL_GENERATION);
        }
        Sinks.One<ErrorCode> sink = Sinks.one();
        if (consumerCheck != null) {
            // A consumer group's offsets live in its Empty classic holder, which takes simple commits.
            group.commitOffsets("", null, -1, commits, sink::tryEmitValue);
        } else {
            group.commitOffsets(memberId, groupInstanceId, generation, commits, sink::tryEmitValue);
        }
        return sink.asMono();
    }

    /**
     * TxnOffsetCommit of already validated partitions, for a transaction whose {@code __consumer_offsets} partition
     * the transaction coordinator has checked; completes once the offsets are written (pending until the
     * transaction's marker). An unknown group is created (a simple, Empty group).
     */
    public Mono<ErrorCode> commitTransactional(String groupId, String memberId, @Nullable String groupInstanceId,
                                               int generation, long producerId, short producerEpoch,
                                               Map<TopicPartition, CommittedOffset> commits) {
        ErrorCode error = checkGroup(groupId);
        if (error != ErrorCode.NONE) {
            return Mono.just(error);
        }
        boolean consumerGroup = consumers.exists(groupId);
        if (consumerGroup && generation >= 0) {
            ErrorCode check = consumers.validateCommit(groupId, memberId, generation, (short) 9);
            if (check != null && check != ErrorCode.NONE) {
                // TxnOffsetCommit has no STALE_MEMBER_EPOCH: a stale member is of another generation.
                return Mono.just(check == ErrorCode.STALE_MEMBER_EPOCH ? ErrorCode.ILLEGAL_GENERATION : check);
            }
        }
        ClassicGroup group = groupOrCreate(groupId);
        Sinks.One<ErrorCode> sink = Sinks.one();
        group.commitTransactionalOffsets(consumerGroup ? "" : memberId, consumerGroup ? null : groupInstanceId,
            consumerGroup ? -1 : generation, producerId, producerEpoch, commits, sink::tryEmitValue);
        return sink.asMono();
    }

    /**
     * A COMMIT or ABORT marker of {@code producerId} was written to {@code __consumer_offsets} partition
     * {@code offsetsPartition}: the transactional offsets of the groups stored there become committed, or are
     * dropped.
     */
    public void completeTransaction(int offsetsPartition, long producerId, boolean commit) {
        for (ClassicGroup g : groups.values()) {
            if (offsetsPartition(g.groupId()).partition() == offsetsPartition) {
                g.completeTransaction(producerId, commit);
            }
        }
    }

    /** The {@code __consumer_offsets} partition of a group, which AddOffsetsToTxn adds to a transaction. */
    public TopicPartition offsetsPartition(String groupId) {
        OffsetsTopic topic = offsetsTopic;
        int partitions = topic != null ? topic.partitions() : config.offsetsTopicPartitions();
        return new TopicPartition(OffsetsTopic.NAME, OffsetsTopic.partitionFor(groupId, partitions));
    }

    /** Whether an open transaction has written an offset of the group for {@code tp} (RequireStable). */
    public boolean hasPendingTxnOffset(String groupId, TopicPartition tp) {
        ClassicGroup group = groups.get(groupId);
        return group != null && group.hasPendingTxnOffset(tp);
    }

    /**
     * The committed offsets of a group: of the given partitions (null value when never committed), or of every
     * partition when {@code partitions} is null.
     */
    public Map<TopicPartition, @Nullable CommittedOffset> committed(String groupId,
                                                                    @Nullable List<TopicPartition> partitions) {
        ClassicGroup group = groups.get(groupId);
        Map<TopicPartition, @Nullable CommittedOffset> out = new LinkedHashMap<>();
        if (partitions == null) {
            if (group != null) {
                out.putAll(group.offsets());
            }
            return out;
        }
        for (TopicPartition tp : partitions) {
            out.put(tp, group == null ? null : group.offset(tp));
        }
        return out;
    }

    /** OffsetDelete. */
    public Mono<ClassicGroup.OffsetDeleteResult> deleteOffsets(String groupId, List<TopicPartition> partitions) {
        ErrorCode error = checkGroup(groupId);
        ClassicGroup group = error == ErrorCode.NONE ? groups.get(groupId) : null;
        if (group == null) {
            return Mono.just(new ClassicGroup.OffsetDeleteResult(
                error == ErrorCode.NONE ? ErrorCode.GROUP_ID_NOT_FOUND : error, Map.of()));
        }
        Set<String> subscribed = consumers.subscribedTopics(groupId);
        Map<TopicPartition, ErrorCode> refused = new HashMap<>();
        List<TopicPartition> deletable = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            if (subscribed != null && subscribed.contains(tp.topic())) {
                refused.put(tp, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC);
            } else {
                deletable.add(tp);
            }
        }
        Sinks.One<ClassicGroup.OffsetDeleteResult> sink = Sinks.one();
        group.deleteOffsets(deletable, sink::tryEmitValue);
        return sink.asMono().map(r -> {
            Map<TopicPartition, ErrorCode> all = new HashMap<>(r.partitions());
            all.putAll(refused);
            return new ClassicGroup.OffsetDeleteResult(r.error(), all);
        });
    }

    // ---------------------------------------------------------------- administration

    /** Every live group (ListGroups). */
    public List<GroupDescription> list() {
        List<GroupDescription> out = new ArrayList<>();
        for (ClassicGroup g : groups.values()) {
            GroupDescription d = g.describe();
            if (d.state() != GroupState.DEAD && !consumers.exists(g.groupId())) {
                out.add(d);
            }
        }
        return out;
    }

    /** One group (DescribeGroups), or null if it does not exist. */
    public @Nullable GroupDescription describe(String groupId) {
        ClassicGroup group = groups.get(groupId);
        if (group == null || consumers.exists(groupId)) {
            return null;
        }
        GroupDescription d = group.describe();
        return d.state() == GroupState.DEAD ? null : d;
    }

    /** DeleteGroups for one group: NONE, GROUP_ID_NOT_FOUND or NON_EMPTY_GROUP. */
    public Mono<ErrorCode> delete(String groupId) {
        ErrorCode error = checkGroup(groupId);
        Mono<ErrorCode> consumerDeleted = error == ErrorCode.NONE ? consumers.deleteIfEmpty(groupId) : null;
        if (consumerDeleted != null) {
            // Then the offsets, kept by the classic holder (if any were committed).
            return consumerDeleted.flatMap(e -> e != ErrorCode.NONE || !groups.containsKey(groupId) ? Mono.just(e)
                : delete(groupId));
        }
        ClassicGroup group = error == ErrorCode.NONE ? groups.get(groupId) : null;
        if (group == null) {
            return Mono.just(error == ErrorCode.NONE ? ErrorCode.GROUP_ID_NOT_FOUND : error);
        }
        Sinks.One<ErrorCode> sink = Sinks.one();
        group.delete(clock.getAsLong(), sink::tryEmitValue);
        if (group.state() == GroupState.DEAD) {
            groups.remove(groupId, group);
        }
        return sink.asMono();
    }

    /** NONE, COORDINATOR_LOAD_IN_PROGRESS while loading, INVALID_GROUP_ID for an empty group id. */
    public ErrorCode checkGroup(String groupId) {
        if (!loaded) {
            return ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
        }
        return groupId.isEmpty() ? ErrorCode.INVALID_GROUP_ID : ErrorCode.NONE;
    }

    /** Fires due deadlines of every group and, every retention check interval, expires offsets. */
    public void tick() {
        long now = clock.getAsLong();
        for (ClassicGroup g : groups.values()) {
            try {
                g.tick(now);
            } catch (RuntimeException e) {
                LOG.error("Group {}: timer failed", g.groupId(), e);
            }
        }
        consumers.tick(now);
        if (now - lastExpiryCheck >= config.offsetsRetentionCheckMs()) {
            lastExpiryCheck = now;
            expireOffsets(now);
        }
    }

    /** Expires old offsets of empty groups and removes groups left with nothing. */
    public void expireOffsets(long now) {
        for (ClassicGroup g : groups.values()) {
            // A consumer group's offsets do not expire while it has members.
            if (!consumers.hasMembers(g.groupId()) && g.expireOffsets(now, config.offsetsRetentionMs())) {
                groups.remove(g.groupId(), g);
            }
        }
        consumers.deleteEmptyWithoutOffsets(id -> {
            ClassicGroup holder = groups.get(id);
            return holder != null && !holder.offsets().isEmpty();
        });
    }

    /** Whether a classic group with members (or in a rebalance) holds the id. */
    public boolean classicInUse(String groupId) {
        ClassicGroup g = groups.get(groupId);
        if (g == null) {
            return false;
        }
        GroupState state = g.state();
        return state != GroupState.EMPTY && state != GroupState.DEAD;
    }

    private ClassicGroup groupOrCreate(String groupId) {
        while (true) {
            ClassicGroup g = groups.computeIfAbsent(groupId, id -> new ClassicGroup(id, config, store,
                clock.getAsLong()));
            if (g.state() != GroupState.DEAD) {
                return g;
            }
            groups.remove(groupId, g);
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.dispose();
        }
        if (loading != null) {
            loading.dispose();
        }
        if (timer != null) {
            timer.dispose();
        }
    }
}
