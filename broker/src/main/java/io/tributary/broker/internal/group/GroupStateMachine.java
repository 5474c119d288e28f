package io.tributary.broker.internal.group;

import io.tributary.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The membership protocol of one classic group (PROTOCOL.md 5.6): join phase with the initial delay, protocol
 * selection, generations, the leader's assignment, heartbeats and session expiry, pending member ids, static
 * members, leaving, and the deadlines that drive them ({@link #tick}). Time is always a parameter. Parked JoinGroup
 * and SyncGroup requests are callbacks, handed to the {@code later} sink to be run once the owner releases its lock;
 * metadata worth persisting is announced through {@code persist}.
 *
 * <p>Not thread-safe: owned by a {@link ClassicGroup}, which calls it under its lock.
 */
final class GroupStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicGroup.class);
    private static final long NEVER = Long.MAX_VALUE;

    private final String groupId;
    private final GroupConfig config;
    private final Consumer<Runnable> later;
    private final Runnable persist;
    private final GroupMembership members = new GroupMembership();
    private GroupState state = GroupState.EMPTY;
    private GroupState previousState = GroupState.EMPTY;
    private long stateTimestamp;
    private int generationId;
    private @Nullable String protocolName;
    private long joinDeadline = NEVER;
    private boolean initialRebalance;
    private boolean newMemberAdded;
    private int initialDelayMs;
    private int initialRemainingMs;
    private long syncDeadline = NEVER;
    private int syncGeneration = -1;

    GroupStateMachine(String groupId, GroupConfig config, long now, Consumer<Runnable> later, Runnable persist) {
        this.groupId = groupId;
        this.config = config;
        this.later = later;
        this.persist = persist;
        this.stateTimestamp = now;
    }

    /** Resumes a reloaded generation: Stable with the stored members, each due to heartbeat within its session. */
    void restore(@Nullable GroupSnapshot snapshot, long now) {
        if (snapshot == null) {
            return;
        }
        generationId = snapshot.generationId();
        members.protocolType(snapshot.protocolType().isEmpty() ? null : snapshot.protocolType());
        protocolName = snapshot.protocolName();
        stateTimestamp = snapshot.currentStateTimestamp() >= 0 ? snapshot.currentStateTimestamp() : now;
        for (GroupSnapshot.MemberSnapshot s : snapshot.members()) {
            GroupMember m = new GroupMember(s.memberId(), s.groupInstanceId(), s.clientId(), s.clientHost(),
                snapshot.protocolType(), s.rebalanceTimeoutMs(), s.sessionTimeoutMs(),
                List.of(new JoinParams.Protocol(String.valueOf(snapshot.protocolName()), s.subscription())));
            m.assignment(s.assignment());
            m.heartbeatDeadline(now + s.sessionTimeoutMs());
            members.add(m);
        }
        if (!members.isEmpty()) {
            String leader = snapshot.leaderId();
            members.leaderId(leader != null && members.get(leader) != null ? leader
                : members.all().iterator().next().memberId());
            state = GroupState.STABLE;
        }
    }

    GroupState state() {
        return state;
    }

    int generationId() {
        return generationId;
    }

    long stateTimestamp() {
        return stateTimestamp;
    }

    @Nullable String protocolType() {
        return members.protocolType();
    }

    GroupMembership members() {
        return members;
    }

    GroupConfig config() {
        return config;
    }

    String groupId() {
        return groupId;
    }

    /** Whether the group is in the join phase of its very first rebalance (after being Empty). */
    boolean inInitialJoinPhase() {
        return state == GroupState.PREPARING_REBALANCE && previousState == GroupState.EMPTY;
    }

    /** Notes that a new member arrived during the initial delay, which may then be extended. */
    void newMemberAdded() {
        newMemberAdded = true;
    }

    @Nullable String protocolName() {
        return protocolName;
    }

    /** The topics the members subscribe to (consumer protocol), or null if unknown. */
    @Nullable Set<String> subscribedTopics() {
        return members.subscribedTopics(protocolName);
    }

    /** Marks the group Dead (deleted or expired); every later request is told to find the coordinator again. */
    void kill(long now) {
        transition(GroupState.DEAD, now);
        LOG.info("Group {} removed", groupId);
    }

    // ---------------------------------------------------------------- JoinGroup

    JoinResult currentJoinResult(String memberId, boolean withMembers, boolean skipAssignment) {
        return new JoinResult(ErrorCode.NONE, generationId, members.protocolType(), protocolName,
            String.valueOf(members.leaderId()), memberId,
            withMembers ? members.joinedMembers(protocolName) : List.of(), skipAssignment);
    }

    void prepareRebalanceOrCompleteJoin(long now, String reason) {
        if (state == GroupState.PREPARING_REBALANCE) {
            maybeCompleteJoinPhase(now);
        } else {
            prepareRebalance(now, reason);
        }
    }

    void maybeCompleteJoinPhase(long now) {
        if (state == GroupState.PREPARING_REBALANCE && members.hasAllMembersJoined()
            && previousState != GroupState.EMPTY) {
            completeJoin(now);
        }
    }

    void prepareRebalance(long now, String reason) {
        if (state == GroupState.COMPLETING_REBALANCE) {
            for (GroupMember m : members.all()) {
                m.assignment(GroupMember.EMPTY);
            }
            propagateAssignment(ErrorCode.REBALANCE_IN_PROGRESS, now);
        }
        syncDeadline = NEVER;
        boolean initial = state == GroupState.EMPTY;
        transition(GroupState.PREPARING_REBALANCE, now);
        LOG.info("Group {}: preparing to rebalance in generation {} ({})", groupId, generationId, reason);
        if (initial) {
            // A new group waits a little for more members before it completes its first join phase.
            initialRebalance = true;
            newMemberAdded = false;
            initialDelayMs = config.initialRebalanceDelayMs();
            initialRemainingMs = Math.max(members.rebalanceTimeoutMs() - initialDelayMs, 0);
            joinDeadline = now + initialDelayMs;
        } else if (members.hasAllMembersJoined()) {
            completeJoin(now);
        } else {
            initialRebalance = false;
            joinDeadline = now + members.rebalanceTimeoutMs();
        }
    }

    void completeJoin(long now) {
        joinDeadline = NEVER;
        initialRebalance = false;
        for (GroupMember m : new ArrayList<>(members.all())) {
            // Dynamic members that did not rejoin in time are dropped; static ones keep their place.
            if (!m.isAwaitingJoin() && !m.isStatic()) {
                members.remove(m.memberId());
                completeSyncWaiter(m, SyncResult.error(ErrorCode.UNKNOWN_MEMBER_ID));
            }
        }
        if (state == GroupState.DEAD) {
            return;
        }
        if (!members.electJoinedLeader() && !members.isEmpty()) {
            // Only static members that did not rejoin remain: wait another round for them or their expiry.
            joinDeadline = now + members.rebalanceTimeoutMs();
            return;
        }
        generationId++;
        members.pendingSync().clear();
        if (members.isEmpty()) {
            protocolName = null;
            transition(GroupState.EMPTY, now);
            LOG.info("Group {} is empty in generation {}", groupId, generationId);
            persist();
            return;
        }
        protocolName = members.selectProtocol();
        transition(GroupState.COMPLETING_REBALANCE, now);
        LOG.info("Group {}: generation {} with {} members, protocol {}", groupId, generationId, members.size(),
            protocolName);
        for (GroupMember m : members.all()) {
            completeJoinWaiter(m, currentJoinResult(m.memberId(), members.isLeader(m.memberId()), false));
            m.heartbeatDeadline(now + m.sessionTimeoutMs());
            m.isNew(false);
            members.pendingSync().add(m.memberId());
        }
        syncDeadline = now + members.rebalanceTimeoutMs();
        syncGeneration = generationId;
    }

    // ---------------------------------------------------------------- SyncGroup, Heartbeat, LeaveGroup

    /** SyncGroup; see {@link ClassicGroup#sync}. */
    void sync(String memberId, @Nullable String groupInstanceId, int generation, @Nullable String protocolType,
              @Nullable String protocol, Map<String, byte[]> assignments, long now, Consumer<SyncResult> callback) {
        ErrorCode error = validateSync(memberId, groupInstanceId, generation, protocolType, protocol);
        GroupMember member = members.get(memberId);
        if (error != ErrorCode.NONE || member == null) {
            later(callback, SyncResult.error(error == ErrorCode.NONE ? ErrorCode.UNKNOWN_MEMBER_ID : error));
        } else if (state == GroupState.PREPARING_REBALANCE) {
            later(callback, SyncResult.error(ErrorCode.REBALANCE_IN_PROGRESS));
        } else if (state == GroupState.COMPLETING_REBALANCE) {
            completeSyncWaiter(member, SyncResult.error(ErrorCode.REBALANCE_IN_PROGRESS));
            member.syncWaiter(callback);
            members.pendingSync().remove(memberId);
            if (members.isLeader(memberId)) {
                for (GroupMember m : members.all()) {
                    byte[] a = assignments.get(m.memberId());
                    m.assignment(a == null ? GroupMember.EMPTY : a);
                }
                transition(GroupState.STABLE, now);
                persist();
                propagateAssignment(ErrorCode.NONE, now);
            }
        } else {
            members.pendingSync().remove(memberId);
            later(callback, new SyncResult(ErrorCode.NONE, members.protocolType(), protocolName,
                member.assignment()));
        }
        afterRequest(now);
    }

    private ErrorCode validateSync(String memberId, @Nullable String groupInstanceId, int generation,
                                   @Nullable String protocolType, @Nullable String protocol) {
        if (state == GroupState.DEAD) {
            return ErrorCode.COORDINATOR_NOT_AVAILABLE;
        }
        ErrorCode error = members.validate(memberId, groupInstanceId);
        if (error != ErrorCode.NONE) {
            return error;
        }
        if (generation != generationId) {
            return ErrorCode.ILLEGAL_GENERATION;
        }
        if (inconsistent(protocolType, members.protocolType()) || inconsistent(protocol, protocolName)) {
            return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
        }
        return ErrorCode.NONE;
    }

    private static boolean inconsistent(@Nullable String requested, @Nullable String actual) {
        return requested != null && actual != null && !requested.equals(actual);
    }

    private void propagateAssignment(ErrorCode error, long now) {
        for (GroupMember m : members.all()) {
            if (m.isAwaitingSync()) {
                completeSyncWaiter(m, new SyncResult(error, members.protocolType(), protocolName, m.assignment()));
                // Sessions are not checked while a member waits for its assignment: restart the clock now.
                m.heartbeatDeadline(now + m.sessionTimeoutMs());
            }
        }
    }

    /** Heartbeat: NONE, REBALANCE_IN_PROGRESS (rejoin), or why the member is not part of the generation. */
    ErrorCode heartbeat(String memberId, @Nullable String groupInstanceId, int generation, long now) {
        if (state == GroupState.DEAD) {
            return ErrorCode.COORDINATOR_NOT_AVAILABLE;
        }
        ErrorCode error = members.validate(memberId, groupInstanceId);
        if (error != ErrorCode.NONE) {
            return error;
        }
        if (generation != generationId) {
            return ErrorCode.ILLEGAL_GENERATION;
        }
        GroupMember member = members.get(memberId);
        if (state == GroupState.EMPTY || member == null) {
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        member.heartbeatDeadline(now + member.sessionTimeoutMs());
        return state == GroupState.PREPARING_REBALANCE ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
    }

    /** LeaveGroup: removes the members and rebalances; one error per member, in order. */
    List<ErrorCode> leave(List<ClassicGroup.LeavingMember> leaving, long now) {
        List<ErrorCode> out = new ArrayList<>();
        boolean removed = false;
        for (ClassicGroup.LeavingMember l : leaving) {
            ErrorCode error = leaveOne(l);
            removed |= error == ErrorCode.NONE;
            out.add(error);
        }
        if (removed) {
            if (state == GroupState.STABLE || state == GroupState.COMPLETING_REBALANCE) {
                prepareRebalance(now, "members left");
            } else {
                maybeCompleteJoinPhase(now);
            }
        }
        afterRequest(now);
        return out;
    }

    private ErrorCode leaveOne(ClassicGroup.LeavingMember l) {
        if (state == GroupState.DEAD) {
            return ErrorCode.COORDINATOR_NOT_AVAILABLE;
        }
        if (l.memberId().isEmpty()) {
            String id = l.groupInstanceId() == null ? null : members.staticMemberId(l.groupInstanceId());
            if (id == null) {
                return ErrorCode.UNKNOWN_MEMBER_ID;
            }
            removeMember(id);
            return ErrorCode.NONE;
        }
        if (members.isPendingJoin(l.memberId())) {
            members.remove(l.memberId());
            return ErrorCode.NONE;
        }
        ErrorCode error = members.validate(l.memberId(), l.groupInstanceId());
        if (error == ErrorCode.NONE) {
            removeMember(l.memberId());
        }
        return error;
    }

    private void removeMember(String memberId) {
        GroupMember m = members.remove(memberId);
        if (m != null) {
            LOG.info("Group {}: member {} left or was removed", groupId, memberId);
            completeJoinWaiter(m, JoinResult.error(ErrorCode.UNKNOWN_MEMBER_ID, ""));
            completeSyncWaiter(m, SyncResult.error(ErrorCode.UNKNOWN_MEMBER_ID));
        }
    }

    // ---------------------------------------------------------------- deadlines

    /**
     * Fires the deadlines that have passed by {@code now}, after a request: all but the end of a new group's
     * initial delay, which only the timer fires. Even with {@code group.initial.rebalance.delay.ms=0} the first
     * generation then takes in every member whose JoinGroup arrives before the next timer tick, as Kafka's
     * coordinator does by queueing its zero-delay timer behind requests already received; otherwise the first
     * member would form a generation alone and the others would wait for its next heartbeat to rebalance.
     */
    void afterRequest(long now) {
        fireDeadlines(now, false);
    }

    /** Fires the deadlines that have passed by {@code now}: the group timer's call. */
    void tick(long now) {
        fireDeadlines(now, true);
    }

    private void fireDeadlines(long now, boolean timer) {
        if (state == GroupState.DEAD) {
            return;
        }
        if (members.expirePendingJoins(now)) {
            maybeCompleteJoinPhase(now);
        }
        for (GroupMember m : new ArrayList<>(members.all())) {
            if (m.heartbeatDeadline() <= now && !m.hasSatisfiedHeartbeat() && members.get(m.memberId()) == m) {
                removeMember(m.memberId());
                LOG.info("Group {}: session of member {} expired", groupId, m.memberId());
                if (state == GroupState.STABLE || state == GroupState.COMPLETING_REBALANCE) {
                    prepareRebalance(now, "session of " + m.memberId() + " expired");
                } else if (state == GroupState.PREPARING_REBALANCE && members.hasAllMembersJoined()) {
                    completeJoin(now);
                }
            }
        }
        if (joinDeadline <= now && state == GroupState.PREPARING_REBALANCE && (timer || !initialRebalance)) {
            if (initialRebalance && newMemberAdded && initialRemainingMs > 0) {
                // New members keep arriving: extend the initial delay, within the rebalance timeout.
                newMemberAdded = false;
                int delay = Math.min(config.initialRebalanceDelayMs(), initialRemainingMs);
                initialRemainingMs = Math.max(initialRemainingMs - initialDelayMs, 0);
                initialDelayMs = delay;
                joinDeadline = now + delay;
            } else {
                completeJoin(now);
            }
        }
        if (syncDeadline <= now) {
            syncDeadline = NEVER;
            boolean waiting = state == GroupState.COMPLETING_REBALANCE || state == GroupState.STABLE;
            if (waiting && syncGeneration == generationId && !members.pendingSync().isEmpty()) {
                List<String> late = new ArrayList<>(members.pendingSync());
                late.forEach(this::removeMember);
                prepareRebalance(now, "no SyncGroup from " + late);
            }
        }
    }

    // ---------------------------------------------------------------- offsets and views

    /**
     * Checks whether a member (or, with generation -1 and no member id, a simple client) may commit offsets now:
     * NONE, UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID, ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS or
     * COORDINATOR_NOT_AVAILABLE.
     */
    ErrorCode validateOffsetCommit(String memberId, @Nullable String groupInstanceId, int generation) {
        if (state == GroupState.DEAD) {
            return ErrorCode.COORDINATOR_NOT_AVAILABLE;
        }
        if (generation < 0 && state == GroupState.EMPTY) {
            return ErrorCode.NONE;
        }
        if (generation >= 0 || !memberId.isEmpty() || groupInstanceId != null) {
            ErrorCode error = members.validate(memberId, groupInstanceId);
            if (error != ErrorCode.NONE) {
                return error;
            }
            if (generation != generationId) {
                return ErrorCode.ILLEGAL_GENERATION;
            }
        } else if (state != GroupState.EMPTY) {
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        return state == GroupState.COMPLETING_REBALANCE ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
    }

    /**
     * Checks a TxnOffsetCommit as Kafka does: like an offset commit, except that generation -1 (a producer that does
     * not name the consumer's generation) is always accepted and a rebalance does not refuse it.
     */
    ErrorCode validateTxnOffsetCommit(String memberId, @Nullable String groupInstanceId, int generation) {
        if (state == GroupState.DEAD) {
            return ErrorCode.COORDINATOR_NOT_AVAILABLE;
        }
        if (generation < 0) {
            return ErrorCode.NONE;
        }
        ErrorCode error = members.validate(memberId, groupInstanceId);
        if (error != ErrorCode.NONE) {
            return error;
        }
        return generation == generationId ? ErrorCode.NONE : ErrorCode.ILLEGAL_GENERATION;
    }

    /** What DescribeGroups shows: members with metadata and assignment only while Stable. */
    GroupDescription describe() {
        return members.describe(groupId, state, protocolName);
    }

    /** The group's metadata as persisted. */
    GroupSnapshot snapshot() {
        return members.snapshot(generationId, protocolName, stateTimestamp);
    }

    // ---------------------------------------------------------------- plumbing

    private void transition(GroupState next, long now) {
        previousState = state;
        state = next;
        stateTimestamp = now;
    }

    void persist() {
        persist.run();
    }

    void completeJoinWaiter(GroupMember m, JoinResult result) {
        Consumer<JoinResult> w = m.joinWaiter();
        m.joinWaiter(null);
        if (w != null) {
            later(w, result);
        }
    }

    void completeSyncWaiter(GroupMember m, SyncResult result) {
        Consumer<SyncResult> w = m.syncWaiter();
        m.syncWaiter(null);
        if (w != null) {
            later(w, result);
        }
    }

    /** Queues a callback to run once the owner has released its lock. */
    <T> void later(Consumer<T> callback, T value) {
        later.accept(() -> callback.accept(value));
    }
}
