package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.EmbeddedBroker;
import io.tributary.broker.support.WireClient;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ConsumerGroupDescribeRequest;
import io.tributary.protocol.message.ConsumerGroupDescribeResponse;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequest;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponse;
import io.tributary.protocol.message.DescribeGroupsRequest;
import io.tributary.protocol.message.DescribeGroupsResponse;
import io.tributary.protocol.message.HeartbeatRequest;
import io.tributary.protocol.message.HeartbeatResponse;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.ListGroupsRequest;
import io.tributary.protocol.message.ListGroupsResponse;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetCommitResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ConsumerGroupHeartbeat and friends spoken raw: Kafka's error codes for bad input, and no state change. */
final class ConsumerGroupWireTest {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.create(GroupClients.fastGroups()).start();
        broker.createTopic("cg-wire", 2);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void badHeartbeatsAndCommitsGetTheirErrorsAndLeaveTheGroupAsItWas() throws Exception {
        try (WireClient c = new WireClient(broker.port())) {
            ConsumerGroupHeartbeatResponse joined = c.send(join("cg", "m1"), 1);
            assertThat(joined.errorCode()).isZero();
            assertThat(joined.memberEpoch()).isEqualTo(1);
            assertThat(joined.heartbeatIntervalMs()).isEqualTo(300);
            assertThat(joined.assignment().topicPartitions()).singleElement()
                .satisfies(t -> assertThat(t.partitions()).containsExactlyInAnyOrder(0, 1));
            ConsumerGroupDescribeResponse.DescribedGroup before = describe(c, "cg");

            ConsumerGroupHeartbeatResponse unknown = c.send(beat("cg", "ghost", 1), 1);
            assertThat(unknown.errorCode()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID.code());
            ConsumerGroupHeartbeatResponse fenced = c.send(beat("cg", "m1", 5), 1);
            assertThat(fenced.errorCode()).isEqualTo(ErrorCode.FENCED_MEMBER_EPOCH.code());
            assertThat(fenced.errorMessage()).contains("greater member epoch (5)");
            ConsumerGroupHeartbeatResponse assignor = c.send(join("cg", "m2").serverAssignor("sticky"), 1);
            assertThat(assignor.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_ASSIGNOR.code());
            ConsumerGroupHeartbeatResponse noId = c.send(join("cg", ""), 1);
            assertThat(noId.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST.code());
            OffsetCommitResponse stale = c.send(commit("cg", "m1", 0), 9);
            assertThat(stale.topics().get(0).partitions().get(0).errorCode())
                .isEqualTo(ErrorCode.STALE_MEMBER_EPOCH.code());
            OffsetCommitResponse stranger = c.send(commit("cg", "ghost", 1), 9);
            assertThat(stranger.topics().get(0).partitions().get(0).errorCode())
                .isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID.code());

            assertThat(describe(c, "cg")).isEqualTo(before);
            OffsetCommitResponse ok = c.send(commit("cg", "m1", 1), 9);
            assertThat(ok.topics().get(0).partitions().get(0).errorCode()).isZero();
        }
    }

    @Test
    void aClassicMemberWithAnOldGenerationGetsIllegalGeneration() throws Exception {
        try (WireClient c = new WireClient(broker.port())) {
            JoinGroupResponse join = c.send(classicJoin("classic-wire", ""), 0);
            assertThat(join.errorCode()).isZero();
            HeartbeatResponse beat = c.send(new HeartbeatRequest().groupId("classic-wire").generationId(7)
                .memberId(join.memberId()), 0);
            assertThat(beat.errorCode()).isEqualTo(ErrorCode.ILLEGAL_GENERATION.code());
            OffsetCommitResponse commit = c.send(commit("classic-wire", join.memberId(), 7), 8);
            assertThat(commit.topics().get(0).partitions().get(0).errorCode())
                .isEqualTo(ErrorCode.ILLEGAL_GENERATION.code());
            // The classic group keeps its id against the consumer protocol, and the other way round.
            ConsumerGroupHeartbeatResponse taken = c.send(join("classic-wire", "m9"), 1);
            assertThat(taken.errorCode()).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND.code());
            c.send(join("cg-owned", "m1"), 1);
            JoinGroupResponse refused = c.send(classicJoin("cg-owned", ""), 0);
            assertThat(refused.errorCode()).isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL.code());
            ConsumerGroupDescribeResponse notConsumer = c.send(new ConsumerGroupDescribeRequest()
                .groupIds(List.of("classic-wire")), 1);
            assertThat(notConsumer.groups().get(0).errorCode()).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND.code());
        }
    }

    @Test
    void staticMembersHoldTheirInstanceIdUntilTheyLeaveForNow() throws Exception {
        try (WireClient c = new WireClient(broker.port())) {
            ConsumerGroupHeartbeatResponse first = c.send(join("cg-static", "s1").instanceId("inst"), 1);
            assertThat(first.errorCode()).isZero();
            ConsumerGroupHeartbeatResponse second = c.send(join("cg-static", "s2").instanceId("inst"), 1);
            assertThat(second.errorCode()).isEqualTo(ErrorCode.UNRELEASED_INSTANCE_ID.code());
            ConsumerGroupHeartbeatResponse impostor = c.send(beat("cg-static", "s2", 1).instanceId("inst"), 1);
            assertThat(impostor.errorCode()).isEqualTo(ErrorCode.FENCED_INSTANCE_ID.code());
            ConsumerGroupHeartbeatResponse away = c.send(beat("cg-static", "s1", -2).instanceId("inst"), 1);
            assertThat(away.memberEpoch()).isEqualTo(-2);
            ConsumerGroupHeartbeatResponse back = c.send(join("cg-static", "s2").instanceId("inst"), 1);
            assertThat(back.errorCode()).isZero();
            assertThat(back.memberEpoch()).isEqualTo(first.memberEpoch());
            assertThat(back.assignment()).isEqualTo(first.assignment());
            assertThat(describe(c, "cg-static").members()).singleElement()
                .satisfies(m -> assertThat(m.memberId()).isEqualTo("s2"));
        }
    }

    @Test
    void listAndDescribeGroupsShowConsumerGroupsAsKafkaDoes() throws Exception {
        try (WireClient c = new WireClient(broker.port())) {
            c.send(join("cg-listed", "m1"), 1);
            ListGroupsResponse consumers = c.send(new ListGroupsRequest().typesFilter(List.of("Consumer")), 5);
            assertThat(consumers.groups()).filteredOn(g -> g.groupId().equals("cg-listed")).singleElement()
                .satisfies(g -> {
                    assertThat(g.groupType()).isEqualTo("consumer");
                    assertThat(g.protocolType()).isEqualTo("consumer");
                    assertThat(g.groupState()).isEqualTo("Stable");
                });
            ListGroupsResponse classic = c.send(new ListGroupsRequest().typesFilter(List.of("classic")), 5);
            assertThat(classic.groups()).noneMatch(g -> g.groupId().equals("cg-listed"));
            ListGroupsResponse reconciling = c.send(new ListGroupsRequest().statesFilter(List.of("reconciling")), 5);
            assertThat(reconciling.groups()).noneMatch(g -> g.groupId().equals("cg-listed"));
            DescribeGroupsResponse v5 = c.send(new DescribeGroupsRequest().groups(List.of("cg-listed")), 5);
            assertThat(v5.groups().get(0).groupState()).isEqualTo("Dead");
            DescribeGroupsResponse v6 = c.send(new DescribeGroupsRequest().groups(List.of("cg-listed")), 6);
            assertThat(v6.groups().get(0).errorCode()).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND.code());
            ConsumerGroupDescribeResponse.DescribedGroup d = describe(c, "cg-listed");
            assertThat(d.groupState()).isEqualTo("Stable");
            assertThat(d.members()).singleElement().satisfies(m -> {
                assertThat(m.memberType()).isEqualTo((byte) 1);
                assertThat(m.subscribedTopicNames()).containsExactly("cg-wire");
                assertThat(m.targetAssignment()).isEqualTo(m.assignment());
            });
        }
    }

    private static ConsumerGroupDescribeResponse.DescribedGroup describe(WireClient c, String group)
        throws Exception {
        ConsumerGroupDescribeResponse r = c.send(new ConsumerGroupDescribeRequest().groupIds(List.of(group)), 1);
        return r.groups().get(0);
    }

    private static ConsumerGroupHeartbeatRequest join(String group, String member) {
        return new ConsumerGroupHeartbeatRequest().groupId(group).memberId(member).memberEpoch(0)
            .rebalanceTimeoutMs(10_000).subscribedTopicNames(List.of("cg-wire")).topicPartitions(List.of());
    }

    private static ConsumerGroupHeartbeatRequest beat(String group, String member, int epoch) {
        return new ConsumerGroupHeartbeatRequest().groupId(group).memberId(member).memberEpoch(epoch);
    }

    private static OffsetCommitRequest commit(String group, String member, int epoch) {
        return new OffsetCommitRequest().groupId(group).memberId(member).generationIdOrMemberEpoch(epoch)
            .topics(List.of(new OffsetCommitRequest.OffsetCommitRequestTopic().name("cg-wire").partitions(List.of(
                new OffsetCommitRequest.OffsetCommitRequestPartition().partitionIndex(0).committedOffset(1)))));
    }

    private static JoinGroupRequest classicJoin(String group, String memberId) {
        return new JoinGroupRequest().groupId(group).memberId(memberId).sessionTimeoutMs(10_000)
            .rebalanceTimeoutMs(10_000).protocolType("consumer").protocols(List.of(
                new JoinGroupRequest.JoinGroupRequestProtocol().name("range").metadata(new byte[] {0, 0})));
    }
}
