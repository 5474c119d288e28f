package io.tributary.broker.internal.group;

import static io.tributary.broker.internal.group.GroupTestSupport.SESSION;
import static io.tributary.broker.internal.group.GroupTestSupport.config;
import static io.tributary.broker.internal.group.GroupTestSupport.join;
import static io.tributary.broker.internal.group.GroupTestSupport.joinAs;
import static io.tributary.broker.internal.group.GroupTestSupport.subscription;
import static io.tributary.broker.internal.group.GroupTestSupport.withMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.internal.group.GroupTestSupport.Captured;
import io.tributary.broker.internal.group.GroupTestSupport.RecordingStore;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Static membership, offset commits, OffsetDelete, DeleteGroups, expiry and reloading of the group state machine. */
final class StaticMembersAndOffsetsTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    private final RecordingStore store = new RecordingStore();

    @Test
    void aStaticMemberRejoiningWithTheSameMetadataIsReplacedWithoutARebalance() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        JoinParams params = joinAs("", "instance-1", "consumer", "range");
        Captured<JoinResult> first = new Captured<>();
        group.join(params, 0, first);
        group.tick(100);
        String oldId = first.get().memberId();
        assertThat(oldId).startsWith("instance-1-");
        group.sync(oldId, "instance-1", 1, null, null, Map.of(oldId, new byte[] {5}), 100, r -> { });

        Captured<JoinResult> second = new Captured<>();
        group.join(params, 200, second);
        String newId = second.get().memberId();
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(second.get().generationId()).isEqualTo(1);
        assertThat(second.get().skipAssignment()).isTrue();
        assertThat(group.state()).isEqualTo(GroupState.STABLE);

        assertThat(group.heartbeat(oldId, "instance-1", 1, 300)).isEqualTo(ErrorCode.FENCED_INSTANCE_ID);
        assertThat(group.heartbeat(newId, "instance-1", 1, 300)).isEqualTo(ErrorCode.NONE);
        Captured<SyncResult> sync = new Captured<>();
        group.sync(newId, "instance-1", 1, null, null, Map.of(), 300, sync);
        assertThat(sync.get().assignment()).containsExactly(5);
    }

    @Test
    void aStaticMemberWithOtherProtocolsTriggersARebalance() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        Captured<JoinResult> first = new Captured<>();
        group.join(joinAs("", "i", "consumer", "range"), 0, first);
        group.tick(100);
        String id = first.get().memberId();
        group.sync(id, "i", 1, null, null, Map.of(), 100, r -> { });
        Captured<JoinResult> second = new Captured<>();
        // The new protocol list still shares "range" with the group, but the member now prefers "roundrobin".
        group.join(joinAs("", "i", "consumer", "roundrobin", "range"), 200, second);
        assertThat(second.get().generationId()).isEqualTo(2);
        assertThat(second.get().protocolName()).isEqualTo("roundrobin");
    }

    @Test
    void staticMembersLeaveByInstanceIdOrBySessionExpiry() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        group.join(joinAs("", "a", "consumer", "range"), 0, r -> { });
        group.join(joinAs("", "b", "consumer", "range"), 0, r -> { });
        group.tick(100);
        group.tick(200);
        List<ErrorCode> left = group.leave(List.of(new ClassicGroup.LeavingMember("", "a"),
            new ClassicGroup.LeavingMember("", "zzz")), 250);
        assertThat(left).containsExactly(ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID);
        // "b" is static: it keeps its place until its session expires.
        group.tick(200 + SESSION - 1);
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        group.tick(200 + SESSION);
        assertThat(group.state()).isEqualTo(GroupState.EMPTY);
    }

    @Test
    void simpleCommitsAreAcceptedOnlyWhileTheGroupIsEmpty() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        Captured<ErrorCode> simple = new Captured<>();
        group.commitOffsets("", null, -1, Map.of(TP, new CommittedOffset(42, -1, "m", 5)), simple);
        assertThat(simple.get()).isEqualTo(ErrorCode.NONE);
        assertThat(group.offset(TP).offset()).isEqualTo(42);

        Captured<JoinResult> member = GroupTestSupport.joinWithId(group, join("", "range"), 0);
        group.tick(100);
        String id = member.get().memberId();
        assertThat(group.validateOffsetCommit("", null, -1)).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(group.validateOffsetCommit(id, null, 1)).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
        group.sync(id, null, 1, null, null, Map.of(), 100, r -> { });
        assertThat(group.validateOffsetCommit(id, null, 0)).isEqualTo(ErrorCode.ILLEGAL_GENERATION);
        assertThat(group.validateOffsetCommit("other", null, 1)).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        Captured<ErrorCode> ok = new Captured<>();
        group.commitOffsets(id, null, 1, Map.of(TP, new CommittedOffset(50, 3, "", 6)), ok);
        assertThat(ok.get()).isEqualTo(ErrorCode.NONE);
        assertThat(group.offsets()).containsEntry(TP, new CommittedOffset(50, 3, "", 6));
        assertThat(store.records).contains(new CoordinatorRecord.Offset("g", TP, new CommittedOffset(50, 3, "", 6)));
    }

    @Test
    void offsetsAreVisibleOnlyOnceWrittenAndAFailedWriteIsReported() {
        ClassicGroup group = new ClassicGroup("g", config(100), (id, records, done) ->
            done.accept(new IllegalStateException("disk")), 0);
        Captured<ErrorCode> result = new Captured<>();
        group.commitOffsets("", null, -1, Map.of(TP, new CommittedOffset(1, -1, "", 0)), result);
        assertThat(result.get()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
        assertThat(group.offset(TP)).isNull();
    }

    @Test
    void offsetDeleteRefusesTopicsTheMembersSubscribeTo() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        TopicPartition other = new TopicPartition("other", 0);
        group.commitOffsets("", null, -1, Map.of(TP, new CommittedOffset(1, -1, "", 0),
            other, new CommittedOffset(2, -1, "", 0)), r -> { });
        GroupTestSupport.joinWithId(group, withMetadata(join("", "range"), subscription("orders")), 0);
        group.tick(100);

        Captured<ClassicGroup.OffsetDeleteResult> result = new Captured<>();
        group.deleteOffsets(List.of(TP, other), result);
        assertThat(result.get().error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.get().partitions()).containsEntry(TP, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC)
            .containsEntry(other, ErrorCode.NONE);
        assertThat(group.offsets()).containsOnlyKeys(TP);
        assertThat(store.records).contains(new CoordinatorRecord.Offset("g", other, null));
    }

    @Test
    void deleteGroupsNeedsAnEmptyGroupAndTombstonesEverything() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        GroupTestSupport.joinWithId(group, join("", "range"), 0);
        Captured<ErrorCode> busy = new Captured<>();
        group.delete(10, busy);
        assertThat(busy.get()).isEqualTo(ErrorCode.NON_EMPTY_GROUP);

        ClassicGroup empty = new ClassicGroup("e", config(100), store, 0);
        empty.commitOffsets("", null, -1, Map.of(TP, new CommittedOffset(1, -1, "", 0)), r -> { });
        Captured<ErrorCode> deleted = new Captured<>();
        empty.delete(10, deleted);
        assertThat(deleted.get()).isEqualTo(ErrorCode.NONE);
        assertThat(empty.state()).isEqualTo(GroupState.DEAD);
        assertThat(store.records).contains(new CoordinatorRecord.Offset("e", TP, null),
            new CoordinatorRecord.Group("e", null));
        Captured<JoinResult> late = new Captured<>();
        empty.join(join("", "range"), 20, late);
        assertThat(late.get().error()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    }

    @Test
    void offsetsOfAnEmptyGroupExpireAfterTheRetentionAndTheGroupGoes() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        group.commitOffsets("", null, -1, Map.of(TP, new CommittedOffset(1, -1, "", 1000)), r -> { });
        assertThat(group.expireOffsets(1999, 1000)).isFalse();
        assertThat(group.offsets()).hasSize(1);
        assertThat(group.expireOffsets(2000, 1000)).isTrue();
        assertThat(group.state()).isEqualTo(GroupState.DEAD);
        assertThat(store.records).contains(new CoordinatorRecord.Offset("g", TP, null));
    }

    @Test
    void aReloadedStableGroupKeepsItsGenerationAndExpiresSilentMembers() {
        GroupSnapshot snapshot = new GroupSnapshot("consumer", 7, "range", "m1", 50, List.of(
            new GroupSnapshot.MemberSnapshot("m1", null, "c", "/h", 30_000, SESSION, subscription("orders"),
                new byte[] {9}),
            new GroupSnapshot.MemberSnapshot("m2", "static", "c", "/h", 30_000, SESSION, subscription("orders"),
                new byte[0])));
        ClassicGroup group = ClassicGroup.restore("g", config(100), store, snapshot,
            Map.of(TP, new CommittedOffset(3, -1, "", 1)), 1000);
        assertThat(group.state()).isEqualTo(GroupState.STABLE);
        assertThat(group.heartbeat("m1", null, 7, 2000)).isEqualTo(ErrorCode.NONE);
        assertThat(group.describe().members()).hasSize(2);
        assertThat(group.describe().protocolData()).isEqualTo("range");
        Captured<SyncResult> sync = new Captured<>();
        group.sync("m1", null, 7, "consumer", "range", Map.of(), 2000, sync);
        assertThat(sync.get().assignment()).containsExactly(9);
        group.tick(1000 + SESSION);
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(group.offset(TP).offset()).isEqualTo(3);
    }
}
