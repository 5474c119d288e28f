package io.tributary.consumer;

import io.tributary.common.TopicPartition;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A client-side assignor of the classic group protocol, for applications that place partitions themselves (Kafka's
 * {@code ConsumerPartitionAssignor}); set with {@link ConsumerOptions#assignor(PartitionAssignor)}. The group
 * leader runs it over every member's subscription; every member of the group must offer the same {@link #name()}.
 * The built-in assignors ({@code range}, {@code roundrobin}, {@code cooperative-sticky}) are chosen by name with
 * {@link ConsumerOptions#assignors(List)} instead. Not used by the {@code consumer} group protocol (KIP-848), whose
 * assignors run on the broker. Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface PartitionAssignor {
    /** The protocol name members vote with in JoinGroup. */
    String name();

    /**
     * Whether members keep their partitions through a rebalance and give up only those that move (the cooperative
     * rebalance protocol). A cooperative assignor must leave a partition out of a member's assignment while another
     * member still owns it: that owner revokes it and rejoins, and the next round gives it to its new owner. False
     * for eager assignors, whose members give up everything before rejoining.
     */
    boolean cooperative();

    /**
     * What a member adds to its subscription as {@code UserData} when it joins in {@code generation} (the one it
     * owned its partitions in, -1 for none), or null for nothing. Called on the member's group thread: no blocking.
     */
    default byte @Nullable [] userData(int generation) {
        return null;
    }

    /**
     * Assigns the partitions of the subscribed topics.
     *
     * @param partitionsPerTopic partition count of every subscribed topic the cluster knows; topics absent here get
     *                           no assignment
     * @param subscriptions      every member's subscription, by member id
     * @return every member's partitions, by member id (members without partitions may be left out)
     */
    Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                             Map<String, MemberSubscription> subscriptions);

    /**
     * What the leader sends {@code memberId} with its partitions, as the assignment's {@code UserData} (placement
     * facts every member should know, say), or null for nothing. Called by the leader after {@link #assign}, with
     * its result.
     */
    default byte @Nullable [] assignmentUserData(String memberId, Map<String, List<TopicPartition>> assignment,
                                                 Map<String, MemberSubscription> subscriptions) {
        return null;
    }

    /**
     * This member's assignment of {@code generation} arrived: its partitions and the leader's user data. Called on
     * the member's group thread before the partitions are announced to the assignment listener: no blocking.
     */
    default void onAssignment(List<TopicPartition> partitions, byte @Nullable [] userData, int generation) {
    }

    /**
     * One member's subscription as its JoinGroup metadata states it.
     *
     * @param memberId        the member id
     * @param groupInstanceId its {@code group.instance.id}, or null for a dynamic member
     * @param topics          the topics it subscribes to
     * @param ownedPartitions the partitions it owns now (cooperative members keep them while rejoining)
     * @param generation      the generation it owned them in, -1 when unknown
     * @param userData        assignor-specific data, or null
     * @param rackId          its {@code client.rack}, or null
     */
    record MemberSubscription(String memberId, @Nullable String groupInstanceId, List<String> topics,
                              List<TopicPartition> ownedPartitions, int generation, byte @Nullable [] userData,
                              @Nullable String rackId) {
        public MemberSubscription {
            topics = List.copyOf(topics);
            ownedPartitions = List.copyOf(ownedPartitions);
        }

        /** A dynamic member that owns nothing yet. */
        public static MemberSubscription of(String memberId, List<String> topics) {
            return new MemberSubscription(memberId, null, topics, List.of(), -1, null, null);
        }
    }
}
