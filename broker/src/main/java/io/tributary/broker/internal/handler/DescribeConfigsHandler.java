package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.config.ResolvedConfig;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.DescribeConfigsRequest;
import io.tributary.protocol.message.DescribeConfigsResponse;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * DescribeConfigs of topics and of this broker: effective values with their source, synonyms (v1+, when asked),
 * types and documentation (v3+, when asked).
 */
public final class DescribeConfigsHandler implements RequestHandler<DescribeConfigsRequest, DescribeConfigsResponse> {
    private final BrokerContext broker;

    public DescribeConfigsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CONFIGS;
    }

    @Override
    public VersionRange versions() {
        return Versions.DESCRIBE_CONFIGS;
    }

    @Override
    public Mono<DescribeConfigsResponse> handle(RequestContext context, DescribeConfigsRequest request) {
        List<DescribeConfigsResponse.DescribeConfigsResult> results = new ArrayList<>();
        for (DescribeConfigsRequest.DescribeConfigsResource r : request.resources()) {
            DescribeConfigsResponse.DescribeConfigsResult result = new DescribeConfigsResponse.DescribeConfigsResult()
                .resourceType(r.resourceType()).resourceName(r.resourceName());
            try {
                List<DescribeConfigsResponse.DescribeConfigsResourceResult> configs = new ArrayList<>();
                for (ResolvedConfig c : ConfigResources.describe(broker, r.resourceType(), r.resourceName())) {
                    if (r.configurationKeys() == null || r.configurationKeys().contains(c.name())) {
                        configs.add(entry(c, r.resourceType(), request));
                    }
                }
                results.add(result.errorCode(ErrorCode.NONE.code()).configs(configs));
            } catch (ApiException e) {
                results.add(result.errorCode(e.error().code()).errorMessage(e.getMessage()));
            }
        }
        return Mono.just(new DescribeConfigsResponse().results(results));
    }

    private static DescribeConfigsResponse.DescribeConfigsResourceResult entry(ResolvedConfig c, byte type,
                                                                               DescribeConfigsRequest request) {
        DescribeConfigsResponse.DescribeConfigsResourceResult e =
            new DescribeConfigsResponse.DescribeConfigsResourceResult()
                .name(c.name())
                .value(c.value())
                .readOnly(ConfigResources.readOnly(type, c.name()))
                .configSource(c.source().code())
                .isSensitive(false)
                .configType(c.key().type().describeCode());
        if (request.includeSynonyms()) {
            List<DescribeConfigsResponse.DescribeConfigsSynonym> synonyms = new ArrayList<>();
            for (ResolvedConfig.Synonym s : c.synonyms()) {
                synonyms.add(new DescribeConfigsResponse.DescribeConfigsSynonym().name(s.name()).value(s.value())
                    .source(s.source().code()));
            }
            e.synonyms(synonyms);
        }
        if (request.includeDocumentation()) {
            e.documentation(c.key().doc());
        }
        return e;
    }
}
