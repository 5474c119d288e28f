package io.tributary.broker.internal.group;

import static io.tributary.broker.internal.group.GroupTestSupport.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The coordinator around the groups: loading, request-wide checks and parked requests as Monos. */
final class GroupCoordinatorTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    private final AtomicLong clock = new AtomicLong(1_000);
    private final GroupCoordinator coordinator = new GroupCoordinator(
        GroupConfig.defaults().withInitialRebalanceDelayMs(100), GroupStore.NONE, clock::get);

    @Test
    void everyGroupRequestWaitsUntilTheOffsetsAreLoaded() {
        assertThat(coordinator.isLoaded()).isFalse();
        assertThat(coordinator.join("g", join("", "range")).block().error())
            .isEqualTo(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
        assertThat(coordinator.heartbeat("g", "m", null, 1)).isEqualTo(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
        assertThat(coordinator.commit("g", "", null, -1, Map.of(TP, offset(1)), (short) 8).block())
            .isEqualTo(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
        assertThat(coordinator.delete("g").block()).isEqualTo(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
        coordinator.restore(Map.of(), Map.of());
        assertThat(coordinator.isLoaded()).isTrue();
        assertThat(coordinator.checkGroup("g")).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void aFullClassicGroupRefusesNewMembersButNotItsOwn() {
        GroupCoordinator small = new GroupCoordinator(GroupConfig.defaults().withInitialRebalanceDelayMs(0)
            .withMaxSize(1), GroupStore.NONE, clock::get);
        small.restore(Map.of(), Map.of());
        JoinResult required = small.join("g", join("", "range")).block();
        CompletableFuture<JoinResult> joining = small.join("g", join(required.memberId(), "range")).toFuture();
        small.tick(); // the first generation forms on the timer
        JoinResult joined = joining.join();
        assertThat(joined.error()).isEqualTo(ErrorCode.NONE);
        JoinResult other = small.join("g", join("", "range")).block();
        assertThat(other.error()).isEqualTo(ErrorCode.MEMBER_ID_REQUIRED);
        assertThat(small.join("g", join(other.memberId(), "range")).block().error())
            .isEqualTo(ErrorCode.GROUP_MAX_SIZE_REACHED);
        assertThat(small.heartbeat("g", joined.memberId(), null, joined.generationId())).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void requestWideChecksComeFirst() {
        coordinator.restore(Map.of(), Map.of());
        assertThat(coordinator.join("", join("", "range")).block().error()).isEqualTo(ErrorCode.INVALID_GROUP_ID);
        JoinParams p = join("", "range");
        for (int timeout : new int[] {5_999, 1_800_001}) {
            JoinParams bad = new JoinParams("", null, "c", "h", 30_000, timeout, "consumer", p.protocols(), true, true);
            assertThat(coordinator.join("g", bad).block().error()).isEqualTo(ErrorCode.INVALID_SESSION_TIMEOUT);
        }
        assertThat(coordinator.join("nowhere", join("member-1", "range")).block().error())
            .isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(coordinator.heartbeat("nowhere", "m", null, 1)).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(coordinator.commit("nowhere", "m", null, 3, Map.of(TP, offset(1)), (short) 8).block())
            .isEqualTo(ErrorCode.ILLEGAL_GENERATION);
        assertThat(coordinator.commit("nowhere", "m", null, 3, Map.of(TP, offset(1)), (short) 9).block())
            .isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND);
        assertThat(coordinator.delete("nowhere").block()).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND);
        assertThat(coordinator.leave("nowhere", List.of(new ClassicGroup.LeavingMember("m", null))).members())
            .containsExactly(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void aParkedJoinGroupCompletesWhenTheTimerEndsTheJoinPhase() {
        coordinator.restore(Map.of(), Map.of());
        String id = coordinator.join("g", join("", "range")).block().memberId();
        Mono<JoinResult> parked = coordinator.join("g", join(id, "range"));
        StepVerifier.create(parked)
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(50))
            .then(() -> {
                clock.addAndGet(100);
                coordinator.tick();
            })
            .assertNext(r -> {
                assertThat(r.error()).isEqualTo(ErrorCode.NONE);
                assertThat(r.generationId()).isEqualTo(1);
            })
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        assertThat(coordinator.list()).extracting(GroupDescription::state)
            .containsExactly(GroupState.COMPLETING_REBALANCE);
    }

    @Test
    void simpleCommitsCreateAGroupWhoseOffsetsExpireWithIt() {
        coordinator.restore(Map.of(), Map.of());
        assertThat(coordinator.commit("simple", "", null, -1, Map.of(TP, offset(7)), (short) 8).block())
            .isEqualTo(ErrorCode.NONE);
        assertThat(coordinator.committed("simple", List.of(TP, new TopicPartition("t", 1))))
            .containsEntry(TP, offset(7)).containsEntry(new TopicPartition("t", 1), null);
        assertThat(coordinator.describe("simple").state()).isEqualTo(GroupState.EMPTY);
        assertThat(coordinator.describe("simple").protocolType()).isEmpty();

        coordinator.expireOffsets(clock.get() + coordinator.config().offsetsRetentionMs());
        assertThat(coordinator.describe("simple")).isNull();
        assertThat(coordinator.committed("simple", null)).isEmpty();
    }

    @Test
    void restoredGroupsAreServedAfterLoading() {
        GroupSnapshot empty = new GroupSnapshot("consumer", 4, null, null, 10, List.of());
        coordinator.restore(Map.of("a", empty), Map.of("a", Map.of(TP, offset(3)), "b", Map.of(TP, offset(5))));
        assertThat(coordinator.list()).extracting(GroupDescription::groupId).containsExactlyInAnyOrder("a", "b");
        assertThat(coordinator.describe("a").protocolType()).isEqualTo("consumer");
        assertThat(coordinator.committed("b", null)).containsEntry(TP, offset(5));
        assertThat(Arrays.asList(coordinator.describe("a").state(), coordinator.describe("b").state()))
            .containsOnly(GroupState.EMPTY);
    }

    private CommittedOffset offset(long value) {
        return new CommittedOffset(value, -1, "", clock.get());
    }
}
