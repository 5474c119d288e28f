package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.JoinParams;
import io.tributary.broker.internal.group.JoinResult;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.JoinGroupResponse;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * JoinGroup v0-9 (PROTOCOL.md 5.6): parks the request until the group's join phase ends, without holding a thread.
 * v0 has no rebalance timeout (the session timeout serves), v4+ first joins get MEMBER_ID_REQUIRED, v5+ carry a
 * static instance id, v9 may tell a rejoining static leader to skip the assignment. Thread-safe.
 */
public final class JoinGroupHandler implements RequestHandler<JoinGroupRequest, JoinGroupResponse> {
    private final GroupCoordinator groups;

    public JoinGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.JOIN_GROUP;
    }

    @Override
    public VersionRange versions() {
        return Versions.JOIN_GROUP;
    }

    @Override
    public Mono<JoinGroupResponse> handle(RequestContext context, JoinGroupRequest request) {
        short version = context.apiVersion();
        List<JoinParams.Protocol> protocols = new ArrayList<>();
        request.protocols().forEach(p -> protocols.add(new JoinParams.Protocol(p.name(), p.metadata())));
        int rebalanceTimeout = version >= 1 ? request.rebalanceTimeoutMs() : request.sessionTimeoutMs();
        JoinParams params = new JoinParams(request.memberId(), request.groupInstanceId(), context.clientId(),
            clientHost(context.remoteAddress()), rebalanceTimeout, request.sessionTimeoutMs(), request.protocolType(),
            protocols, version >= 4, version >= 9);
        return groups.join(request.groupId(), params).map(r -> response(r, version));
    }

    private static JoinGroupResponse response(JoinResult r, short version) {
        List<JoinGroupResponse.JoinGroupResponseMember> members = new ArrayList<>();
        for (JoinResult.Member m : r.members()) {
            members.add(new JoinGroupResponse.JoinGroupResponseMember().memberId(m.memberId())
                .groupInstanceId(m.groupInstanceId()).metadata(m.metadata()));
        }
        String protocolName = r.protocolName() == null && version < 7 ? "" : r.protocolName();
        return new JoinGroupResponse().errorCode(r.error().code()).generationId(r.generationId())
            .protocolType(r.protocolType()).protocolName(protocolName).leader(r.leaderId())
            .skipAssignment(r.skipAssignment()).memberId(r.memberId()).members(members);
    }

    /** The client's address as Kafka shows it, e.g. {@code /127.0.0.1}. */
    static String clientHost(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? "/" + inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(address);
    }
}
