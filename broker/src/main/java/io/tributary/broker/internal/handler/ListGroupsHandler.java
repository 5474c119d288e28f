package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.GroupDescription;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.ListGroupsRequest;
import io.tributary.protocol.message.ListGroupsResponse;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * ListGroups v0-5: every group with its protocol type, state (v4+) and type (v5+, always {@code classic}), filtered
 * by state (v4+) and type (v5+), both case-insensitively. Thread-safe.
 */
public final class ListGroupsHandler implements RequestHandler<ListGroupsRequest, ListGroupsResponse> {
    private static final String TYPE = "classic";

    private final GroupCoordinator groups;

    public ListGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_GROUPS;
    }

    @Override
    public VersionRange versions() {
        return Versions.LIST_GROUPS;
    }

    @Override
    public Mono<ListGroupsResponse> handle(RequestContext context, ListGroupsRequest request) {
        return Mono.fromSupplier(() -> answer(context.apiVersion(), request));
    }

    private ListGroupsResponse answer(short version, ListGroupsRequest request) {
        if (!groups.isLoaded()) {
            return new ListGroupsResponse().errorCode(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS.code());
        }
        List<String> states = version >= 4 ? request.statesFilter() : List.of();
        List<String> types = version >= 5 ? request.typesFilter() : List.of();
        boolean typeMatches = types.isEmpty() || types.stream().anyMatch(TYPE::equalsIgnoreCase);
        List<ListGroupsResponse.ListedGroup> out = new ArrayList<>();
        if (typeMatches) {
            for (GroupDescription g : groups.list()) {
                if (states.isEmpty() || states.stream().anyMatch(s -> g.state().matches(s))) {
                    out.add(new ListGroupsResponse.ListedGroup().groupId(g.groupId()).protocolType(g.protocolType())
                        .groupState(g.state().kafkaName()).groupType(TYPE));
                }
            }
        }
        return new ListGroupsResponse().errorCode(ErrorCode.NONE.code()).groups(out);
    }
}
