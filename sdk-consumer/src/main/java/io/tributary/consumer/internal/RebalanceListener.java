package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * What the consumer does when its group membership changes. The {@link GroupMember} calls these one at a time, in
 * the order the changes happen, from its own threads (never a caller's).
 */
public interface RebalanceListener {
    /**
     * Partitions are about to be given up (eager protocols: all; cooperative ones: those moving away). The member
     * waits for the returned {@code Mono} (in-flight records acknowledged and committed) before it rejoins; the
     * consumer bounds that wait itself.
     */
    Mono<Void> onPartitionsRevoked(Set<TopicPartition> revoked);

    /** Partitions newly owned; {@code owned} is the whole assignment after the change. */
    void onPartitionsAssigned(Set<TopicPartition> added, Set<TopicPartition> owned);

    /** Partitions lost without a chance to commit (session expired, member fenced): drop their state. */
    void onPartitionsLost(Set<TopicPartition> lost);

    /**
     * The membership ended for good ({@code FENCED_INSTANCE_ID}, an authorization or configuration error, ...): the
     * partitions were lost and the member stopped. Called once, after {@link #onPartitionsLost}.
     */
    default void onMembershipFailed(Throwable cause) {
    }
}
