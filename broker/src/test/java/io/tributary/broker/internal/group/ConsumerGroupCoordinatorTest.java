package io.tributary.broker.internal.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.internal.metadata.Topic;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ConsumerGroupDescribeResponse;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequest;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consumer-protocol groups in the coordinator: joining, reconciliation with epochs, fencing, errors, reloading. */
final class ConsumerGroupCoordinatorTest {
    private static final Topic ORDERS = new Topic("orders", UUID.randomUUID(), 4, Map.of(), false);
    private static final Topic AUDIT = new Topic("audit", UUID.randomUUID(), 2, Map.of(), false);

    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<CoordinatorRecord> written = new ArrayList<>();
    private final GroupStore store = (groupId, records, done) -> {
        written.addAll(records);
        done.accept(null);
    };
    private GroupCoordinator coordinator;

    @BeforeEach
    void start() {
        coordinator = coordinator(ConsumerGroupConfig.defaults().withTimeouts(500, 6_000));
    }

    private GroupCoordinator coordinator(ConsumerGroupConfig config) {
        GroupCoordinator c = new GroupCoordinator(GroupConfig.defaults(), config, store, clock::get,
            TopicsView.of(List.of(ORDERS, AUDIT)));
        c.restore(Map.of(), Map.of());
        return c;
    }

    @Test
    void aJoiningMemberGetsEveryPartitionInTheNextEpoch() {
        ConsumerGroupHeartbeatResponse r = heartbeat(join("g", "m1", "orders"));
        assertThat(r.errorCode()).isZero();
        assertThat(r.memberId()).isEqualTo("m1");
        assertThat(r.memberEpoch()).isEqualTo(1);
        assertThat(r.heartbeatIntervalMs()).isEqualTo(500);
        assertThat(partitions(r)).containsExactlyInAnyOrder(0, 1, 2, 3);
        ConsumerGroupDescribeResponse.DescribedGroup d = coordinator.consumers().describe("g");
        assertThat(d.groupState()).isEqualTo("Stable");
        assertThat(d.groupEpoch()).isEqualTo(1);
        assertThat(d.assignorName()).isEqualTo("uniform");
        assertThat(d.members()).singleElement().satisfies(m -> {
            assertThat(m.assignment().topicPartitions()).singleElement()
                .satisfies(t -> assertThat(t.topicName()).isEqualTo("orders"));
            assertThat(m.memberEpoch()).isEqualTo(1);
        });
    }

    @Test
    void partitionsMoveOnlyAfterTheirOwnerRevokedThem() {
        heartbeat(join("g", "m1", "orders"));
        ConsumerGroupHeartbeatResponse second = heartbeat(join("g", "m2", "orders"));
        // m2 is in epoch 2 but its partitions are still held by m1: UNRELEASED_PARTITIONS, nothing yet.
        assertThat(second.memberEpoch()).isEqualTo(2);
        assertThat(partitions(second)).isEmpty();
        assertThat(coordinator.consumers().describe("g").groupState()).isEqualTo("Reconciling");

        // m1 still owns all four: it is asked to keep two, and stays in epoch 1 until it revokes the others.
        ConsumerGroupHeartbeatResponse revoke = heartbeat(beat("g", "m1", 1, Map.of(ORDERS.id(), Set.of(0, 1, 2, 3))));
        assertThat(revoke.memberEpoch()).isEqualTo(1);
        Set<Integer> kept = new HashSet<>(partitions(revoke));
        assertThat(kept).hasSize(2);
        assertThat(heartbeat(beat("g", "m2", 2, Map.of())).assignment()).isNull();

        ConsumerGroupHeartbeatResponse acked = heartbeat(beat("g", "m1", 1, Map.of(ORDERS.id(), kept)));
        assertThat(acked.memberEpoch()).isEqualTo(2);
        ConsumerGroupHeartbeatResponse freed = heartbeat(beat("g", "m2", 2, Map.of()));
        assertThat(freed.memberEpoch()).isEqualTo(2);
        assertThat(partitions(freed)).hasSize(2).doesNotContainAnyElementsOf(kept);
        heartbeat(beat("g", "m2", 2, Map.of(ORDERS.id(), new HashSet<>(partitions(freed)))));
        assertThat(coordinator.consumers().describe("g").groupState()).isEqualTo("Stable");
    }

    @Test
    void badHeartbeatsGetKafkasErrorsAndChangeNothing() {
        heartbeat(join("g", "m1", "orders"));
        written.clear();
        assertThat(heartbeat(beat("g", "m1", 7, null)).errorCode()).isEqualTo(ErrorCode.FENCED_MEMBER_EPOCH.code());
        assertThat(heartbeat(beat("g", "ghost", 1, null)).errorCode())
            .isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID.code());
        assertThat(heartbeat(beat("nope", "m1", 1, null)).errorCode())
            .isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND.code());
        assertThat(heartbeat(join("g", "m2", "orders").serverAssignor("sticky")).errorCode())
            .isEqualTo(ErrorCode.UNSUPPORTED_ASSIGNOR.code());
        assertThat(heartbeat(join("g", "m2", "orders").rebalanceTimeoutMs(-1)).errorCode())
            .isEqualTo(ErrorCode.INVALID_REQUEST.code());
        assertThat(heartbeat(join("g", "", "orders")).errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST.code());
        assertThat(heartbeat(join("g", "m2", "orders").memberEpoch(-3)).errorCode())
            .isEqualTo(ErrorCode.INVALID_REQUEST.code());
        ConsumerGroupHeartbeatRequest badPattern = join("g", "m2").subscribedTopicNames(null).subscribedTopicRegex("(");
        assertThat(heartbeat(badPattern).errorCode())
            .isEqualTo(ErrorCode.INVALID_REGULAR_EXPRESSION.code());
        assertThat(written).isEmpty();
        assertThat(coordinator.consumers().describe("g").groupEpoch()).isEqualTo(1);
        assertThat(coordinator.consumers().describe("g").members()).hasSize(1);
    }

    @Test
    void theGroupSizeLimitAndTheClassicGroupsKeepTheirIds() {
        coordinator = coordinator(ConsumerGroupConfig.defaults().withMaxSize(1));
        heartbeat(join("g", "m1", "orders"));
        assertThat(heartbeat(join("g", "m2", "orders")).errorCode())
            .isEqualTo(ErrorCode.GROUP_MAX_SIZE_REACHED.code());
        assertThat(heartbeat(beat("g", "m1", 1, null)).errorCode()).isZero();
        JoinParams classic = GroupTestSupport.join("", "range");
        assertThat(coordinator.join("g", classic).block().error()).isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
        assertThat(coordinator.describe("g")).isNull();
    }

    @Test
    void leavingAndSilentMembersAreFencedAndTheirPartitionsReassigned() {
        heartbeat(join("g", "m1", "orders"));
        heartbeat(join("g", "m2", "orders"));
        ConsumerGroupHeartbeatResponse left = heartbeat(beat("g", "m2", -1, null));
        assertThat(left.memberEpoch()).isEqualTo(-1);
        assertThat(coordinator.consumers().describe("g").groupEpoch()).isEqualTo(3);
        ConsumerGroupHeartbeatResponse all = heartbeat(beat("g", "m1", 1, Map.of(ORDERS.id(), Set.of(0, 1, 2, 3))));
        assertThat(all.memberEpoch()).isEqualTo(3);
        // Its partitions did not change (m2 never got any), so the response carries no assignment.
        assertThat(all.assignment()).isNull();
        assertThat(coordinator.consumers().describe("g").groupState()).isEqualTo("Stable");

        clock.addAndGet(6_001);
        coordinator.tick();
        assertThat(coordinator.consumers().describe("g").groupState()).isEqualTo("Empty");
        assertThat(heartbeat(beat("g", "m1", 3, null)).errorCode()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void offsetCommitsOfMembersAreCheckedAgainstTheirEpoch() {
        heartbeat(join("g", "m1", "orders"));
        TopicPartition tp = new TopicPartition("orders", 0);
        Map<TopicPartition, CommittedOffset> commit = Map.of(tp, new CommittedOffset(5, -1, "", clock.get()));
        assertThat(coordinator.commit("g", "m1", null, 0, commit, (short) 9).block())
            .isEqualTo(ErrorCode.STALE_MEMBER_EPOCH);
        assertThat(coordinator.commit("g", "ghost", null, 1, commit, (short) 9).block())
            .isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(coordinator.commit("g", "", null, -1, commit, (short) 9).block())
            .isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(coordinator.commit("g", "m1", null, 1, commit, (short) 9).block()).isEqualTo(ErrorCode.NONE);
        assertThat(coordinator.committed("g", List.of(tp)).get(tp).offset()).isEqualTo(5);
        assertThat(coordinator.consumers().validateFetch("g", "m1", 0)).isEqualTo(ErrorCode.STALE_MEMBER_EPOCH);
        assertThat(coordinator.consumers().validateFetch("g", null, -1)).isEqualTo(ErrorCode.NONE);
        // The id is the consumer group's: ListGroups and DescribeGroups do not show a classic group for it.
        assertThat(coordinator.list()).extracting(GroupDescription::groupId).doesNotContain("g");
        assertThat(coordinator.delete("g").block()).isEqualTo(ErrorCode.NON_EMPTY_GROUP);
        heartbeat(beat("g", "m1", -1, null));
        assertThat(coordinator.delete("g").block()).isEqualTo(ErrorCode.NONE);
        assertThat(coordinator.consumers().exists("g")).isFalse();
        assertThat(coordinator.committed("g", List.of(tp)).get(tp)).isNull();
    }

    @Test
    void offsetsOfAConsumerGroupExpireOnlyOnceItIsEmptyAndThenTheGroupGoes() {
        heartbeat(join("g", "m1", "orders"));
        TopicPartition tp = new TopicPartition("orders", 1);
        coordinator.commit("g", "m1", null, 1, Map.of(tp, new CommittedOffset(3, -1, "", clock.get())), (short) 9)
            .block();
        long later = clock.get() + GroupConfig.defaults().offsetsRetentionMs() + 1;
        coordinator.expireOffsets(later);
        assertThat(coordinator.committed("g", List.of(tp)).get(tp)).isNotNull();
        heartbeat(beat("g", "m1", -1, null));
        coordinator.expireOffsets(later);
        assertThat(coordinator.committed("g", List.of(tp)).get(tp)).isNull();
        assertThat(coordinator.consumers().exists("g")).isFalse();
        assertThat(written).last().isEqualTo(new ConsumerGroupRecord.GroupEpoch("g", null));
    }

    @Test
    void aReloadedGroupEqualsTheOneThatWroteItsRecords() {
        heartbeat(join("g", "m1", "orders", "audit"));
        heartbeat(join("g", "m2", "orders").instanceId("static-2").serverAssignor("range"));
        heartbeat(beat("g", "m1", 1, Map.of(ORDERS.id(), Set.of(0, 1, 2, 3), AUDIT.id(), Set.of(0, 1))));
        ConsumerGroupDescribeResponse.DescribedGroup before = coordinator.consumers().describe("g");

        Map<String, List<ConsumerGroupRecord>> records = new LinkedHashMap<>();
        for (CoordinatorRecord r : written) {
            // Through the codec, as a reload reads them.
            CoordinatorRecord decoded = CoordinatorRecords.decode(
                io.netty.buffer.Unpooled.wrappedBuffer(CoordinatorRecords.key(r)),
                CoordinatorRecords.value(r) == null ? null
                    : io.netty.buffer.Unpooled.wrappedBuffer(CoordinatorRecords.value(r)));
            assertThat(decoded).isEqualTo(r);
            records.computeIfAbsent(r.groupId(), k -> new ArrayList<>()).add((ConsumerGroupRecord) decoded);
        }
        GroupCoordinator reloaded = new GroupCoordinator(GroupConfig.defaults(), ConsumerGroupConfig.defaults(),
            GroupStore.NONE, clock::get, TopicsView.of(List.of(ORDERS, AUDIT)));
        reloaded.consumers().restore(records, clock.get());
        reloaded.restore(Map.of(), Map.of());
        assertThat(reloaded.consumers().describe("g")).isEqualTo(before);
        assertThat(before.assignorName()).isEqualTo("range");
    }

    private ConsumerGroupHeartbeatResponse heartbeat(ConsumerGroupHeartbeatRequest request) {
        return coordinator.consumers().heartbeat(request, (short) 1, "client", "/127.0.0.1",
            coordinator::classicInUse).block();
    }

    private static ConsumerGroupHeartbeatRequest join(String group, String member, String... topics) {
        return new ConsumerGroupHeartbeatRequest().groupId(group).memberId(member).memberEpoch(0)
            .rebalanceTimeoutMs(30_000).subscribedTopicNames(List.of(topics)).topicPartitions(List.of());
    }

    private static ConsumerGroupHeartbeatRequest beat(String group, String member, int epoch,
                                                      @Nullable Map<UUID, Set<Integer>> owned) {
        List<ConsumerGroupHeartbeatRequest.TopicPartitions> tps = null;
        if (owned != null) {
            tps = new ArrayList<>();
            for (Map.Entry<UUID, Set<Integer>> e : owned.entrySet()) {
                tps.add(new ConsumerGroupHeartbeatRequest.TopicPartitions().topicId(e.getKey())
                    .partitions(new ArrayList<>(e.getValue())));
            }
        }
        return new ConsumerGroupHeartbeatRequest().groupId(group).memberId(member).memberEpoch(epoch)
            .topicPartitions(tps);
    }

    private static List<Integer> partitions(ConsumerGroupHeartbeatResponse r) {
        List<Integer> out = new ArrayList<>();
        if (r.assignment() != null) {
            r.assignment().topicPartitions().forEach(t -> out.addAll(t.partitions()));
        }
        return out;
    }
}
