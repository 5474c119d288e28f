package io.tributary.admin.internal;

import io.tributary.admin.BrokerNode;
import io.tributary.admin.ClusterDescription;
import io.tributary.client.internal.BrokerConnection;
import io.tributary.client.internal.Failures;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.DescribeClusterRequest;
import io.tributary.protocol.message.DescribeClusterResponse;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * DescribeCluster, or Metadata without topics where a broker does not offer DescribeCluster (before Kafka 2.8).
 * Stateless and thread-safe.
 */
final class ClusterCalls {
    private static final byte BROKER_ENDPOINTS = 1;

    private final AdminContext context;

    ClusterCalls(AdminContext context) {
        this.context = context;
    }

    Mono<ClusterDescription> describeCluster() {
        return context.runtime().withRetries(context.runtime().anyConnection()
            .flatMap(ClusterCalls::describe), "DescribeCluster");
    }

    private static Mono<ClusterDescription> describe(BrokerConnection c) {
        if (!c.versions().supports(ApiKey.DESCRIBE_CLUSTER)) {
            return c.send(new MetadataRequest().topics(List.of()).allowAutoTopicCreation(false), MetadataResponse.class)
                .map(ClusterCalls::fromMetadata);
        }
        DescribeClusterRequest request = new DescribeClusterRequest()
            .includeClusterAuthorizedOperations(false)
            .endpointType(BROKER_ENDPOINTS)
            .includeFencedBrokers(false);
        return c.send(request, DescribeClusterResponse.class)
            .flatMap(r -> r.errorCode() != 0
                ? Mono.error(Failures.of(r.errorCode(), r.errorMessage(), "DescribeCluster to " + c.node().address()))
                : Mono.just(fromDescribeCluster(r)));
    }

    private static ClusterDescription fromDescribeCluster(DescribeClusterResponse r) {
        List<BrokerNode> nodes = new ArrayList<>();
        for (DescribeClusterResponse.DescribeClusterBroker b : r.brokers()) {
            nodes.add(new BrokerNode(b.brokerId(), b.host(), b.port(), b.rack()));
        }
        return describe(r.clusterId(), r.controllerId(), nodes);
    }

    private static ClusterDescription fromMetadata(MetadataResponse r) {
        List<BrokerNode> nodes = new ArrayList<>();
        for (MetadataResponse.MetadataResponseBroker b : r.brokers()) {
            nodes.add(new BrokerNode(b.nodeId(), b.host(), b.port(), b.rack()));
        }
        return describe(r.clusterId() == null ? "" : r.clusterId(), r.controllerId(), nodes);
    }

    private static ClusterDescription describe(String clusterId, int controllerId, List<BrokerNode> nodes) {
        nodes.sort(Comparator.comparingInt(BrokerNode::id));
        BrokerNode controller = null;
        if (controllerId >= 0) {
            controller = nodes.stream()
                .filter(n -> n.id() == controllerId)
                .findFirst()
                .orElse(BrokerNode.unknown(controllerId));
        }
        return new ClusterDescription(clusterId, controller, nodes);
    }
}
