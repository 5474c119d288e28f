package io.tributary.consumer.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.Failures;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.PartitionAssignor;
import io.tributary.errors.ApiException;
import io.tributary.errors.TributaryException;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.SyncGroupResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Group membership with the classic protocol: JoinGroup (twice for a new dynamic member, the second time with the
 * id {@code MEMBER_ID_REQUIRED} gave), SyncGroup (the leader assigns with the client-side {@link PartitionAssignor} the
 * coordinator chose, see {@link ClassicLeader}), Heartbeat ({@link ClassicHeartbeats}) and LeaveGroup (dynamic
 * members only; static members just stop heartbeating). Eager assignors revoke every partition before rejoining;
 * when every configured assignor is cooperative ({@code cooperative-sticky}) the member keeps its partitions, states
 * them in its subscription, revokes only those the new assignment takes away and then rejoins so that they reach
 * their new owner. Every {@code metadata.max.age.ms} the member compares its subscription's topics (and, as leader,
 * the group's) with those of the last assignment and rejoins when topics or partition counts changed
 * ({@link TopicWatch}). {@code ILLEGAL_GENERATION} and {@code UNKNOWN_MEMBER_ID} lose the owned partitions
 * ({@code onPartitionsLost}) and rejoin; {@code FENCED_INSTANCE_ID} and errors no retry can cure (authorization, bad
 * settings) lose them and end the membership: later commits fail with that error.
 *
 * <p>Threading: one membership loop, a Reactor chain that runs one step at a time, joins, syncs, calls the listener
 * and leaves; it alone changes the member id, generation and owned partitions. The heartbeat loop, the metadata
 * check and failed commits only raise faults ({@link PendingFault}), which the loop acts on between steps. Listener
 * calls thus come one at a time, in order, from the loop's threads: the client's event loops or
 * {@link GroupTimers}. Nothing blocks. Thread-safe.
 */
public final class ClassicGroupMember implements GroupMember {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicGroupMember.class);

    private final ClientRuntime runtime;
    private final GroupSettings settings;
    private final String groupId;
    private final GroupCoordinatorLink coordinator;
    private final GroupOffsets offsets;
    private final List<PartitionAssignor> assignors;
    private final boolean cooperative;
    private final ClassicLeader leader;
    private final ClassicHeartbeats heartbeats;
    private final TopicWatch topicWatch;
    private final AtomicBoolean started = new AtomicBoolean();
    private final Sinks.One<Boolean> closing = Sinks.one();
    private final Sinks.Empty<Void> ended = Sinks.empty();
    private final PendingFault fault = new PendingFault(() -> this.round);
    private final ListenerCalls calls;
    private final Disposable.Composite timers = Disposables.composite();
    private volatile boolean leaving;
    private volatile @Nullable Subscription subscription;
    private volatile @Nullable RebalanceListener listener;

    // Written by the membership loop only.
    private volatile String memberId = "";
    private volatile int generation = -1;
    private volatile Set<TopicPartition> owned = Set.of();
    private volatile boolean ownedLost;
    private volatile long round;
    private volatile boolean inGeneration;
    private volatile boolean stable;
    private volatile @Nullable Throwable fatal;
    private int failures;

    /** The outcome of a join round. */
    private record Assigned(Set<TopicPartition> partitions, Map<String, Integer> ownTopics,
                            Map<String, Integer> groupTopics) {
    }

    /**
     * A member of {@code settings.groupId()} with the assignors of {@code settings.assignors()}, in preference
     * order. Does nothing before {@link #start}.
     *
     * @throws IllegalArgumentException for no assignor
     */
    public ClassicGroupMember(ClientRuntime runtime, GroupSettings settings) {
        this.runtime = requireNonNull(runtime, "runtime");
        this.settings = requireNonNull(settings, "settings");
        if (settings.assignors().isEmpty()) {
            throw new IllegalArgumentException("partition.assignment.strategy must name at least one assignor");
        }
        this.groupId = settings.groupId();
        this.assignors = settings.assignors();
        this.cooperative = assignors.stream().allMatch(PartitionAssignor::cooperative);
        this.coordinator = new GroupCoordinatorLink(runtime, groupId);
        this.offsets = new GroupOffsets(coordinator, settings.groupInstanceId());
        this.leader = new ClassicLeader(runtime, assignors);
        this.heartbeats = new ClassicHeartbeats(coordinator, settings.groupInstanceId(),
            settings.heartbeatInterval(), runtime.options().retryBackoff(), this::beatTarget, this::raise);
        this.topicWatch = new TopicWatch(runtime, groupId, () -> stable && active(), () -> round, this::raise);
        this.calls = new ListenerCalls(groupId, () -> requireNonNull(listener, "listener"));
    }

    @Override
    public void start(Subscription subscription, RebalanceListener listener) {
        requireNonNull(subscription, "subscription");
        requireNonNull(listener, "listener");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("The member of group " + groupId + " was already started");
        }
        this.subscription = subscription;
        this.listener = listener;
        timers.add(heartbeats.start());
        timers.add(topicWatch.start(subscription));
        Mono.defer(this::round)
            .repeat(this::active)
            .then(Mono.defer(this::finish))
            .subscribe(null, e -> {
                LOG.error("The membership of group {} failed", groupId, e);
                end();
                calls.failed(e);
            });
    }

    @Override
    public Set<TopicPartition> assignment() {
        return owned;
    }

    @Override
    public Mono<Void> commit(Map<TopicPartition, Long> offsets) {
        requireNonNull(offsets, "offsets");
        return Mono.defer(() -> {
            Throwable failed = fatal;
            if (failed != null) {
                return Mono.error(failed);
            }
            // While a JoinGroup is out, the last generation is still the group's (the coordinator prepares the
            // rebalance and accepts its commits): revoking or leaving members commit with it, so that records they
            // processed are not handed to the next owner. The coordinator refuses it once a new one has begun.
            if (generation < 0 || memberId.isEmpty()) {
                return Mono.error(new ApiException(ErrorCode.REBALANCE_IN_PROGRESS, "The member of group " + groupId
                    + " is joining the group and has no generation to commit with"));
            }
            long sentIn = round;
            boolean sentStable = stable;
            return this.offsets.commit(offsets, () -> new GroupOffsets.Committer(memberId, generation))
                .doOnError(e -> onCommitFailure(e, sentIn, sentStable));
        });
    }

    @Override
    public Mono<Map<TopicPartition, Long>> committed(Set<TopicPartition> partitions) {
        requireNonNull(partitions, "partitions");
        return offsets.committed(partitions, () -> null);
    }

    @Override
    public Mono<Void> leave() {
        return Mono.defer(() -> {
            leaving = true;
            closing.tryEmitValue(true);
            fault.wake();
            return started.get() ? ended.asMono() : Mono.empty();
        });
    }

    @Override
    public String memberId() {
        return memberId;
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public boolean rebalancing() {
        return !stable && active();
    }

    /** For tests: stops heartbeating without telling the coordinator (a stuck process), or resumes. */
    void pauseHeartbeats(boolean pause) {
        heartbeats.pause(pause);
    }

    private boolean active() {
        return fatal == null && !leaving;
    }

    /** One rebalance: release what must go, join, sync, install the assignment, then wait for the next fault. */
    private Mono<Void> round() {
        consumeFault();
        if (!active()) {
            return Mono.empty();
        }
        stable = false;
        return backoff()
            .then(interruptible(SubscribedTopics.resolve(runtime, subscription())))
            .flatMap(resolved -> prepare(resolved).then(joinAndSync(resolved)))
            .flatMap(this::install)
            .then(Mono.defer(() -> fault.await(!active())))
            .onErrorResume(this::onRoundFailure);
    }

    /** Before joining: lost partitions are dropped, eager members revoke all, cooperative ones unsubscribed ones. */
    private Mono<Void> prepare(Map<String, Integer> resolved) {
        return Mono.defer(() -> {
            Set<TopicPartition> current = owned;
            if (current.isEmpty()) {
                ownedLost = false;
                return Mono.empty();
            }
            if (ownedLost) {
                return lose(current);
            }
            if (!cooperative) {
                return revoke(current);
            }
            List<String> topics = SubscribedTopics.joinTopics(subscription(), resolved);
            Set<TopicPartition> unsubscribed = current.stream()
                .filter(tp -> !topics.contains(tp.topic()))
                .collect(Collectors.toSet());
            return unsubscribed.isEmpty() ? Mono.empty() : revoke(unsubscribed);
        });
    }

    private Mono<Assigned> joinAndSync(Map<String, Integer> resolved) {
        List<String> topics = SubscribedTopics.joinTopics(subscription(), resolved);
        return join(topics).flatMap(response -> sync(response, resolved));
    }

    private Mono<JoinGroupResponse> join(List<String> topics) {
        return Mono.defer(() -> {
            round++;
            inGeneration = false;
            return interruptible(coordinator.send(ClassicRequests.join(settings, assignors, memberId, generation,
                topics, owned), JoinGroupResponse.class));
        }).flatMap(response -> {
            ErrorCode error = ErrorCode.forCode(response.errorCode());
            if (error == ErrorCode.MEMBER_ID_REQUIRED) {
                memberId = response.memberId();
                return join(topics);
            }
            if (error != ErrorCode.NONE) {
                coordinator.onError(error);
                return Mono.error(Failures.of(response.errorCode(), null, "JoinGroup of group " + groupId));
            }
            memberId = response.memberId();
            generation = response.generationId();
            inGeneration = true;
            return Mono.just(response);
        });
    }

    private Mono<Assigned> sync(JoinGroupResponse join, Map<String, Integer> resolved) {
        boolean leads = join.leader().equals(join.memberId()) && !join.skipAssignment();
        Mono<ClassicLeader.Result> assignments = leads
            ? leader.assign(groupId, join.generationId(), join)
            : Mono.just(new ClassicLeader.Result(List.of(), Map.of()));
        return assignments.flatMap(result -> interruptible(coordinator.send(ClassicRequests.sync(settings,
                join.memberId(), join.generationId(), join.protocolName(), result.assignments()),
                SyncGroupResponse.class))
            .flatMap(response -> {
                if (response.errorCode() != ErrorCode.NONE.code()) {
                    coordinator.onError(ErrorCode.forCode(response.errorCode()));
                    return Mono.error(Failures.of(response.errorCode(), null, "SyncGroup of group " + groupId));
                }
                heartbeats.realign();
                Set<TopicPartition> partitions = ConsumerProtocolCodec.readAssignment(response.assignment());
                ClassicLeader.chosen(assignors, join.protocolName()).onAssignment(List.copyOf(partitions),
                    ConsumerProtocolCodec.assignmentUserData(response.assignment()), join.generationId());
                return Mono.just(new Assigned(partitions, resolved, result.groupTopics()));
            }));
    }

    /** Takes the new assignment: revokes what it takes away (cooperative: then rejoins), announces the rest. */
    private Mono<Void> install(Assigned assigned) {
        return Mono.defer(() -> {
            failures = 0;
            topicWatch.assigned(assigned.ownTopics(), assigned.groupTopics());
            Subscription s = subscription();
            Set<TopicPartition> partitions = PartitionSets.sorted(assigned.partitions().stream()
                .filter(tp -> s.includes(tp.topic()))
                .toList());
            long thisRound = round;
            if (partitions.size() != assigned.partitions().size()) {
                raise(GroupReaction.REJOIN, thisRound, new TributaryException("The assignment " + assigned.partitions()
                    + " holds topics the member does not subscribe to"));
            }
            Set<TopicPartition> revoked = PartitionSets.minus(owned, partitions);
            Set<TopicPartition> added = PartitionSets.minus(partitions, owned);
            Mono<Void> revocation = revoked.isEmpty() ? Mono.empty() : revoke(revoked)
                .then(Mono.fromRunnable(() -> raise(GroupReaction.REJOIN, thisRound,
                    new TributaryException("Revoked " + revoked + " so that they can move"))));
            return revocation.then(Mono.fromRunnable(() -> {
                owned = partitions;
                stable = true;
                LOG.info("Group {} generation {}: member {} owns {} (added {}, revoked {})", groupId, generation,
                    memberId, partitions, added, revoked);
                calls.assigned(added, partitions);
            }));
        });
    }

    private Mono<Void> revoke(Set<TopicPartition> partitions) {
        return calls.revoked(partitions)
            .then(Mono.fromRunnable(() -> owned = PartitionSets.minus(owned, partitions)));
    }

    private Mono<Void> lose(Set<TopicPartition> partitions) {
        return Mono.fromRunnable(() -> {
            owned = PartitionSets.minus(owned, partitions);
            ownedLost = false;
            LOG.info("Group {}: member {} lost {}", groupId, memberId, partitions);
            calls.lost(partitions);
        });
    }

    private Mono<Void> onRoundFailure(Throwable failure) {
        GroupReaction reaction = GroupReaction.of(failure);
        if (reaction == GroupReaction.FATAL) {
            LOG.error("Group {}: member {} cannot go on", groupId, memberId, failure);
        } else {
            LOG.info("Group {}: member {} rejoins ({}): {}", groupId, memberId, reaction, failure.toString());
        }
        react(reaction, failure);
        return Mono.empty();
    }

    /** Called from anywhere: asks the membership loop to act on {@code reaction} soon. */
    private void raise(GroupReaction reaction, long aboutRound, Throwable cause) {
        fault.raise(reaction, aboutRound, cause);
    }

    private void consumeFault() {
        PendingFault.Fault f = fault.take();
        if (f != null) {
            LOG.info("Group {}: member {} rejoins ({}): {}", groupId, memberId, f.reaction(), f.cause().getMessage());
            react(f.reaction(), f.cause());
        }
    }

    private void react(GroupReaction reaction, Throwable cause) {
        if (reaction == GroupReaction.RETRY_LATER) {
            failures++;
        }
        if (reaction.losesPartitions()) {
            generation = -1;
            inGeneration = false;
            stable = false;
            ownedLost = !owned.isEmpty();
        }
        if (reaction == GroupReaction.RESET_MEMBER) {
            memberId = "";
        }
        if (reaction == GroupReaction.FATAL) {
            fatal = cause;
        }
    }

    private void onCommitFailure(Throwable failure, long sentIn, boolean sentStable) {
        // A commit refused during a rebalance says nothing the rejoin will not find out.
        if (sentStable && failure instanceof ApiException api) {
            GroupReaction reaction = GroupReaction.ofCommitError(api.error());
            if (reaction != null) {
                raise(reaction, sentIn, failure);
            }
        }
    }

    /** After leave() or a fatal error: releases the partitions, leaves (dynamic members), stops. */
    private Mono<Void> finish() {
        return Mono.defer(() -> {
            consumeFault();
            Set<TopicPartition> current = owned;
            Mono<Void> release = current.isEmpty() ? Mono.empty()
                : ownedLost || fatal != null ? lose(current) : revoke(current);
            return release
                .then(Mono.fromRunnable(timers::dispose))
                .then(Mono.defer(this::leaveGroup))
                .doFinally(signal -> {
                    end();
                    Throwable failed = fatal;
                    if (failed != null) {
                        calls.failed(failed);
                    }
                });
        });
    }

    private Mono<Void> leaveGroup() {
        String id = memberId;
        boolean leaves = settings.groupInstanceId() == null && !id.isEmpty() && fatal == null;
        return leaves ? ClassicRequests.leave(coordinator, id) : Mono.empty();
    }

    private void end() {
        timers.dispose();
        inGeneration = false;
        stable = false;
        generation = -1;
        if (settings.groupInstanceId() == null) {
            memberId = "";
        }
        ended.tryEmitEmpty();
    }

    private ClassicHeartbeats.@Nullable Beat beatTarget() {
        String id = memberId;
        int current = generation;
        return inGeneration && current >= 0 && !id.isEmpty() ? new ClassicHeartbeats.Beat(id, current, round) : null;
    }

    private Mono<Void> backoff() {
        if (failures == 0) {
            return Mono.empty();
        }
        return interruptible(GroupTimers.backoff(runtime.options(), failures)).then();
    }

    /** {@code mono}, cut short (completing empty) when the member starts leaving. */
    private <T> Mono<T> interruptible(Mono<T> mono) {
        return mono.takeUntilOther(closing.asMono());
    }

    private Subscription subscription() {
        return requireNonNull(subscription, "subscription");
    }
}
