package io.tributary.broker.internal.group;

import io.tributary.broker.internal.metadata.ClusterIdentity;
import io.tributary.protocol.ErrorCode;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a JoinGroup changes a classic group: first joins (MEMBER_ID_REQUIRED from v4, generated member ids), rejoins
 * of known and pending members, static members taking over their instance id, and which of them start a
 * rebalance. Not thread-safe: works on its {@link GroupStateMachine} under the owning group's lock.
 */
final class JoinPhase {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicGroup.class);

    private final GroupStateMachine g;

    JoinPhase(GroupStateMachine g) {
        this.g = g;
    }

    /** JoinGroup; see {@link ClassicGroup#join}. */
    void join(JoinParams p, long now, Consumer<JoinResult> callback) {
        if (g.state() == GroupState.DEAD) {
            g.later(callback, JoinResult.error(ErrorCode.COORDINATOR_NOT_AVAILABLE, p.memberId()));
        } else if (!g.members().supports(p.protocolType(), p.protocols())) {
            g.later(callback, JoinResult.error(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, p.memberId()));
        } else if (addsMember(p) && g.members().size() >= g.config().maxSize()) {
            // group.max.size: members already in the group (or replacing a static one) may still rejoin.
            g.later(callback, JoinResult.error(ErrorCode.GROUP_MAX_SIZE_REACHED, ""));
        } else if (p.memberId().isEmpty()) {
            joinNewMember(p, now, callback);
        } else {
            joinKnownMember(p, now, callback);
        }
        g.maybeCompleteJoinPhase(now);
        g.afterRequest(now);
    }

    /** Whether the JoinGroup would make the group bigger: a new dynamic or static member, or a pending one. */
    private boolean addsMember(JoinParams p) {
        if (p.memberId().isEmpty()) {
            return p.groupInstanceId() == null ? !p.requireKnownMemberId()
                : g.members().staticMemberId(p.groupInstanceId()) == null;
        }
        return g.members().isPendingJoin(p.memberId());
    }

    private void joinNewMember(JoinParams p, long now, Consumer<JoinResult> callback) {
        String instanceId = p.groupInstanceId();
        String newId = (instanceId != null ? instanceId : p.clientId()) + "-" + ClusterIdentity.randomUuid();
        if (instanceId != null) {
            String existing = g.members().staticMemberId(instanceId);
            if (existing == null) {
                addMemberAndRebalance(newId, p, now, callback);
            } else {
                replaceStaticMember(existing, newId, p, now, callback);
            }
        } else if (p.requireKnownMemberId()) {
            g.members().addPendingJoin(newId, now + p.sessionTimeoutMs());
            g.later(callback, JoinResult.error(ErrorCode.MEMBER_ID_REQUIRED, newId));
        } else {
            addMemberAndRebalance(newId, p, now, callback);
        }
    }

    private void joinKnownMember(JoinParams p, long now, Consumer<JoinResult> callback) {
        String memberId = p.memberId();
        if (g.members().isPendingJoin(memberId)) {
            addMemberAndRebalance(memberId, p, now, callback);
            return;
        }
        ErrorCode error = g.members().validate(memberId, p.groupInstanceId());
        GroupMember member = g.members().get(memberId);
        if (error != ErrorCode.NONE || member == null) {
            ErrorCode answer = error == ErrorCode.NONE ? ErrorCode.UNKNOWN_MEMBER_ID : error;
            g.later(callback, JoinResult.error(answer, memberId));
            return;
        }
        switch (g.state()) {
            case PREPARING_REBALANCE -> updateMemberAndRebalance(member, p, now, callback);
            case COMPLETING_REBALANCE -> {
                if (member.matches(p.protocols())) {
                    // It probably missed the JoinGroup response: answer again with the current generation.
                    g.later(callback, g.currentJoinResult(memberId, g.members().isLeader(memberId), false));
                } else {
                    updateMemberAndRebalance(member, p, now, callback);
                }
            }
            case STABLE -> {
                // A rejoining leader forces a rebalance: that is how it reacts to changes outside the metadata.
                if (g.members().isLeader(memberId) || !member.matches(p.protocols())) {
                    updateMemberAndRebalance(member, p, now, callback);
                } else {
                    g.later(callback, g.currentJoinResult(memberId, false, false));
                }
            }
            default -> g.later(callback, JoinResult.error(ErrorCode.UNKNOWN_MEMBER_ID, memberId));
        }
    }

    private void addMemberAndRebalance(String memberId, JoinParams p, long now, Consumer<JoinResult> callback) {
        GroupMember member = new GroupMember(memberId, p.groupInstanceId(), p.clientId(), p.clientHost(),
            p.protocolType(), p.rebalanceTimeoutMs(), p.sessionTimeoutMs(), p.protocols());
        member.isNew(true);
        if (g.inInitialJoinPhase()) {
            g.newMemberAdded();
        }
        g.members().add(member);
        member.joinWaiter(callback);
        // A parked JoinGroup of a new member cannot heartbeat; it expires after the new-member join timeout.
        member.heartbeatDeadline(now + g.config().newMemberJoinTimeoutMs());
        g.prepareRebalanceOrCompleteJoin(now, "member " + memberId + " joined");
    }

    private void updateMemberAndRebalance(GroupMember member, JoinParams p, long now, Consumer<JoinResult> callback) {
        updateMember(member, p, callback);
        g.prepareRebalanceOrCompleteJoin(now, "member " + member.memberId() + " rejoined");
    }

    private void updateMember(GroupMember member, JoinParams p, Consumer<JoinResult> callback) {
        member.update(p.protocols(), p.rebalanceTimeoutMs(), p.sessionTimeoutMs());
        Consumer<JoinResult> previous = member.joinWaiter();
        if (previous != null) {
            g.later(previous, JoinResult.error(ErrorCode.REBALANCE_IN_PROGRESS, member.memberId()));
        }
        member.joinWaiter(callback);
    }

    private void replaceStaticMember(String oldId, String newId, JoinParams p, long now,
                                     Consumer<JoinResult> callback) {
        GroupMember old = g.members().get(oldId);
        if (old == null) {
            g.later(callback, JoinResult.error(ErrorCode.UNKNOWN_MEMBER_ID, p.memberId()));
            return;
        }
        // Whoever still waits under the old id is fenced: a newer instance took its place.
        g.completeJoinWaiter(old, JoinResult.error(ErrorCode.FENCED_INSTANCE_ID, oldId));
        g.completeSyncWaiter(old, SyncResult.error(ErrorCode.FENCED_INSTANCE_ID));
        GroupMember member = g.members().replaceStatic(old, newId);
        member.heartbeatDeadline(now + member.sessionTimeoutMs());
        updateMember(member, p, callback);
        LOG.info("Group {}: static member {} replaced {} with {}", g.groupId(), p.groupInstanceId(), oldId, newId);
        switch (g.state()) {
            case STABLE -> {
                if (String.valueOf(g.protocolName()).equals(g.members().selectProtocol())) {
                    // Same protocol: no rebalance, the new member id inherits the old assignment.
                    g.persist();
                    boolean leader = g.members().isLeader(newId) && p.supportsSkipAssignment();
                    g.completeJoinWaiter(member, g.currentJoinResult(newId, leader, leader));
                } else {
                    g.prepareRebalanceOrCompleteJoin(now, "static member " + newId + " changed its protocols");
                }
            }
            case COMPLETING_REBALANCE -> g.prepareRebalance(now, "static member " + newId + " rejoined");
            case PREPARING_REBALANCE -> g.maybeCompleteJoinPhase(now);
            default -> {
            }
        }
    }
}
