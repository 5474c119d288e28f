package io.tributary.broker.internal.group;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A server-side assignor of consumer-protocol groups ({@code group.consumer.assignors}): computes the target
 * assignment of every member from what they subscribe to. Implementations are stateless and thread-safe.
 */
interface ServerAssignor {
    /** The name members ask for in ConsumerGroupHeartbeat's {@code ServerAssignor}. */
    String name();

    /**
     * Assigns every partition of the subscribed topics to exactly one member subscribed to its topic.
     *
     * @param spec the members, the topics and the previous target assignment
     * @return the partitions of each member by topic id, with an entry for every member
     */
    Map<String, Map<UUID, Set<Integer>>> assign(Spec spec);

    /**
     * What an assignor works from.
     *
     * @param subscriptions   each member's subscribed topic ids, members in a stable order
     * @param partitionCounts the partition count of each subscribed topic that exists
     * @param previous        the previous target assignment of each member (for stickiness)
     */
    record Spec(Map<String, Set<UUID>> subscriptions, Map<UUID, Integer> partitionCounts,
                Map<String, Map<UUID, Set<Integer>>> previous) {
    }

    /** The assignor with {@code name}; fails for names {@code group.consumer.assignors} does not accept. */
    static ServerAssignor named(String name) {
        return switch (name) {
            case "uniform" -> new UniformAssignor();
            case "range" -> new RangeAssignor();
            default -> throw new IllegalArgumentException("Unknown assignor " + name);
        };
    }
}
