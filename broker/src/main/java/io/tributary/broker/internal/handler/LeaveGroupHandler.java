package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.group.ClassicGroup;
import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.LeaveGroupRequest;
import io.tributary.protocol.message.LeaveGroupResponse;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * LeaveGroup v0-5: v0-2 remove one member and answer with its error; v3+ remove a batch (a member may be named by
 * its static instance id alone) and answer per member. Answered at once from memory. Thread-safe.
 */
public final class LeaveGroupHandler implements RequestHandler<LeaveGroupRequest, LeaveGroupResponse> {
    private final GroupCoordinator groups;

    public LeaveGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LEAVE_GROUP;
    }

    @Override
    public VersionRange versions() {
        return Versions.LEAVE_GROUP;
    }

    @Override
    public Mono<LeaveGroupResponse> handle(RequestContext context, LeaveGroupRequest request) {
        return Mono.fromSupplier(() -> answer(context.apiVersion() >= 3, request));
    }

    private LeaveGroupResponse answer(boolean batch, LeaveGroupRequest request) {
        List<ClassicGroup.LeavingMember> leaving = new ArrayList<>();
        if (batch) {
            request.members().forEach(m -> leaving.add(new ClassicGroup.LeavingMember(m.memberId(),
                m.groupInstanceId())));
        } else {
            leaving.add(new ClassicGroup.LeavingMember(request.memberId(), null));
        }
        GroupCoordinator.LeaveResult result = groups.leave(request.groupId(), leaving);
        if (result.error() != ErrorCode.NONE) {
            return new LeaveGroupResponse().errorCode(result.error().code());
        }
        if (!batch) {
            return new LeaveGroupResponse().errorCode(result.members().get(0).code());
        }
        List<LeaveGroupResponse.MemberResponse> members = new ArrayList<>();
        for (int i = 0; i < leaving.size(); i++) {
            members.add(new LeaveGroupResponse.MemberResponse().memberId(leaving.get(i).memberId())
                .groupInstanceId(leaving.get(i).groupInstanceId()).errorCode(result.members().get(i).code()));
        }
        return new LeaveGroupResponse().members(members);
    }
}
