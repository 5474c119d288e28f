package io.tributary.broker.internal.group;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One member of a {@link ConsumerGroup}: its id, what it subscribes to and where its assignment stands. Immutable.
 *
 * @param memberId   the member id
 * @param metadata   its subscription and client details
 * @param assignment its epoch and current assignment
 */
record ConsumerGroupMember(String memberId, ConsumerMemberMetadata metadata, ConsumerMemberAssignment assignment) {
    int memberEpoch() {
        return assignment.memberEpoch();
    }

    Map<UUID, Set<Integer>> assigned() {
        return assignment.assigned();
    }

    ConsumerGroupMember withMetadata(ConsumerMemberMetadata m) {
        return new ConsumerGroupMember(memberId, m, assignment);
    }

    ConsumerGroupMember withAssignment(ConsumerMemberAssignment a) {
        return new ConsumerGroupMember(memberId, metadata, a);
    }
}
