package io.tributary.admin;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One partition of a {@link TopicDescription}.
 *
 * @param partition the partition index
 * @param leader    the broker leading the partition, or null while it has none
 * @param replicas  the brokers holding a replica, the preferred leader first
 * @param isr       the replicas in sync with the leader
 * @since 0.1
 */
public record TopicPartitionInfo(int partition, @Nullable BrokerNode leader, List<BrokerNode> replicas,
                                 List<BrokerNode> isr) {
    public TopicPartitionInfo {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }
}
