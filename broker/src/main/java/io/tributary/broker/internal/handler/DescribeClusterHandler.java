package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.DescribeClusterRequest;
import io.tributary.protocol.message.DescribeClusterResponse;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * DescribeCluster: this node as the only broker and as the controller. Asking for controller endpoints
 * (EndpointType 2) is refused with UNSUPPORTED_ENDPOINT_TYPE, as a Kafka broker does.
 */
public final class DescribeClusterHandler implements RequestHandler<DescribeClusterRequest, DescribeClusterResponse> {
    private final BrokerContext broker;

    public DescribeClusterHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CLUSTER;
    }

    @Override
    public VersionRange versions() {
        return Versions.DESCRIBE_CLUSTER;
    }

    @Override
    public Mono<DescribeClusterResponse> handle(RequestContext context, DescribeClusterRequest request) {
        DescribeClusterResponse response = new DescribeClusterResponse()
            .clusterId(broker.identity().clusterId())
            .controllerId(broker.nodeId())
            .endpointType(request.endpointType());
        if (request.endpointType() != 1) {
            return Mono.just(response.errorCode(ErrorCode.UNSUPPORTED_ENDPOINT_TYPE.code())
                .errorMessage("Only broker endpoints (type 1) can be described"));
        }
        List<DescribeClusterResponse.DescribeClusterBroker> brokers = new ArrayList<>();
        brokers.add(new DescribeClusterResponse.DescribeClusterBroker().brokerId(broker.nodeId())
            .host(broker.host()).port(broker.port()));
        return Mono.just(response.brokers(brokers));
    }
}
