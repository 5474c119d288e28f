package io.tributary.broker.internal.group;

import static io.tributary.broker.internal.group.GroupTestSupport.REBALANCE;
import static io.tributary.broker.internal.group.GroupTestSupport.SESSION;
import static io.tributary.broker.internal.group.GroupTestSupport.config;
import static io.tributary.broker.internal.group.GroupTestSupport.join;
import static io.tributary.broker.internal.group.GroupTestSupport.joinAs;
import static io.tributary.broker.internal.group.GroupTestSupport.joinWithId;
import static io.tributary.broker.internal.group.GroupTestSupport.rejoin;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.internal.group.GroupTestSupport.Captured;
import io.tributary.broker.internal.group.GroupTestSupport.RecordingStore;
import io.tributary.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The classic group state machine: join phase, generations, sync, heartbeats, expiry and leaving. */
final class ClassicGroupTest {
    private final RecordingStore store = new RecordingStore();

    @Test
    void firstJoinAtV4NeedsAMemberIdAndTheJoinPhaseEndsAfterTheInitialDelay() {
        ClassicGroup group = new ClassicGroup("g", config(3000), store, 0);
        Captured<JoinResult> first = new Captured<>();
        group.join(join("", "range"), 0, first);
        assertThat(first.get().error()).isEqualTo(ErrorCode.MEMBER_ID_REQUIRED);
        assertThat(first.get().memberId()).startsWith("client-");

        Captured<JoinResult> second = new Captured<>();
        group.join(join(first.get().memberId(), "range"), 10, second);
        assertThat(second.done()).isFalse();
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        group.tick(3009);
        assertThat(second.done()).isFalse();
        group.tick(3010);

        JoinResult r = second.get();
        assertThat(r.error()).isEqualTo(ErrorCode.NONE);
        assertThat(r.generationId()).isEqualTo(1);
        assertThat(r.leaderId()).isEqualTo(r.memberId());
        assertThat(r.protocolName()).isEqualTo("range");
        assertThat(r.protocolType()).isEqualTo("consumer");
        assertThat(r.members()).extracting(JoinResult.Member::memberId).containsExactly(r.memberId());
        assertThat(group.state()).isEqualTo(GroupState.COMPLETING_REBALANCE);
    }

    @Test
    void oldVersionsJoinWithoutTheMemberIdRoundTrip() {
        ClassicGroup group = new ClassicGroup("g", config(0), store, 0);
        JoinParams v3 = join("", "range");
        v3 = new JoinParams("", null, "c", "h", SESSION, SESSION, "consumer", v3.protocols(), false, false);
        Captured<JoinResult> r = new Captured<>();
        group.join(v3, 0, r);
        group.tick(0); // a new group's first generation forms on the timer, even without an initial delay
        assertThat(r.get().error()).isEqualTo(ErrorCode.NONE);
        assertThat(r.get().memberId()).startsWith("c-");
        assertThat(r.get().generationId()).isEqualTo(1);
    }

    @Test
    void initialDelayIsExtendedWhileNewMembersKeepArriving() {
        ClassicGroup group = new ClassicGroup("g", config(3000), store, 0);
        Captured<JoinResult> a = joinWithId(group, join("", "range"), 0);
        Captured<JoinResult> b = joinWithId(group, join("", "range"), 1000);
        group.tick(3000);
        assertThat(a.done()).isFalse();
        group.tick(6000);
        assertThat(a.get().generationId()).isEqualTo(1);
        assertThat(b.get().generationId()).isEqualTo(1);
        JoinResult leader = a.get().leaderId().equals(a.get().memberId()) ? a.get() : b.get();
        JoinResult follower = leader == a.get() ? b.get() : a.get();
        assertThat(leader.members()).hasSize(2);
        assertThat(follower.members()).isEmpty();
    }

    @Test
    void protocolIsChosenByVoteAmongTheProtocolsEveryMemberSupports() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        Captured<JoinResult> a = joinWithId(group, join("", "range", "sticky", "roundrobin"), 0);
        joinWithId(group, join("", "sticky", "range"), 0);
        joinWithId(group, join("", "sticky", "range", "roundrobin"), 0);
        group.tick(100);
        group.tick(200);
        assertThat(a.get().protocolName()).isEqualTo("sticky");
    }

    @Test
    void aMemberWithoutACommonProtocolOrWithAnotherTypeIsRefused() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        joinWithId(group, join("", "range"), 0);
        Captured<JoinResult> other = new Captured<>();
        group.join(join("", "roundrobin"), 0, other);
        assertThat(other.get().error()).isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
        Captured<JoinResult> type = new Captured<>();
        group.join(joinAs("", null, "connect", "range"), 0, type);
        assertThat(type.get().error()).isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }

    @Test
    void theLeadersAssignmentReachesParkedFollowersAndTheGroupIsStored() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        String[] ids = twoMemberGeneration(group);
        String leader = ids[0];
        String follower = ids[1];
        int generation = group.generationId();

        Captured<SyncResult> followerSync = new Captured<>();
        group.sync(follower, null, generation, "consumer", "range", Map.of(), 210, followerSync);
        assertThat(followerSync.done()).isFalse();
        Captured<SyncResult> leaderSync = new Captured<>();
        group.sync(leader, null, generation, "consumer", "range",
            Map.of(leader, new byte[] {1}, follower, new byte[] {2}), 220, leaderSync);

        assertThat(leaderSync.get().assignment()).containsExactly(1);
        assertThat(followerSync.get().assignment()).containsExactly(2);
        assertThat(followerSync.get().protocolName()).isEqualTo("range");
        assertThat(group.state()).isEqualTo(GroupState.STABLE);
        GroupSnapshot stored = store.groupRecords().get(store.groupRecords().size() - 1).value();
        assertThat(stored.generationId()).isEqualTo(generation);
        assertThat(stored.members()).hasSize(2);
        assertThat(stored.leaderId()).isEqualTo(leader);
    }

    @Test
    void syncAndHeartbeatCheckMemberGenerationAndProtocol() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        String[] ids = twoMemberGeneration(group);
        int generation = group.generationId();
        Captured<SyncResult> stale = new Captured<>();
        group.sync(ids[0], null, generation - 1, null, null, Map.of(), 200, stale);
        assertThat(stale.get().error()).isEqualTo(ErrorCode.ILLEGAL_GENERATION);
        Captured<SyncResult> wrongProtocol = new Captured<>();
        group.sync(ids[0], null, generation, "consumer", "roundrobin", Map.of(), 0, wrongProtocol);
        assertThat(wrongProtocol.get().error()).isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
        Captured<SyncResult> unknown = new Captured<>();
        group.sync("nobody", null, generation, null, null, Map.of(), 0, unknown);
        assertThat(unknown.get().error()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);

        assertThat(group.heartbeat("nobody", null, generation, 0)).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(group.heartbeat(ids[0], null, generation + 1, 0)).isEqualTo(ErrorCode.ILLEGAL_GENERATION);
        assertThat(group.heartbeat(ids[0], null, generation, 0)).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void aNewMemberStartsARebalanceThatExistingMembersLearnOfThroughHeartbeats() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        String a = stableSingleMember(group);
        Captured<JoinResult> b = joinWithId(group, join("", "range"), 100);
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(group.heartbeat(a, null, 1, 200)).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
        assertThat(b.done()).isFalse();

        Captured<JoinResult> again = new Captured<>();
        group.join(rejoin(join("", "range"), a), 300, again);
        assertThat(again.get().generationId()).isEqualTo(2);
        assertThat(b.get().generationId()).isEqualTo(2);
        assertThat(again.get().members()).hasSize(2);
    }

    @Test
    void membersThatDoNotRejoinWithinTheRebalanceTimeoutAreDropped() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        String a = stableSingleMember(group);
        Captured<JoinResult> b = joinWithId(group, join("", "range"), 1000);
        // a keeps heartbeating but never rejoins.
        for (long t = 2000; t < 1000 + REBALANCE; t += 2000) {
            assertThat(group.heartbeat(a, null, 1, t)).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
        }
        group.tick(1000 + REBALANCE);
        assertThat(b.get().generationId()).isEqualTo(2);
        assertThat(b.get().members()).extracting(JoinResult.Member::memberId).containsExactly(b.get().memberId());
        assertThat(group.heartbeat(a, null, 2, 1000 + REBALANCE)).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void anExpiredSessionRemovesTheMemberAndRebalances() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        String[] ids = twoMemberGeneration(group);
        syncAll(group, ids, 200);
        assertThat(group.heartbeat(ids[0], null, 1, SESSION - 1000)).isEqualTo(ErrorCode.NONE);
        group.tick(SESSION + 199);
        assertThat(group.state()).isEqualTo(GroupState.STABLE);
        group.tick(SESSION + 200);
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        Captured<JoinResult> rejoined = new Captured<>();
        group.join(rejoin(join("", "range"), ids[0]), SESSION + 300, rejoined);
        assertThat(rejoined.get().generationId()).isEqualTo(2);
        assertThat(rejoined.get().members()).hasSize(1);
    }

    @Test
    void theLastMemberExpiringLeavesAnEmptyGroupInANewGeneration() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        String a = stableSingleMember(group);
        group.tick(SESSION + 100);
        assertThat(group.state()).isEqualTo(GroupState.EMPTY);
        assertThat(group.generationId()).isEqualTo(2);
        assertThat(group.heartbeat(a, null, 1, SESSION + 101)).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(store.groupRecords().get(store.groupRecords().size() - 1).value().members()).isEmpty();
    }

    @Test
    void followersThatNeverSyncAreRemovedAfterTheRebalanceTimeout() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        String[] ids = twoMemberGeneration(group);
        Captured<SyncResult> leader = new Captured<>();
        group.sync(ids[0], null, 1, null, null, Map.of(), 200, leader);
        assertThat(leader.get().error()).isEqualTo(ErrorCode.NONE);
        // Both keep heartbeating, but the follower never sends its SyncGroup.
        for (long t = 2000; t < 200 + REBALANCE; t += 2000) {
            assertThat(group.heartbeat(ids[0], null, 1, t)).isEqualTo(ErrorCode.NONE);
            assertThat(group.heartbeat(ids[1], null, 1, t)).isEqualTo(ErrorCode.NONE);
        }
        group.tick(200 + REBALANCE);
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(group.heartbeat(ids[1], null, 1, 200 + REBALANCE)).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void leavingMembersTriggerARebalanceAndBatchesAnswerPerMember() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        String[] ids = twoMemberGeneration(group);
        syncAll(group, ids, 200);
        List<ErrorCode> errors = group.leave(List.of(new ClassicGroup.LeavingMember(ids[1], null),
            new ClassicGroup.LeavingMember("ghost", null)), 210);
        assertThat(errors).containsExactly(ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(group.heartbeat(ids[0], null, 1, 220)).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
        Captured<JoinResult> again = new Captured<>();
        group.join(rejoin(join("", "range"), ids[0]), 230, again);
        assertThat(again.get().members()).hasSize(1);
        assertThat(group.leave(List.of(new ClassicGroup.LeavingMember(ids[0], null)), 240))
            .containsExactly(ErrorCode.NONE);
        assertThat(group.state()).isEqualTo(GroupState.EMPTY);
    }

    @Test
    void aRebalanceDuringCompletingRebalanceAnswersParkedSyncsWithRebalanceInProgress() {
        ClassicGroup group = new ClassicGroup("g", config(100), store, 0);
        String[] ids = twoMemberGeneration(group);
        Captured<SyncResult> follower = new Captured<>();
        group.sync(ids[1], null, 1, null, null, Map.of(), 200, follower);
        joinWithId(group, join("", "range"), 205);
        assertThat(follower.get().error()).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
    }

    /** Two members in generation 1, CompletingRebalance at time 200 (initial delay 100); returns {leader, follower}. */
    static String[] twoMemberGeneration(ClassicGroup group) {
        Captured<JoinResult> a = joinWithId(group, join("", "range"), 0);
        Captured<JoinResult> b = joinWithId(group, join("", "range"), 0);
        group.tick(100);
        // The second member arrived during the initial delay, which is therefore extended once.
        assertThat(group.state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        group.tick(200);
        assertThat(group.state()).isEqualTo(GroupState.COMPLETING_REBALANCE);
        assertThat(group.generationId()).isEqualTo(1);
        String leader = a.get().leaderId();
        String other = leader.equals(a.get().memberId()) ? b.get().memberId() : a.get().memberId();
        return new String[] {leader, other};
    }

    static String stableSingleMember(ClassicGroup group) {
        Captured<JoinResult> a = joinWithId(group, join("", "range"), 0);
        group.tick(100);
        String id = a.get().memberId();
        Captured<SyncResult> s = new Captured<>();
        group.sync(id, null, 1, null, null, Map.of(id, new byte[] {7}), 100, s);
        assertThat(group.state()).isEqualTo(GroupState.STABLE);
        return id;
    }

    static void syncAll(ClassicGroup group, String[] ids, long now) {
        int generation = group.generationId();
        for (String id : ids) {
            group.sync(id, null, generation, null, null, Map.of(), now, r -> { });
        }
        assertThat(group.state()).isEqualTo(GroupState.STABLE);
    }
}
