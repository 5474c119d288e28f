package io.tributary.broker.internal.group;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A consumer-protocol member's current assignment and epoch, as a ConsumerGroupCurrentMemberAssignmentValue record
 * stores it. Immutable.
 *
 * @param memberEpoch         the member's epoch (-2 for a static member that left for now)
 * @param previousMemberEpoch its epoch before the last change
 * @param state               how far its reconciliation got
 * @param assigned            the partitions it owns, by topic id
 * @param pendingRevocation   the partitions it must give up before moving on
 */
public record ConsumerMemberAssignment(int memberEpoch, int previousMemberEpoch, MemberState state,
                                       Map<UUID, Set<Integer>> assigned, Map<UUID, Set<Integer>> pendingRevocation) {
    /** A new member: epoch 0, nothing assigned. */
    static final ConsumerMemberAssignment INITIAL = new ConsumerMemberAssignment(0, 0, MemberState.STABLE,
        Assignments.EMPTY, Assignments.EMPTY);

    public ConsumerMemberAssignment {
        assigned = Assignments.copyOf(assigned);
        pendingRevocation = Assignments.copyOf(pendingRevocation);
    }

    /** Whether the member owns its whole target assignment of {@code targetEpoch}. */
    boolean isReconciledTo(int targetEpoch) {
        return memberEpoch == targetEpoch && state == MemberState.STABLE;
    }
}
