package io.tributary.broker.internal.group;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The records of a consumer-protocol group in {@code __consumer_offsets}, as Kafka's group coordinator writes them
 * (record types 3 and 5-8); a null value is a tombstone. Replaying them in order rebuilds the group
 * ({@link ConsumerGroup#apply}). Immutable.
 */
public sealed interface ConsumerGroupRecord extends CoordinatorRecord {
    /**
     * ConsumerGroupMetadata (type 3): the group epoch; its tombstone deletes the group.
     *
     * @param groupId the group
     * @param epoch   the group epoch, or null
     */
    record GroupEpoch(String groupId, @Nullable Integer epoch) implements ConsumerGroupRecord {
    }

    /**
     * ConsumerGroupMemberMetadata (type 5): a member's subscription; its tombstone removes the member.
     *
     * @param groupId  the group
     * @param memberId the member
     * @param value    the metadata, or null
     */
    record MemberMetadata(String groupId, String memberId, @Nullable ConsumerMemberMetadata value)
        implements ConsumerGroupRecord {
    }

    /**
     * ConsumerGroupTargetAssignmentMetadata (type 6): the epoch of the target assignment.
     *
     * @param groupId the group
     * @param epoch   the assignment epoch, or null
     */
    record TargetEpoch(String groupId, @Nullable Integer epoch) implements ConsumerGroupRecord {
    }

    /**
     * ConsumerGroupTargetAssignmentMember (type 7): what one member should own.
     *
     * @param groupId    the group
     * @param memberId   the member
     * @param partitions its target partitions by topic id, or null
     */
    record TargetMember(String groupId, String memberId, @Nullable Map<UUID, Set<Integer>> partitions)
        implements ConsumerGroupRecord {
    }

    /**
     * ConsumerGroupCurrentMemberAssignment (type 8): a member's epoch and current assignment.
     *
     * @param groupId  the group
     * @param memberId the member
     * @param value    the assignment, or null
     */
    record CurrentAssignment(String groupId, String memberId, @Nullable ConsumerMemberAssignment value)
        implements ConsumerGroupRecord {
    }
}
