package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.group.ConsumerGroupCoordinator;
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
 * ListGroups v0-5: every group with its protocol type, state (v4+) and type (v5+: {@code classic}, or {@code consumer}
 * for consumer-protocol groups, whose protocol type is {@code consumer}), filtered by state (v4+) and type (v5+),
 * both case-insensitively. Thread-safe.
 */
public final class ListGroupsHandler implements RequestHandler<ListGroupsRequest, ListGroupsResponse> {
    private static final String CLASSIC = "classic";
    private static final String CONSUMER = "consumer";

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
        List<ListGroupsResponse.ListedGroup> out = new ArrayList<>();
        if (typeMatches(types, CLASSIC)) {
            for (GroupDescription g : groups.list()) {
                if (states.isEmpty() || states.stream().anyMatch(s -> g.state().matches(s.trim()))) {
                    out.add(new ListGroupsResponse.ListedGroup().groupId(g.groupId()).protocolType(g.protocolType())
                        .groupState(g.state().kafkaName()).groupType(CLASSIC));
                }
            }
        }
        if (typeMatches(types, CONSUMER)) {
            for (ConsumerGroupCoordinator.Listed g : groups.consumers().list()) {
                if (states.isEmpty() || states.stream().anyMatch(s -> g.state().matches(s))) {
                    out.add(new ListGroupsResponse.ListedGroup().groupId(g.groupId()).protocolType(CONSUMER)
                        .groupState(g.state().kafkaName()).groupType(CONSUMER));
                }
            }
        }
        return new ListGroupsResponse().errorCode(ErrorCode.NONE.code()).groups(out);
    }

    private static boolean typeMatches(List<String> types, String type) {
        return types.isEmpty() || types.stream().anyMatch(t -> type.equalsIgnoreCase(t.trim()));
    }
}
