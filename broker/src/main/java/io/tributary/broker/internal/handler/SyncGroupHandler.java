package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.protocol.message.SyncGroupResponse;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * SyncGroup v0-5: the leader delivers the assignments; followers are parked, without a thread, until it does. v3+
 * carry the static instance id, v5 the protocol type and name, which must match the group's. Thread-safe.
 */
public final class SyncGroupHandler implements RequestHandler<SyncGroupRequest, SyncGroupResponse> {
    private final GroupCoordinator groups;

    public SyncGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.SYNC_GROUP;
    }

    @Override
    public VersionRange versions() {
        return Versions.SYNC_GROUP;
    }

    @Override
    public Mono<SyncGroupResponse> handle(RequestContext context, SyncGroupRequest request) {
        Map<String, byte[]> assignments = new HashMap<>();
        request.assignments().forEach(a -> assignments.put(a.memberId(), a.assignment()));
        return groups.sync(request.groupId(), request.memberId(), request.groupInstanceId(), request.generationId(),
                request.protocolType(), request.protocolName(), assignments)
            .map(r -> new SyncGroupResponse().errorCode(r.error().code()).protocolType(r.protocolType())
                .protocolName(r.protocolName()).assignment(r.assignment()));
    }
}
