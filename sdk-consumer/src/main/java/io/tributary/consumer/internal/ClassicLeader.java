package io.tributary.consumer.internal;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.PartitionAssignor;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.SyncGroupRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The group leader's part of a classic rebalance: reads every member's subscription from the JoinGroup answer, asks
 * the cluster for the partition counts of all subscribed topics, runs the assignor the coordinator chose and encodes
 * one assignment per member for SyncGroup. Stateless; thread-safe.
 */
final class ClassicLeader {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicLeader.class);

    private final ClientRuntime runtime;
    private final List<PartitionAssignor> assignors;

    /**
     * The leader's SyncGroup assignments.
     *
     * @param assignments one per member
     * @param groupTopics the partition counts the assignment was made for: the leader rejoins when they change
     */
    record Result(List<SyncGroupRequest.SyncGroupRequestAssignment> assignments, Map<String, Integer> groupTopics) {
    }

    ClassicLeader(ClientRuntime runtime, List<PartitionAssignor> assignors) {
        this.runtime = runtime;
        this.assignors = List.copyOf(assignors);
    }

    /** The assignor of the protocol the coordinator chose among a member's {@code assignors}. */
    static PartitionAssignor chosen(List<PartitionAssignor> assignors, @Nullable String protocol) {
        return assignors.stream()
            .filter(a -> a.name().equals(protocol))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("The coordinator chose protocol " + protocol
                + ", which this member did not offer"));
    }

    /** Assigns the group's partitions; lazy. Fails when the chosen protocol is not one of this member's. */
    Mono<Result> assign(String groupId, int generation, JoinGroupResponse join) {
        return Mono.defer(() -> {
            PartitionAssignor assignor = chosen(assignors, join.protocolName());
            Map<String, PartitionAssignor.MemberSubscription> subscriptions = new HashMap<>();
            Set<String> topics = new TreeSet<>();
            for (JoinGroupResponse.JoinGroupResponseMember member : join.members()) {
                PartitionAssignor.MemberSubscription subscription = ConsumerProtocolCodec.readSubscription(
                    member.memberId(), member.groupInstanceId(), member.metadata());
                subscriptions.put(member.memberId(), subscription);
                topics.addAll(subscription.topics());
            }
            return SubscribedTopics.counts(runtime, topics)
                .map(counts -> result(groupId, generation, assignor, counts, subscriptions));
        });
    }

    private static Result result(String groupId, int generation, PartitionAssignor assignor,
                                 Map<String, Integer> counts,
                                 Map<String, PartitionAssignor.MemberSubscription> subscriptions) {
        Map<String, List<TopicPartition>> assignment = assignor.assign(counts, subscriptions);
        List<SyncGroupRequest.SyncGroupRequestAssignment> encoded = new ArrayList<>();
        for (String memberId : subscriptions.keySet()) {
            List<TopicPartition> partitions = assignment.getOrDefault(memberId, List.of());
            encoded.add(new SyncGroupRequest.SyncGroupRequestAssignment()
                .memberId(memberId)
                .assignment(ConsumerProtocolCodec.assignment(partitions,
                    assignor.assignmentUserData(memberId, assignment, subscriptions))));
            LOG.info("Group {} generation {}: {} assigns {} to {}", groupId, generation, assignor.name(),
                PartitionSets.sorted(partitions), memberId);
        }
        return new Result(encoded, counts);
    }
}
