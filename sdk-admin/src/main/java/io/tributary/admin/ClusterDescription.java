package io.tributary.admin;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The cluster as {@link TributaryAdmin#describeCluster()} finds it.
 *
 * @param clusterId  the cluster's id
 * @param controller the broker the cluster names as controller, or null when it names none. A KRaft cluster names
 *                   some live broker here, since clients cannot reach its controllers directly.
 * @param nodes      the live brokers, ordered by id
 * @since 0.1
 */
public record ClusterDescription(String clusterId, @Nullable BrokerNode controller, List<BrokerNode> nodes) {
    public ClusterDescription {
        nodes = List.copyOf(nodes);
    }
}
