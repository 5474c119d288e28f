package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import io.tributary.consumer.PartitionAssignor;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.LeaveGroupRequest;
import io.tributary.protocol.message.LeaveGroupResponse;
import io.tributary.protocol.message.SyncGroupRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The classic protocol's JoinGroup, SyncGroup and LeaveGroup requests of one member, every field set: the codec
 * writes those the negotiated version has. LeaveGroup is also sent from here. Stateless.
 */
final class ClassicRequests {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicRequests.class);

    private ClassicRequests() {
    }

    /** JoinGroup with one protocol per assignor (in preference order), each with the member's subscription. */
    static JoinGroupRequest join(GroupSettings settings, List<PartitionAssignor> assignors, String memberId,
                                 int generation, List<String> topics, Set<TopicPartition> owned) {
        List<JoinGroupRequest.JoinGroupRequestProtocol> protocols = new ArrayList<>();
        for (PartitionAssignor assignor : assignors) {
            protocols.add(new JoinGroupRequest.JoinGroupRequestProtocol()
                .name(assignor.name())
                .metadata(ConsumerProtocolCodec.subscription(topics, assignor.userData(generation), owned, generation,
                    settings.rackId())));
        }
        return new JoinGroupRequest()
            .groupId(settings.groupId())
            .sessionTimeoutMs(millis(settings.sessionTimeout()))
            .rebalanceTimeoutMs(millis(settings.rebalanceTimeout()))
            .memberId(memberId)
            .groupInstanceId(settings.groupInstanceId())
            .protocolType(ConsumerProtocolCodec.PROTOCOL_TYPE)
            .protocols(protocols);
    }

    /** SyncGroup; {@code assignments} is empty but for the leader. */
    static SyncGroupRequest sync(GroupSettings settings, String memberId, int generation, String protocol,
                                 List<SyncGroupRequest.SyncGroupRequestAssignment> assignments) {
        return new SyncGroupRequest()
            .groupId(settings.groupId())
            .generationId(generation)
            .memberId(memberId)
            .groupInstanceId(settings.groupInstanceId())
            .protocolType(ConsumerProtocolCodec.PROTOCOL_TYPE)
            .protocolName(protocol)
            .assignments(assignments);
    }

    /** Sends LeaveGroup for dynamic member {@code memberId} once; completes when answered, failures logged. */
    static Mono<Void> leave(GroupCoordinatorLink coordinator, String memberId) {
        return leave(coordinator, memberId, "the consumer is leaving the group");
    }

    /** {@link #leave(GroupCoordinatorLink, String)} with the reason the coordinator logs. */
    static Mono<Void> leave(GroupCoordinatorLink coordinator, String memberId, String reason) {
        LeaveGroupRequest request = new LeaveGroupRequest()
            .groupId(coordinator.groupId())
            .memberId(memberId)
            .members(List.of(new LeaveGroupRequest.MemberIdentity()
                .memberId(memberId)
                .reason(reason)));
        return coordinator.send(request, LeaveGroupResponse.class)
            .doOnNext(r -> LOG.info("Group {}: member {} left ({})", coordinator.groupId(), memberId,
                ErrorCode.forCode(r.errorCode())))
            .onErrorResume(e -> {
                LOG.info("Group {}: LeaveGroup of member {} failed: {}", coordinator.groupId(), memberId, e.toString());
                return Mono.empty();
            })
            .then();
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
