package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A client-side partition assignor of the classic group protocol ({@code partition.assignment.strategy}): the
 * group leader runs the one the coordinator chose over every member's subscription. Each gives the assignment
 * Kafka's assignor of the same name gives for the same members and partitions, so that a Tributary leader and a
 * kafka-clients leader agree. Implementations are stateless and thread-safe.
 */
interface GroupAssignor {
    /**
     * Kafka's order of members: static members (by {@code group.instance.id}) before dynamic ones (by member id),
     * which keeps a static member's partitions when dynamic members come and go.
     */
    Comparator<MemberSubscription> MEMBER_ORDER = (a, b) -> {
        String ia = a.groupInstanceId();
        String ib = b.groupInstanceId();
        if (ia != null && ib != null) {
            return ia.compareTo(ib);
        }
        if (ia != null) {
            return -1;
        }
        if (ib != null) {
            return 1;
        }
        return a.memberId().compareTo(b.memberId());
    };

    /** The protocol name members vote with in JoinGroup. */
    String name();

    /**
     * Whether members keep their partitions through a rebalance and give up only those that move (the cooperative
     * rebalance protocol); false for eager assignors, whose members give up everything before rejoining.
     */
    boolean cooperative();

    /** What a member adds to its subscription as {@code UserData} in {@code generation}, or null for nothing. */
    default byte @Nullable [] userData(int generation) {
        return null;
    }

    /**
     * Assigns the partitions of the subscribed topics.
     *
     * @param partitionsPerTopic partition count of every subscribed topic the cluster knows; topics absent here get
     *                           no assignment
     * @param subscriptions      every member's subscription, by member id
     * @return every member's partitions, by member id (members without partitions map to an empty list)
     */
    Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                             Map<String, MemberSubscription> subscriptions);

    /**
     * The assignor called {@code name}: {@code range}, {@code roundrobin} or {@code cooperative-sticky}, or the
     * class name of Kafka's assignor of that name.
     *
     * @throws IllegalArgumentException for any other name
     */
    static GroupAssignor named(String name) {
        return switch (name) {
            case RangeAssignor.NAME, "org.apache.kafka.clients.consumer.RangeAssignor" -> new RangeAssignor();
            case RoundRobinAssignor.NAME, "org.apache.kafka.clients.consumer.RoundRobinAssignor" ->
                new RoundRobinAssignor();
            case CooperativeStickyAssignor.NAME, "org.apache.kafka.clients.consumer.CooperativeStickyAssignor" ->
                new CooperativeStickyAssignor();
            default -> throw new IllegalArgumentException("Unknown partition assignor '" + name + "'; known: "
                + RangeAssignor.NAME + ", " + RoundRobinAssignor.NAME + ", " + CooperativeStickyAssignor.NAME);
        };
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

        /** A member that owns nothing yet. */
        static MemberSubscription of(String memberId, List<String> topics) {
            return new MemberSubscription(memberId, null, topics, List.of(), -1, null, null);
        }
    }
}
