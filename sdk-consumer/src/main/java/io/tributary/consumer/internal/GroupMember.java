package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * One consumer's membership of its group: joins, heartbeats independently of how fast records are processed,
 * rejoins when the group rebalances or the subscription's topics change, and commits and fetches offsets with the
 * current generation. Implementations: {@code ClassicGroupMember} (JoinGroup/SyncGroup/Heartbeat/LeaveGroup with
 * client-side assignors) and {@code ConsumerProtocolMember} (KIP-848 ConsumerGroupHeartbeat). Thread-safe.
 */
public interface GroupMember {
    /**
     * Starts the membership: joins, then keeps membership (heartbeats, rejoins) until {@link #leave()}; calls
     * {@code listener} on every change. Returns at once; nothing blocks.
     */
    void start(Subscription subscription, RebalanceListener listener);

    /** The partitions currently owned. */
    Set<TopicPartition> assignment();

    /**
     * Commits {@code offsets} (the next offsets to consume) for the group with the current generation and member
     * id. Fails with an {@code ApiException} when the broker refuses (e.g. {@code REBALANCE_IN_PROGRESS},
     * {@code ILLEGAL_GENERATION}, {@code UNKNOWN_MEMBER_ID}); retriable failures are retried within the API
     * timeout.
     */
    Mono<Void> commit(Map<TopicPartition, Long> offsets);

    /** The group's committed offsets of {@code partitions}; partitions without one are absent from the map. */
    Mono<Map<TopicPartition, Long>> committed(Set<TopicPartition> partitions);

    /**
     * Leaves the group (LeaveGroup for a dynamic classic member; a static member only stops heartbeating, as
     * Kafka's clients do) after revoking the owned partitions through the listener.
     */
    Mono<Void> leave();

    /** The member id the coordinator gave, empty before the first join. */
    String memberId();

    /** The current generation (member epoch for the consumer protocol), -1 before the first join. */
    int generation();

    /**
     * Whether a rebalance is under way with this member still in it. A commit refused meanwhile (ILLEGAL_GENERATION
     * until the JoinGroup answer brings the new generation, REBALANCE_IN_PROGRESS until SyncGroup) is accepted once
     * it ends.
     */
    default boolean rebalancing() {
        return false;
    }
}
