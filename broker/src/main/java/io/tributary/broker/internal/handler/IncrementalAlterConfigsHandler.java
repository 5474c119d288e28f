package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.IncrementalAlterConfigsRequest;
import io.tributary.protocol.message.IncrementalAlterConfigsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * IncrementalAlterConfigs: SET, DELETE, APPEND and SUBTRACT on topic configs and on the broker's dynamic configs
 * (resource name "" for the cluster-wide default or this node's id).
 */
public final class IncrementalAlterConfigsHandler
    implements RequestHandler<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse> {
    private final BrokerContext broker;

    public IncrementalAlterConfigsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.INCREMENTAL_ALTER_CONFIGS;
    }

    @Override
    public VersionRange versions() {
        return Versions.INCREMENTAL_ALTER_CONFIGS;
    }

    @Override
    public Mono<IncrementalAlterConfigsResponse> handle(RequestContext context,
                                                        IncrementalAlterConfigsRequest request) {
        return Mono.fromCallable(() -> answer(request)).subscribeOn(broker.io());
    }

    private IncrementalAlterConfigsResponse answer(IncrementalAlterConfigsRequest request) {
        List<IncrementalAlterConfigsResponse.AlterConfigsResourceResponse> results = new ArrayList<>();
        for (IncrementalAlterConfigsRequest.AlterConfigsResource r : request.resources()) {
            IncrementalAlterConfigsResponse.AlterConfigsResourceResponse result =
                new IncrementalAlterConfigsResponse.AlterConfigsResourceResponse()
                    .resourceType(r.resourceType()).resourceName(r.resourceName());
            try {
                List<ConfigResources.Op> ops = new ArrayList<>();
                for (IncrementalAlterConfigsRequest.AlterableConfig c : r.configs()) {
                    ops.add(new ConfigResources.Op(c.name(), c.configOperation(), c.value()));
                }
                Map<String, String> next = ConfigResources.applyIncremental(broker, r.resourceType(),
                    r.resourceName(), ops);
                ConfigResources.replace(broker, r.resourceType(), r.resourceName(), next, request.validateOnly());
                results.add(result.errorCode(ErrorCode.NONE.code()));
            } catch (ApiException | IllegalArgumentException e) {
                var api = ConfigResources.unwrap(e);
                results.add(result.errorCode(api.error().code()).errorMessage(api.getMessage()));
            }
        }
        return new IncrementalAlterConfigsResponse().responses(results);
    }
}
