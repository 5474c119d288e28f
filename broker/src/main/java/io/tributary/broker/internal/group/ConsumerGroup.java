package io.tributary.broker.internal.group;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The state of one consumer-protocol (KIP-848) group: group epoch, target assignment and its epoch, and the members
 * with their subscriptions and current assignments. It changes only by {@link #apply}ing {@link ConsumerGroupRecord}s,
 * the same records that are persisted, so a group reloaded from {@code __consumer_offsets} equals the one that wrote
 * them. Session and rebalance deadlines are not persisted: a reloaded member gets a full session.
 *
 * <p>Not thread-safe: owned by the {@link ConsumerGroupCoordinator}, which uses it under the group's monitor.
 */
final class ConsumerGroup {
    private final String groupId;
    private int groupEpoch;
    private int assignmentEpoch;
    private boolean deleted;
    private final Map<String, ConsumerMemberMetadata> metadata = new LinkedHashMap<>();
    private final Map<String, ConsumerMemberAssignment> assignments = new HashMap<>();
    private final Map<String, Map<UUID, Set<Integer>>> target = new HashMap<>();
    private final Map<String, Long> sessionDeadlines = new HashMap<>();
    private final Map<String, RebalanceDeadline> rebalanceDeadlines = new HashMap<>();
    private @Nullable Map<String, TopicShape> subscribedTopics;

    ConsumerGroup(String groupId) {
        this.groupId = groupId;
    }

    String groupId() {
        return groupId;
    }

    int groupEpoch() {
        return groupEpoch;
    }

    int assignmentEpoch() {
        return assignmentEpoch;
    }

    /** Whether the group was deleted (its epoch record tombstoned); a deleted group takes no more requests. */
    boolean isDeleted() {
        return deleted;
    }

    // ---------------------------------------------------------------- records

    /** Applies one record of this group. */
    void apply(ConsumerGroupRecord record) {
        if (record instanceof ConsumerGroupRecord.GroupEpoch r) {
            deleted = r.epoch() == null;
            groupEpoch = r.epoch() == null ? groupEpoch : r.epoch();
        } else if (record instanceof ConsumerGroupRecord.TargetEpoch r) {
            assignmentEpoch = r.epoch() == null ? 0 : r.epoch();
        } else if (record instanceof ConsumerGroupRecord.MemberMetadata r) {
            if (r.value() == null) {
                metadata.remove(r.memberId());
                sessionDeadlines.remove(r.memberId());
                rebalanceDeadlines.remove(r.memberId());
            } else {
                metadata.put(r.memberId(), r.value());
            }
        } else if (record instanceof ConsumerGroupRecord.TargetMember r) {
            if (r.partitions() == null) {
                target.remove(r.memberId());
            } else {
                target.put(r.memberId(), r.partitions());
            }
        } else if (record instanceof ConsumerGroupRecord.CurrentAssignment r) {
            if (r.value() == null) {
                assignments.remove(r.memberId());
            } else {
                assignments.put(r.memberId(), r.value());
            }
        }
    }

    // ---------------------------------------------------------------- members

    /** The member, or null. Members exist from their metadata record to its tombstone. */
    @Nullable ConsumerGroupMember member(String memberId) {
        ConsumerMemberMetadata m = metadata.get(memberId);
        return m == null ? null : new ConsumerGroupMember(memberId, m,
            assignments.getOrDefault(memberId, ConsumerMemberAssignment.INITIAL));
    }

    /** The member holding a static instance id, or null. */
    @Nullable ConsumerGroupMember staticMember(String instanceId) {
        for (Map.Entry<String, ConsumerMemberMetadata> e : metadata.entrySet()) {
            if (instanceId.equals(e.getValue().instanceId())) {
                return member(e.getKey());
            }
        }
        return null;
    }

    /** Every member, in join order. */
    List<ConsumerGroupMember> members() {
        List<ConsumerGroupMember> out = new ArrayList<>();
        metadata.keySet().forEach(id -> out.add(member(id)));
        return out;
    }

    int size() {
        return metadata.size();
    }

    boolean isEmpty() {
        return metadata.isEmpty();
    }

    /** The member's partitions in the target assignment. */
    Map<UUID, Set<Integer>> target(String memberId) {
        return target.getOrDefault(memberId, Assignments.EMPTY);
    }

    /** The target assignment of every member that has one. */
    Map<String, Map<UUID, Set<Integer>>> targets() {
        return new HashMap<>(target);
    }

    /** The group's state, derived as Kafka does from members, epochs and reconciliation. */
    ConsumerGroupState state() {
        if (metadata.isEmpty()) {
            return ConsumerGroupState.EMPTY;
        }
        if (groupEpoch > assignmentEpoch) {
            return ConsumerGroupState.ASSIGNING;
        }
        for (String id : metadata.keySet()) {
            if (!assignments.getOrDefault(id, ConsumerMemberAssignment.INITIAL).isReconciledTo(assignmentEpoch)) {
                return ConsumerGroupState.RECONCILING;
            }
        }
        return ConsumerGroupState.STABLE;
    }

    /** Whether some member holds the partition, as assigned or pending revocation. */
    boolean isHeld(UUID topic, int partition) {
        for (ConsumerMemberAssignment a : assignments.values()) {
            if (Assignments.contains(a.assigned(), topic, partition)
                || Assignments.contains(a.pendingRevocation(), topic, partition)) {
                return true;
            }
        }
        return false;
    }

    /** The topic names members subscribe to by name (patterns not resolved). */
    Set<String> subscribedTopicNames() {
        Set<String> out = new TreeSet<>();
        metadata.values().forEach(m -> out.addAll(m.subscribedTopicNames()));
        return out;
    }

    /** The assignor most members asked for, else {@code fallback}. */
    String preferredAssignor(String fallback) {
        Map<String, Integer> votes = new TreeMap<>();
        metadata.values().forEach(m -> {
            if (m.serverAssignor() != null) {
                votes.merge(m.serverAssignor(), 1, Integer::sum);
            }
        });
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(fallback);
    }

    // ---------------------------------------------------------------- deadlines and subscription metadata

    void sessionDeadline(String memberId, long deadline) {
        sessionDeadlines.put(memberId, deadline);
    }

    void rebalanceDeadline(String memberId, @Nullable RebalanceDeadline deadline) {
        if (deadline == null) {
            rebalanceDeadlines.remove(memberId);
        } else {
            rebalanceDeadlines.put(memberId, deadline);
        }
    }

    /** The members whose session or revocation deadline has passed by {@code now}. */
    List<String> expiredMembers(long now) {
        List<String> out = new ArrayList<>();
        for (String id : metadata.keySet()) {
            Long session = sessionDeadlines.get(id);
            RebalanceDeadline rebalance = rebalanceDeadlines.get(id);
            ConsumerMemberAssignment a = assignments.getOrDefault(id, ConsumerMemberAssignment.INITIAL);
            boolean revocationLate = rebalance != null && rebalance.deadline() <= now
                && a.state() == MemberState.UNREVOKED_PARTITIONS && a.memberEpoch() == rebalance.memberEpoch();
            if ((session != null && session <= now) || revocationLate) {
                out.add(id);
            }
        }
        return out;
    }

    /** The subscribed topics as last seen, or null before the first heartbeat after creation or reload. */
    @Nullable Map<String, TopicShape> subscribedTopics() {
        return subscribedTopics;
    }

    void subscribedTopics(Map<String, TopicShape> topics) {
        this.subscribedTopics = Map.copyOf(topics);
    }

    /** Every member id that has metadata, for iteration while members change. */
    Collection<String> memberIds() {
        return new ArrayList<>(metadata.keySet());
    }

    /**
     * A member's revocation deadline: fenced if still revoking in the same epoch when it passes.
     *
     * @param memberEpoch the epoch the member was revoking in
     * @param deadline    when, in epoch milliseconds
     */
    record RebalanceDeadline(int memberEpoch, long deadline) {
    }

    /**
     * A subscribed topic as the target assignment saw it; a change (new topic, more partitions) bumps the epoch.
     *
     * @param id         the topic id
     * @param partitions its partition count
     */
    record TopicShape(UUID id, int partitions) {
    }
}
