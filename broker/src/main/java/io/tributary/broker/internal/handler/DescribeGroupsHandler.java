package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.GroupDescription;
import io.tributary.broker.internal.group.GroupState;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.DescribeGroupsRequest;
import io.tributary.protocol.message.DescribeGroupsResponse;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * DescribeGroups v0-6: state, protocol type, selected protocol and members of each group; member metadata and
 * assignments only while the group is Stable. An unknown group is described as Dead, with GROUP_ID_NOT_FOUND from
 * v6. Authorized operations are not reported. Thread-safe.
 */
public final class DescribeGroupsHandler implements RequestHandler<DescribeGroupsRequest, DescribeGroupsResponse> {
    private final GroupCoordinator groups;

    public DescribeGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_GROUPS;
    }

    @Override
    public VersionRange versions() {
        return Versions.DESCRIBE_GROUPS;
    }

    @Override
    public Mono<DescribeGroupsResponse> handle(RequestContext context, DescribeGroupsRequest request) {
        return Mono.fromSupplier(() -> {
            List<DescribeGroupsResponse.DescribedGroup> out = new ArrayList<>();
            for (String id : request.groups()) {
                out.add(describe(id, context.apiVersion()));
            }
            return new DescribeGroupsResponse().groups(out);
        });
    }

    private DescribeGroupsResponse.DescribedGroup describe(String groupId, short version) {
        DescribeGroupsResponse.DescribedGroup out = new DescribeGroupsResponse.DescribedGroup().groupId(groupId);
        ErrorCode error = groups.checkGroup(groupId);
        if (error != ErrorCode.NONE) {
            return out.errorCode(error.code()).groupState(GroupState.DEAD.kafkaName());
        }
        GroupDescription g = groups.describe(groupId);
        if (g == null) {
            out.groupState(GroupState.DEAD.kafkaName());
            if (version >= 6) {
                out.errorCode(ErrorCode.GROUP_ID_NOT_FOUND.code())
                    .errorMessage("Group " + groupId + " not found.");
            }
            return out;
        }
        List<DescribeGroupsResponse.DescribedGroupMember> members = new ArrayList<>();
        for (GroupDescription.Member m : g.members()) {
            members.add(new DescribeGroupsResponse.DescribedGroupMember().memberId(m.memberId())
                .groupInstanceId(m.groupInstanceId()).clientId(m.clientId()).clientHost(m.clientHost())
                .memberMetadata(m.metadata()).memberAssignment(m.assignment()));
        }
        return out.errorCode(ErrorCode.NONE.code()).groupState(g.state().kafkaName())
            .protocolType(g.protocolType()).protocolData(g.protocolData()).members(members);
    }
}
