package io.tributary.broker.internal.group;

import io.tributary.broker.internal.metadata.Topic;
import io.tributary.protocol.message.ConsumerGroupDescribeResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Describes a {@link ConsumerGroup} as ConsumerGroupDescribe answers: epochs, assignor, and per member its current and
 * target assignment with topic names (topics deleted since are left out). Stateless.
 */
final class ConsumerGroupDescriptions {
    /** ConsumerGroupDescribe v1 MemberType of a member that uses the consumer protocol. */
    private static final byte CONSUMER_MEMBER = 1;

    private ConsumerGroupDescriptions() {
    }

    static ConsumerGroupDescribeResponse.DescribedGroup of(ConsumerGroup group, String assignor, TopicsView topics) {
        List<ConsumerGroupDescribeResponse.Member> members = new ArrayList<>();
        for (ConsumerGroupMember m : group.members()) {
            ConsumerMemberMetadata md = m.metadata();
            members.add(new ConsumerGroupDescribeResponse.Member().memberId(m.memberId()).instanceId(md.instanceId())
                .rackId(md.rackId()).memberEpoch(m.memberEpoch()).clientId(md.clientId()).clientHost(md.clientHost())
                .subscribedTopicNames(md.subscribedTopicNames()).subscribedTopicRegex(md.subscribedTopicRegex())
                .assignment(assignment(m.assigned(), topics))
                .targetAssignment(assignment(group.target(m.memberId()), topics))
                .memberType(CONSUMER_MEMBER));
        }
        return new ConsumerGroupDescribeResponse.DescribedGroup().errorCode((short) 0).groupId(group.groupId())
            .groupState(group.state().kafkaName()).groupEpoch(group.groupEpoch())
            .assignmentEpoch(group.assignmentEpoch()).assignorName(assignor).members(members);
    }

    private static ConsumerGroupDescribeResponse.Assignment assignment(Map<UUID, Set<Integer>> partitions,
                                                                     TopicsView topics) {
        List<ConsumerGroupDescribeResponse.TopicPartitions> out = new ArrayList<>();
        partitions.forEach((id, ps) -> {
            Optional<Topic> topic = topics.get(id);
            topic.ifPresent(t -> out.add(new ConsumerGroupDescribeResponse.TopicPartitions().topicId(id)
                .topicName(t.name()).partitions(new ArrayList<>(ps))));
        });
        return new ConsumerGroupDescribeResponse.Assignment().topicPartitions(out);
    }
}
