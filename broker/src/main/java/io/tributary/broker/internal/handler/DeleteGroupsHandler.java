package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.DeleteGroupsRequest;
import io.tributary.protocol.message.DeleteGroupsResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * DeleteGroups v0-2: deletes each group without members, with its offsets (tombstones in
 * {@code __consumer_offsets}); NON_EMPTY_GROUP while members remain, GROUP_ID_NOT_FOUND for unknown groups.
 * Thread-safe.
 */
public final class DeleteGroupsHandler implements RequestHandler<DeleteGroupsRequest, DeleteGroupsResponse> {
    private final GroupCoordinator groups;

    public DeleteGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_GROUPS;
    }

    @Override
    public VersionRange versions() {
        return Versions.DELETE_GROUPS;
    }

    @Override
    public Mono<DeleteGroupsResponse> handle(RequestContext context, DeleteGroupsRequest request) {
        return Flux.fromIterable(request.groupsNames())
            .concatMap(id -> groups.delete(id)
                .map(error -> new DeleteGroupsResponse.DeletableGroupResult().groupId(id).errorCode(error.code())))
            .collectList()
            .map(results -> new DeleteGroupsResponse().results(results));
    }
}
