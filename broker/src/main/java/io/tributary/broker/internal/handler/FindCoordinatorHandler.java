package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.FindCoordinatorRequest;
import io.tributary.protocol.message.FindCoordinatorResponse;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * FindCoordinator v0-6: this single node coordinates every group (key type 0) and every transactional id (key
 * type 1), so both are answered with the advertised endpoint; share groups (key type 2) and unknown key types get
 * INVALID_REQUEST. From v4 several keys are looked up at once. Stateless and thread-safe.
 */
public final class FindCoordinatorHandler implements RequestHandler<FindCoordinatorRequest, FindCoordinatorResponse> {
    private final BrokerContext broker;

    public FindCoordinatorHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FIND_COORDINATOR;
    }

    @Override
    public VersionRange versions() {
        return Versions.FIND_COORDINATOR;
    }

    @Override
    public Mono<FindCoordinatorResponse> handle(RequestContext context, FindCoordinatorRequest request) {
        byte keyType = context.apiVersion() >= 1 ? request.keyType() : 0;
        boolean supported = keyType == 0 || keyType == 1;
        if (context.apiVersion() >= 4) {
            List<FindCoordinatorResponse.Coordinator> out = new ArrayList<>();
            for (String key : request.coordinatorKeys()) {
                FindCoordinatorResponse.Coordinator c = new FindCoordinatorResponse.Coordinator().key(key);
                if (supported) {
                    c.nodeId(broker.nodeId()).host(broker.host()).port(broker.port())
                        .errorCode(ErrorCode.NONE.code()).errorMessage(null);
                } else {
                    c.nodeId(-1).host("").port(-1).errorCode(ErrorCode.INVALID_REQUEST.code())
                        .errorMessage(unsupported(keyType));
                }
                out.add(c);
            }
            return Mono.just(new FindCoordinatorResponse().coordinators(out));
        }
        FindCoordinatorResponse r = new FindCoordinatorResponse();
        if (supported) {
            r.nodeId(broker.nodeId()).host(broker.host()).port(broker.port()).errorCode(ErrorCode.NONE.code())
                .errorMessage(null);
        } else {
            r.nodeId(-1).host("").port(-1).errorCode(ErrorCode.INVALID_REQUEST.code())
                .errorMessage(unsupported(keyType));
        }
        return Mono.just(r);
    }

    private static String unsupported(byte keyType) {
        return keyType == 2 ? "Share groups are not supported" : "Unknown coordinator key type " + keyType;
    }
}
