package io.tributary.broker.internal.handler;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.ApiVersionsRequest;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * ApiVersions: the advertised version range of every served API. v3+ requests must name the client software with
 * Kafka's pattern, else INVALID_REQUEST (PROTOCOL.md 1.6). Unparseable versions are answered by the dispatcher.
 */
public final class ApiVersionsHandler implements RequestHandler<ApiVersionsRequest, ApiVersionsResponse> {
    private static final Pattern SOFTWARE = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");
    static final String TRANSACTION_VERSION = "transaction.version";
    static final short TRANSACTIONS_V2 = 2;
    /** The features never change while the broker runs; clients only need an epoch above their initial -1. */
    private static final long FEATURES_EPOCH = 1;

    private final Supplier<Map<ApiKey, VersionRange>> advertised;

    public ApiVersionsHandler(Supplier<Map<ApiKey, VersionRange>> advertised) {
        this.advertised = advertised;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.API_VERSIONS;
    }

    @Override
    public VersionRange versions() {
        return Versions.API_VERSIONS;
    }

    @Override
    public Mono<ApiVersionsResponse> handle(RequestContext context, ApiVersionsRequest request) {
        ApiVersionsResponse response = new ApiVersionsResponse().apiKeys(table())
            // Transactions V2 (KIP-890): the Java producer uses it only when it is finalized at level 2.
            .supportedFeatures(List.of(new ApiVersionsResponse.SupportedFeatureKey().name(TRANSACTION_VERSION)
                .minVersion((short) 0).maxVersion(TRANSACTIONS_V2)))
            .finalizedFeaturesEpoch(FEATURES_EPOCH)
            .finalizedFeatures(List.of(new ApiVersionsResponse.FinalizedFeatureKey().name(TRANSACTION_VERSION)
                .minVersionLevel(TRANSACTIONS_V2).maxVersionLevel(TRANSACTIONS_V2)));
        if (context.apiVersion() >= 3 && !(valid(request.clientSoftwareName())
            && valid(request.clientSoftwareVersion()))) {
            response.errorCode(ErrorCode.INVALID_REQUEST.code());
        }
        return Mono.just(response);
    }

    private List<ApiVersionsResponse.ApiVersion> table() {
        List<ApiVersionsResponse.ApiVersion> out = new ArrayList<>();
        advertised.get().forEach((key, range) -> out.add(new ApiVersionsResponse.ApiVersion()
            .apiKey(key.id()).minVersion(range.lowest()).maxVersion(range.highest())));
        return out;
    }

    private static boolean valid(String s) {
        return s != null && SOFTWARE.matcher(s).matches();
    }
}
