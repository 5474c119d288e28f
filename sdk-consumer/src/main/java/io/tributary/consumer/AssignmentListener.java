package io.tributary.consumer;

import io.tributary.common.TopicPartition;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Hears about the partitions a group member gains and gives up, for state kept per partition (caches, state
 * stores, open files). Set with {@link ConsumerOptions#assignmentListener(AssignmentListener)}. Calls come one at a
 * time, in the order the changes happen, from the consumer's own threads, never a network event loop; keep them
 * short or return a {@code Mono}.
 *
 * <pre>{@code
 * options.assignmentListener(new AssignmentListener() {
 *     public void onAssigned(Set<TopicPartition> added) { added.forEach(cache::open); }
 *     public Mono<Void> onRevoked(Set<TopicPartition> revoked) { return cache.flush(revoked); }
 * });
 * }</pre>
 *
 * @since 0.1
 */
public interface AssignmentListener {
    /** Partitions newly owned; called before any of their records is emitted. */
    default void onAssigned(Set<TopicPartition> added) {
    }

    /**
     * Partitions about to be given up: called first, before their in-flight records are awaited, so that records
     * held back (in a write-back cache, say) can be finished and acknowledged in time. Keep it short: it runs on the
     * consumer's group thread.
     */
    default void onRevoking(Set<TopicPartition> revoking) {
    }

    /**
     * Partitions given up in a rebalance, or every owned partition when the stream ends. Called after their in-flight
     * records were acknowledged (or {@link ConsumerOptions#revocationTimeout()} passed) and the acknowledged offsets
     * committed; the member rejoins once the returned {@code Mono} completes (bounded by the same time-out).
     */
    default Mono<Void> onRevoked(Set<TopicPartition> revoked) {
        return Mono.empty();
    }

    /** Partitions lost without a chance to commit (session expired, member fenced): their state is stale. */
    default void onLost(Set<TopicPartition> lost) {
    }
}
