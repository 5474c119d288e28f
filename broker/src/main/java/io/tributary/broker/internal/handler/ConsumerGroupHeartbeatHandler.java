package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequest;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponse;
import reactor.core.publisher.Mono;

/**
 * ConsumerGroupHeartbeat v0-1 (KIP-848): joins (epoch 0), heartbeats, leaves (-1, or -2 for a static member) of
 * consumer-protocol groups; v1 members bring their own member id. Answered once the group's records are written.
 * Registered only when {@code group.coordinator.rebalance.protocols} contains {@code consumer}. Thread-safe.
 */
public final class ConsumerGroupHeartbeatHandler
    implements RequestHandler<ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse> {
    private final GroupCoordinator groups;

    public ConsumerGroupHeartbeatHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CONSUMER_GROUP_HEARTBEAT;
    }

    @Override
    public VersionRange versions() {
        return Versions.CONSUMER_GROUP_HEARTBEAT;
    }

    @Override
    public Mono<ConsumerGroupHeartbeatResponse> handle(RequestContext context, ConsumerGroupHeartbeatRequest request) {
        return Mono.defer(() -> {
            ErrorCode error = groups.checkGroup(request.groupId());
            if (error == ErrorCode.INVALID_GROUP_ID) {
                error = ErrorCode.INVALID_REQUEST;
            }
            if (error != ErrorCode.NONE) {
                return Mono.just(new ConsumerGroupHeartbeatResponse().errorCode(error.code())
                    .errorMessage(error == ErrorCode.INVALID_REQUEST ? "GroupId can't be empty." : null));
            }
            return groups.consumers().heartbeat(request, context.apiVersion(), context.clientId(),
                JoinGroupHandler.clientHost(context.remoteAddress()), groups::classicInUse);
        });
    }
}
