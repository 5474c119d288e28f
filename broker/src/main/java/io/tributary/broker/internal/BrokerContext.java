package io.tributary.broker.internal;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.internal.config.ConfigResolver;
import io.tributary.broker.internal.metadata.ClusterIdentity;
import io.tributary.broker.internal.metadata.TopicRegistry;
import io.tributary.broker.internal.partition.Partitions;
import reactor.core.scheduler.Scheduler;

/**
 * What the request handlers share: the configuration, the node's identity and endpoint, the topic registry,
 * config resolution, the partitions and the scheduler for disk work. Immutable holder of thread-safe parts.
 *
 * @param config     static configuration
 * @param identity   cluster and node id
 * @param host       advertised host
 * @param port       advertised port (the bound port when the listener asked for 0)
 * @param topics     the topic registry
 * @param configs    effective-config resolution
 * @param partitions the partitions and their logs
 * @param io         scheduler for blocking disk work; never an event loop
 */
public record BrokerContext(BrokerConfig config, ClusterIdentity identity, String host, int port,
                            TopicRegistry topics, ConfigResolver configs, Partitions partitions,
                            Scheduler io) {

    public int nodeId() {
        return identity.nodeId();
    }
}
