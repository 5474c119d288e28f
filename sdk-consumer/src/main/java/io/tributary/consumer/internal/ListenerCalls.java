package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A group member's calls of its {@link RebalanceListener}: a failing listener is logged and the membership goes on,
 * as Kafka's clients do. The member makes the calls one at a time. Stateless; thread-safe.
 */
final class ListenerCalls {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerCalls.class);

    private final String groupId;
    private final Supplier<RebalanceListener> listener;

    ListenerCalls(String groupId, Supplier<RebalanceListener> listener) {
        this.groupId = groupId;
        this.listener = listener;
    }

    /** {@code onPartitionsRevoked}, waited for; completes (never fails) when the listener is done. */
    Mono<Void> revoked(Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Mono.empty();
        }
        return Mono.defer(() -> listener.get().onPartitionsRevoked(partitions))
            .onErrorResume(e -> {
                LOG.warn("The rebalance listener of group {} failed on revoked partitions {}", groupId, partitions, e);
                return Mono.empty();
            });
    }

    void assigned(Set<TopicPartition> added, Set<TopicPartition> owned) {
        try {
            listener.get().onPartitionsAssigned(added, owned);
        } catch (RuntimeException e) {
            LOG.warn("The rebalance listener of group {} failed on assigned partitions {}", groupId, added, e);
        }
    }

    void failed(Throwable cause) {
        try {
            listener.get().onMembershipFailed(cause);
        } catch (RuntimeException e) {
            LOG.warn("The rebalance listener of group {} failed on the end of the membership", groupId, e);
        }
    }

    void lost(Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            listener.get().onPartitionsLost(partitions);
        } catch (RuntimeException e) {
            LOG.warn("The rebalance listener of group {} failed on lost partitions {}", groupId, partitions, e);
        }
    }
}
