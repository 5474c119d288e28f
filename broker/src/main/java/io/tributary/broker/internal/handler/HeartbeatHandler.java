package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.HeartbeatRequest;
import io.tributary.protocol.message.HeartbeatResponse;
import reactor.core.publisher.Mono;

/**
 * Heartbeat v0-4: keeps a member's session alive and tells it when to rejoin (REBALANCE_IN_PROGRESS). Answered at
 * once from memory. Thread-safe.
 */
public final class HeartbeatHandler implements RequestHandler<HeartbeatRequest, HeartbeatResponse> {
    private final GroupCoordinator groups;

    public HeartbeatHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.HEARTBEAT;
    }

    @Override
    public VersionRange versions() {
        return Versions.HEARTBEAT;
    }

    @Override
    public Mono<HeartbeatResponse> handle(RequestContext context, HeartbeatRequest request) {
        return Mono.fromSupplier(() -> new HeartbeatResponse().errorCode(groups.heartbeat(request.groupId(),
            request.memberId(), request.groupInstanceId(), request.generationId()).code()));
    }
}
