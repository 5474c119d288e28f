package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.EmbeddedBroker;
import io.tributary.broker.support.WireClient;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DescribeGroupsRequest;
import io.tributary.protocol.message.DescribeGroupsResponse;
import io.tributary.protocol.message.FindCoordinatorRequest;
import io.tributary.protocol.message.FindCoordinatorResponse;
import io.tributary.protocol.message.HeartbeatRequest;
import io.tributary.protocol.message.HeartbeatResponse;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.LeaveGroupRequest;
import io.tributary.protocol.message.LeaveGroupResponse;
import io.tributary.protocol.message.ListGroupsRequest;
import io.tributary.protocol.message.ListGroupsResponse;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetCommitResponse;
import io.tributary.protocol.message.OffsetDeleteRequest;
import io.tributary.protocol.message.OffsetDeleteResponse;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.OffsetFetchResponse;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.protocol.message.SyncGroupResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The group APIs at the edges of their version ranges, spoken with the project's own codec. */
final class GroupWireTest {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.create(BrokerConfig.defaults().set("group.initial.rebalance.delay.ms", "0")).start();
        broker.createTopic("wire", 2);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void findCoordinatorAnswersWithThisNodeForGroupsAndTransactionsOnly() throws Exception {
        try (WireClient c = new WireClient(broker.port())) {
            FindCoordinatorResponse v0 = c.send(new FindCoordinatorRequest().key("g"), 0);
            assertThat(v0.errorCode()).isZero();
            assertThat(v0.nodeId()).isEqualTo(1);
            assertThat(v0.port()).isEqualTo(broker.port());
            FindCoordinatorResponse txn = c.send(new FindCoordinatorRequest().key("tx").keyType((byte) 1), 3);
            assertThat(txn.errorCode()).isZero();
            FindCoordinatorResponse batch = c.send(new FindCoordinatorRequest()
                .coordinatorKeys(List.of("a", "b")), 4);
            assertThat(batch.coordinators()).extracting(FindCoordinatorResponse.Coordinator::key)
                .containsExactly("a", "b");
            assertThat(batch.coordinators()).allSatisfy(co -> assertThat(co.port()).isEqualTo(broker.port()));
            FindCoordinatorResponse share = c.send(new FindCoordinatorRequest().keyType((byte) 2)
                .coordinatorKeys(List.of("s")), 6);
            assertThat(share.coordinators().get(0).errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST.code());
        }
    }

    @Test
    void aVersionZeroMemberJoinsSyncsHeartbeatsAndLeaves() throws Exception {
        try (WireClient c = new WireClient(broker.port())) {
            JoinGroupResponse join = c.send(joinRequest("v0-group", "", 10_000), 0);
            assertThat(join.errorCode()).isZero();
            assertThat(join.generationId()).isEqualTo(1);
            assertThat(join.protocolName()).isEqualTo("range");
            assertThat(join.memberId()).startsWith("test-");
            assertThat(join.leader()).isEqualTo(join.memberId());
            assertThat(join.members()).hasSize(1);
            SyncGroupResponse sync = c.send(new SyncGroupRequest().groupId("v0-group").generationId(1)
                .memberId(join.memberId()).assignments(List.of(new SyncGroupRequest.SyncGroupRequestAssignment()
                    .memberId(join.memberId()).assignment(new byte[] {4, 2}))), 0);
            assertThat(sync.errorCode()).isZero();
            assertThat(sync.assignment()).containsExactly(4, 2);
            HeartbeatResponse beat = c.send(new HeartbeatRequest().groupId("v0-group").generationId(1)
                .memberId(join.memberId()), 0);
            assertThat(beat.errorCode()).isZero();
            LeaveGroupResponse leave = c.send(new LeaveGroupRequest().groupId("v0-group")
                .memberId(join.memberId()), 0);
            assertThat(leave.errorCode()).isZero();
            HeartbeatResponse gone = c.send(new HeartbeatRequest().groupId("v0-group").generationId(1)
                .memberId(join.memberId()), 0);
            assertThat(gone.errorCode()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID.code());
        }
    }

    @Test
    void joinChecksTheMemberIdRoundTripAndTheSessionTimeout() throws Exception {
        try (WireClient c = new WireClient(broker.port())) {
            JoinGroupResponse first = c.send(joinRequest("v4-group", "", 10_000), 4);
            assertThat(first.errorCode()).isEqualTo(ErrorCode.MEMBER_ID_REQUIRED.code());
            assertThat(first.memberId()).startsWith("test-");
            JoinGroupResponse tooShort = c.send(joinRequest("v4-group", first.memberId(), 1_000), 9);
            assertThat(tooShort.errorCode()).isEqualTo(ErrorCode.INVALID_SESSION_TIMEOUT.code());
            JoinGroupResponse joined = c.send(joinRequest("v4-group", first.memberId(), 10_000), 9);
            assertThat(joined.errorCode()).isZero();
            assertThat(joined.memberId()).isEqualTo(first.memberId());
            assertThat(joined.protocolType()).isEqualTo("consumer");
        }
    }

    @Test
    void offsetCommitAndFetchAcrossVersions() throws Exception {
        try (WireClient c = new WireClient(broker.port())) {
            OffsetCommitResponse commit = c.send(new OffsetCommitRequest().groupId("wire-group").memberId("")
                .generationIdOrMemberEpoch(-1).topics(List.of(
                    commitTopic("wire", 0, 12, "ok"), commitTopic("wire", 5, 1, ""), commitTopic("nope", 0, 1, ""),
                    commitTopic("wire", 1, 13, "x".repeat(4097)))), 2);
            List<Short> errors = new ArrayList<>();
            commit.topics().forEach(t -> t.partitions().forEach(p -> errors.add(p.errorCode())));
            // Grouped by topic: wire 0, 5, 1 then nope 0.
            assertThat(errors).containsExactly(ErrorCode.NONE.code(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(),
                ErrorCode.OFFSET_METADATA_TOO_LARGE.code(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());

            OffsetFetchResponse v1 = c.send(new OffsetFetchRequest().groupId("wire-group").topics(List.of(
                new OffsetFetchRequest.OffsetFetchRequestTopic().name("wire").partitionIndexes(List.of(0, 3)))), 1);
            assertThat(v1.topics().get(0).partitions()).extracting(p -> p.committedOffset()).containsExactly(12L, -1L);
            assertThat(v1.topics().get(0).partitions().get(0).metadata()).isEqualTo("ok");
            OffsetFetchResponse all = c.send(new OffsetFetchRequest().groupId("wire-group").topics(null), 7);
            assertThat(all.errorCode()).isZero();
            assertThat(all.topics()).singleElement().satisfies(t -> assertThat(t.partitions()).hasSize(1));
            OffsetFetchResponse batched = c.send(new OffsetFetchRequest().groups(List.of(
                new OffsetFetchRequest.OffsetFetchRequestGroup().groupId("wire-group").topics(null),
                new OffsetFetchRequest.OffsetFetchRequestGroup().groupId("unknown-group").topics(List.of(
                    new OffsetFetchRequest.OffsetFetchRequestTopics().name("wire").partitionIndexes(List.of(0)))))),
                9);
            assertThat(batched.groups().get(0).topics().get(0).partitions().get(0).committedOffset()).isEqualTo(12);
            assertThat(batched.groups().get(1).topics().get(0).partitions().get(0).committedOffset()).isEqualTo(-1);

            OffsetDeleteResponse unknown = c.send(new OffsetDeleteRequest().groupId("unknown-group"), 0);
            assertThat(unknown.errorCode()).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND.code());
        }
    }

    @Test
    void describeAndListGroupsFollowTheirVersions() throws Exception {
        try (WireClient c = new WireClient(broker.port())) {
            c.send(new OffsetCommitRequest().groupId("listed").memberId("").generationIdOrMemberEpoch(-1)
                .topics(List.of(commitTopic("wire", 0, 1, ""))), 8);
            DescribeGroupsResponse v5 = c.send(new DescribeGroupsRequest().groups(List.of("missing", "listed")), 5);
            assertThat(v5.groups().get(0).errorCode()).isZero();
            assertThat(v5.groups().get(0).groupState()).isEqualTo("Dead");
            assertThat(v5.groups().get(1).groupState()).isEqualTo("Empty");
            DescribeGroupsResponse v6 = c.send(new DescribeGroupsRequest().groups(List.of("missing")), 6);
            assertThat(v6.groups().get(0).errorCode()).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND.code());

            assertThat(groupIds(c.send(new ListGroupsRequest().statesFilter(List.of("empty")), 4))).contains("listed");
            assertThat(groupIds(c.send(new ListGroupsRequest().statesFilter(List.of("Stable")), 4)))
                .doesNotContain("listed");
            assertThat(groupIds(c.send(new ListGroupsRequest().typesFilter(List.of("consumer")), 5))).isEmpty();
            ListGroupsResponse classic = c.send(new ListGroupsRequest().typesFilter(List.of("Classic")), 5);
            assertThat(classic.groups()).filteredOn(g -> g.groupId().equals("listed")).singleElement()
                .satisfies(g -> {
                    assertThat(g.groupType()).isEqualTo("classic");
                    assertThat(g.groupState()).isEqualTo("Empty");
                    assertThat(g.protocolType()).isEmpty();
                });
        }
    }

    private static JoinGroupRequest joinRequest(String group, String memberId, int sessionTimeoutMs) {
        return new JoinGroupRequest().groupId(group).memberId(memberId).sessionTimeoutMs(sessionTimeoutMs)
            .rebalanceTimeoutMs(10_000).protocolType("consumer").protocols(List.of(
                new JoinGroupRequest.JoinGroupRequestProtocol().name("range").metadata(new byte[] {0, 0})));
    }

    private static OffsetCommitRequest.OffsetCommitRequestTopic commitTopic(String topic, int partition, long offset,
                                                                            String metadata) {
        return new OffsetCommitRequest.OffsetCommitRequestTopic().name(topic).partitions(List.of(
            new OffsetCommitRequest.OffsetCommitRequestPartition().partitionIndex(partition).committedOffset(offset)
                .committedMetadata(metadata)));
    }

    private static List<String> groupIds(ListGroupsResponse response) {
        return response.groups().stream().map(ListGroupsResponse.ListedGroup::groupId).toList();
    }
}
