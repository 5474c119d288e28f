package io.tributary.consumer.internal;

import io.tributary.consumer.PartitionAssignor;
import java.util.Comparator;

/**
 * A built-in assignor of the classic group protocol ({@code partition.assignment.strategy}). Each gives the assignment
 * Kafka's assignor of the same name gives for the same members and partitions, so that a Tributary leader and a
 * kafka-clients leader agree. Implementations are stateless and thread-safe.
 */
interface GroupAssignor extends PartitionAssignor {
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
}
