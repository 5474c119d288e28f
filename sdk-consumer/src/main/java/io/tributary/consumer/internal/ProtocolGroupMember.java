package io.tributary.consumer.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.Failures;
import io.tributary.consumer.group.GroupMembership;
import io.tributary.consumer.group.GroupProtocol;
import io.tributary.consumer.group.MembershipOptions;
import io.tributary.errors.TributaryException;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.protocol.message.SyncGroupResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A {@link GroupMembership} with an application's {@link GroupProtocol}: the classic protocol's join round (JoinGroup,
 * twice for a new dynamic member; the leader's assignment; SyncGroup), {@link ClassicHeartbeats} between rounds, and
 * LeaveGroup at the end. Faults from heartbeats and {@link #rejoin} requests go through a {@link PendingFault}, which
 * the membership loop acts on between steps, as {@link ClassicGroupMember} does for consumers.
 *
 * <p>Threading: one membership loop, a Reactor chain run one step at a time; it alone changes the member id and
 * generation and calls the protocol. Owns its {@link ClientRuntime}. Thread-safe.
 */
public final class ProtocolGroupMember implements GroupMembership {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolGroupMember.class);

    private final MembershipOptions options;
    private final GroupProtocol protocol;
    private final ClientRuntime runtime;
    private final GroupCoordinatorLink coordinator;
    private final ClassicHeartbeats heartbeats;
    private final AtomicBoolean started = new AtomicBoolean();
    private final Sinks.One<Boolean> closing = Sinks.one();
    private final Sinks.Empty<Void> ended = Sinks.empty();
    private final PendingFault fault = new PendingFault(() -> this.round);
    private volatile @Nullable Disposable heartbeating;
    private volatile boolean leaving;
    private volatile boolean abandoning;

    // Written by the membership loop only.
    private volatile String memberId = "";
    private volatile int generation = -1;
    private volatile boolean inGeneration;
    private volatile boolean lost;
    private volatile long round;
    private volatile @Nullable Throwable fatal;
    private int failures;

    /** @throws IllegalArgumentException if the heartbeat interval is not below the session time-out */
    public ProtocolGroupMember(MembershipOptions options, GroupProtocol protocol) {
        this.options = requireNonNull(options, "options");
        this.protocol = requireNonNull(protocol, "protocol");
        if (options.heartbeatInterval().compareTo(options.sessionTimeout()) >= 0) {
            throw new IllegalArgumentException("heartbeatInterval (" + options.heartbeatInterval()
                + ") must be below sessionTimeout (" + options.sessionTimeout() + ")");
        }
        this.runtime = new ClientRuntime(options.client());
        this.coordinator = new GroupCoordinatorLink(runtime, options.groupId());
        this.heartbeats = new ClassicHeartbeats(coordinator, options.groupInstanceId(), options.heartbeatInterval(),
            runtime.options().retryBackoff(), this::beatTarget, fault::raise);
    }

    @Override
    public void join() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("The member of group " + options.groupId() + " was already started");
        }
        heartbeating = heartbeats.start();
        Mono.defer(this::round)
            .repeat(() -> active())
            .then(Mono.defer(this::finish))
            .subscribe(null, e -> {
                LOG.error("The membership of group {} failed", options.groupId(), e);
                end(e);
            });
    }

    @Override
    public void rejoin(String reason) {
        fault.raise(GroupReaction.REJOIN, PendingFault.ANY_ROUND, new TributaryException(reason));
    }

    @Override
    public Mono<Void> leave() {
        return Mono.defer(() -> {
            leaving = true;
            closing.tryEmitValue(true);
            fault.wake();
            return started.get() ? ended.asMono() : Mono.fromRunnable(runtime::close);
        });
    }

    @Override
    public Mono<Void> abandon() {
        return Mono.defer(() -> {
            abandoning = true;
            return leave();
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

    private boolean active() {
        return fatal == null && !leaving;
    }

    /** One rebalance: prepare, join, sync, hand the assignment over, then wait for the next fault. */
    private Mono<Void> round() {
        consumeFault();
        if (!active()) {
            return Mono.empty();
        }
        return backoff()
            .then(Mono.defer(() -> protocol.beforeJoin(generation, lost)))
            .then(Mono.fromRunnable(() -> lost = false))
            .then(interruptible(joinGroup()))
            .flatMap(this::sync)
            .flatMap(assignment -> {
                failures = 0;
                LOG.info("Group {} generation {}: member {} assigned ({} leads, protocol {})", options.groupId(),
                    assignment.generation(), assignment.memberId(), assignment.leaderId(), assignment.protocol());
                return protocol.onAssigned(assignment);
            })
            .then(Mono.defer(() -> fault.await(!active())))
            .onErrorResume(this::onRoundFailure);
    }

    private Mono<JoinGroupResponse> joinGroup() {
        return Mono.defer(() -> {
            round++;
            inGeneration = false;
            return coordinator.send(joinRequest(), JoinGroupResponse.class);
        }).flatMap(response -> {
            ErrorCode error = ErrorCode.forCode(response.errorCode());
            if (error == ErrorCode.MEMBER_ID_REQUIRED) {
                memberId = response.memberId();
                return joinGroup();
            }
            if (error != ErrorCode.NONE) {
                coordinator.onError(error);
                return Mono.error(Failures.of(response.errorCode(), null, "JoinGroup of group " + options.groupId()));
            }
            memberId = response.memberId();
            generation = response.generationId();
            inGeneration = true;
            return Mono.just(response);
        });
    }

    private JoinGroupRequest joinRequest() {
        List<JoinGroupRequest.JoinGroupRequestProtocol> protocols = new ArrayList<>();
        for (GroupProtocol.Metadata m : protocol.metadata()) {
            protocols.add(new JoinGroupRequest.JoinGroupRequestProtocol().name(m.name()).metadata(m.metadata()));
        }
        return new JoinGroupRequest()
            .groupId(options.groupId())
            .sessionTimeoutMs((int) options.sessionTimeout().toMillis())
            .rebalanceTimeoutMs((int) options.rebalanceTimeout().toMillis())
            .memberId(memberId)
            .groupInstanceId(options.groupInstanceId())
            .protocolType(protocol.protocolType())
            .protocols(protocols);
    }

    private Mono<GroupProtocol.Assignment> sync(JoinGroupResponse join) {
        boolean leads = join.leader().equals(join.memberId()) && !join.skipAssignment();
        Mono<Map<String, byte[]>> assignments = leads ? leaderAssign(join) : Mono.just(Map.of());
        return assignments.flatMap(assigned -> {
            List<SyncGroupRequest.SyncGroupRequestAssignment> encoded = new ArrayList<>();
            assigned.forEach((member, data) -> encoded.add(new SyncGroupRequest.SyncGroupRequestAssignment()
                .memberId(member)
                .assignment(data)));
            SyncGroupRequest request = new SyncGroupRequest()
                .groupId(options.groupId())
                .generationId(join.generationId())
                .memberId(join.memberId())
                .groupInstanceId(options.groupInstanceId())
                .protocolType(protocol.protocolType())
                .protocolName(join.protocolName())
                .assignments(encoded);
            return interruptible(coordinator.send(request, SyncGroupResponse.class));
        }).flatMap(response -> {
            if (response.errorCode() != ErrorCode.NONE.code()) {
                coordinator.onError(ErrorCode.forCode(response.errorCode()));
                return Mono.error(Failures.of(response.errorCode(), null, "SyncGroup of group " + options.groupId()));
            }
            heartbeats.realign();
            byte[] data = response.assignment() == null ? new byte[0] : response.assignment();
            return Mono.just(new GroupProtocol.Assignment(join.generationId(), join.memberId(), join.leader(),
                join.protocolName(), data));
        });
    }

    private Mono<Map<String, byte[]>> leaderAssign(JoinGroupResponse join) {
        List<GroupProtocol.Member> members = join.members().stream()
            .map(m -> new GroupProtocol.Member(m.memberId(), m.groupInstanceId(), m.metadata()))
            .toList();
        return Mono.defer(() -> protocol.assign(join.leader(), join.protocolName(), members))
            .map(assigned -> {
                // Every member gets an answer, so none waits for an assignment the leader forgot.
                Map<String, byte[]> all = new java.util.HashMap<>(assigned);
                members.forEach(m -> all.putIfAbsent(m.memberId(), new byte[0]));
                return all;
            });
    }

    private Mono<Void> onRoundFailure(Throwable failure) {
        GroupReaction reaction = GroupReaction.of(failure);
        if (reaction == GroupReaction.FATAL) {
            LOG.error("Group {}: member {} cannot go on", options.groupId(), memberId, failure);
        } else {
            LOG.info("Group {}: member {} rejoins ({}): {}", options.groupId(), memberId, reaction,
                failure.toString());
        }
        react(reaction, failure);
        return Mono.empty();
    }

    private void consumeFault() {
        PendingFault.Fault f = fault.take();
        if (f != null) {
            LOG.info("Group {}: member {} rejoins ({}): {}", options.groupId(), memberId, f.reaction(),
                f.cause().getMessage());
            react(f.reaction(), f.cause());
        }
    }

    private void react(GroupReaction reaction, Throwable cause) {
        if (reaction == GroupReaction.RETRY_LATER) {
            failures++;
        }
        if (reaction.losesPartitions()) {
            lost = generation >= 0;
            generation = -1;
            inGeneration = false;
        }
        if (reaction == GroupReaction.RESET_MEMBER) {
            memberId = "";
        }
        if (reaction == GroupReaction.FATAL) {
            fatal = cause;
        }
    }

    /** After leave() or a fatal error: leaves (dynamic members) and ends. */
    private Mono<Void> finish() {
        Disposable beats = heartbeating;
        if (beats != null) {
            beats.dispose();
        }
        String id = memberId;
        boolean tell = options.groupInstanceId() == null && !id.isEmpty() && fatal == null && !abandoning;
        Mono<Void> leaveGroup = tell ? ClassicRequests.leave(coordinator, id, "the member is leaving")
            .timeout(runtime.options().requestTimeout(), Mono.empty()) : Mono.empty();
        return leaveGroup.doFinally(s -> end(fatal));
    }

    private void end(@Nullable Throwable failure) {
        Disposable beats = heartbeating;
        if (beats != null) {
            beats.dispose();
        }
        inGeneration = false;
        generation = -1;
        runtime.close();
        try {
            protocol.onEnded(failure);
        } finally {
            ended.tryEmitEmpty();
        }
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
}
