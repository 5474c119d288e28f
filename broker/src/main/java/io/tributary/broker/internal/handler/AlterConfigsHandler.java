package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.AlterConfigsRequest;
import io.tributary.protocol.message.AlterConfigsResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** AlterConfigs: replaces the whole override set of a topic or the broker's dynamic configs. */
public final class AlterConfigsHandler implements RequestHandler<AlterConfigsRequest, AlterConfigsResponse> {
    private final BrokerContext broker;

    public AlterConfigsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ALTER_CONFIGS;
    }

    @Override
    public VersionRange versions() {
        return Versions.ALTER_CONFIGS;
    }

    @Override
    public Mono<AlterConfigsResponse> handle(RequestContext context, AlterConfigsRequest request) {
        return Mono.fromCallable(() -> answer(request)).subscribeOn(broker.io());
    }

    private AlterConfigsResponse answer(AlterConfigsRequest request) {
        List<AlterConfigsResponse.AlterConfigsResourceResponse> results = new ArrayList<>();
        for (AlterConfigsRequest.AlterConfigsResource r : request.resources()) {
            AlterConfigsResponse.AlterConfigsResourceResponse result =
                new AlterConfigsResponse.AlterConfigsResourceResponse()
                    .resourceType(r.resourceType()).resourceName(r.resourceName());
            try {
                Map<String, String> configs = new LinkedHashMap<>();
                for (AlterConfigsRequest.AlterableConfig c : r.configs()) {
                    configs.put(c.name(), c.value());
                }
                ConfigResources.replace(broker, r.resourceType(), r.resourceName(), configs, request.validateOnly());
                results.add(result.errorCode(ErrorCode.NONE.code()));
            } catch (ApiException | IllegalArgumentException e) {
                var api = ConfigResources.unwrap(e);
                results.add(result.errorCode(api.error().code()).errorMessage(api.getMessage()));
            }
        }
        return new AlterConfigsResponse().responses(results);
    }
}
