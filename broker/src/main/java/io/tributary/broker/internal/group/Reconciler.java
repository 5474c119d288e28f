package io.tributary.broker.internal.group;

import io.tributary.protocol.ErrorCode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Moves one consumer-protocol member's current assignment towards its target (KIP-848 reconciliation). A member
 * first gives up the partitions it must lose: it stays in its epoch, in UNREVOKED_PARTITIONS, until a heartbeat no
 * longer reports them as owned. It then moves to the target epoch and gets the target partitions that no member holds
 * any more; partitions still held elsewhere (assigned or pending revocation) come later, in UNRELEASED_PARTITIONS.
 * So a partition never has two owners. Stateless.
 */
final class Reconciler {
    private Reconciler() {
    }

    /**
     * The member's next assignment, or {@code current} when it cannot move yet.
     *
     * @param current     the member's current assignment
     * @param targetEpoch the epoch of the group's target assignment
     * @param target      the member's target partitions
     * @param held        whether a partition is currently held by some member of the group
     * @param owned       the partitions the member reported in this heartbeat, or null if it did not report them
     * @throws io.tributary.errors.ApiException FENCED_MEMBER_EPOCH for a member in a state this coordinator does not
     *                                          know that still owns partitions
     */
    static ConsumerMemberAssignment next(ConsumerMemberAssignment current, int targetEpoch,
                                         Map<UUID, Set<Integer>> target, BiPredicate<UUID, Integer> held,
                                         @Nullable Map<UUID, Set<Integer>> owned) {
        return switch (current.state()) {
            case STABLE -> current.memberEpoch() == targetEpoch ? current
                : compute(current, current.memberEpoch(), targetEpoch, target, held, owned);
            case UNREVOKED_PARTITIONS -> Assignments.holdsAny(owned, current.pendingRevocation()) ? current
                : compute(current, current.memberEpoch() + 1, targetEpoch, target, held, owned);
            case UNRELEASED_PARTITIONS -> compute(current, current.memberEpoch(), targetEpoch, target, held, owned);
            case UNKNOWN -> {
                if (owned == null || !owned.isEmpty()) {
                    throw ErrorCode.FENCED_MEMBER_EPOCH.exception("The consumer group member is in an unknown "
                        + "state. The member must abandon all its partitions and rejoin.");
                }
                yield compute(current, targetEpoch, targetEpoch, target, held, owned);
            }
        };
    }

    private static ConsumerMemberAssignment compute(ConsumerMemberAssignment current, int memberEpoch,
                                                    int targetEpoch, Map<UUID, Set<Integer>> target,
                                                    BiPredicate<UUID, Integer> held,
                                                    @Nullable Map<UUID, Set<Integer>> owned) {
        Map<UUID, Set<Integer>> keep = new HashMap<>();
        Map<UUID, Set<Integer>> revoke = new HashMap<>();
        Map<UUID, Set<Integer>> add = new HashMap<>();
        boolean unreleased = false;
        Set<UUID> topics = new HashSet<>(target.keySet());
        topics.addAll(current.assigned().keySet());
        for (UUID topic : topics) {
            Set<Integer> wanted = target.getOrDefault(topic, Set.of());
            Set<Integer> had = current.assigned().getOrDefault(topic, Set.of());
            Set<Integer> kept = new TreeSet<>(had);
            kept.retainAll(wanted);
            Set<Integer> lost = new TreeSet<>(had);
            lost.removeAll(kept);
            Set<Integer> gained = new TreeSet<>(wanted);
            gained.removeAll(kept);
            unreleased |= gained.removeIf(p -> held.test(topic, p));
            keep.put(topic, kept);
            revoke.put(topic, lost);
            add.put(topic, gained);
        }
        Map<UUID, Set<Integer>> revoked = Assignments.copyOf(revoke);
        if (!revoked.isEmpty() && Assignments.holdsAny(owned, revoked)) {
            return new ConsumerMemberAssignment(memberEpoch, current.memberEpoch(), MemberState.UNREVOKED_PARTITIONS,
                keep, revoked);
        }
        add.forEach((topic, ps) -> keep.get(topic).addAll(ps));
        boolean waiting = unreleased;
        return new ConsumerMemberAssignment(targetEpoch, current.memberEpoch(),
            waiting ? MemberState.UNRELEASED_PARTITIONS : MemberState.STABLE, keep, Assignments.EMPTY);
    }
}
