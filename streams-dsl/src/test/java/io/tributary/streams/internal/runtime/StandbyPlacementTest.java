package io.tributary.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.streams.processor.TaskId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class StandbyPlacementTest {
    private static final TaskId T0 = new TaskId(1, 0);
    private static final TaskId T1 = new TaskId(1, 1);
    private static final TaskId T2 = new TaskId(1, 2);

    private static Map<String, Set<TaskId>> threeMembers() {
        Map<String, Set<TaskId>> active = new LinkedHashMap<>();
        active.put("c", Set.of(T2));
        active.put("a", Set.of(T0));
        active.put("b", Set.of(T1));
        return active;
    }

    @Test
    void eachTaskHasItsStandbysOnTheMembersFollowingItsOwnerInMemberIdOrder() {
        Map<String, Set<TaskId>> active = threeMembers();
        assertThat(StandbyPlacement.standbysOf("a", active, 1)).containsExactly(T2);
        assertThat(StandbyPlacement.standbysOf("b", active, 1)).containsExactly(T0);
        assertThat(StandbyPlacement.standbysOf("c", active, 1)).containsExactly(T1);
        assertThat(StandbyPlacement.standbysOf("a", active, 2)).containsExactlyInAnyOrder(T1, T2);
    }

    @Test
    void thePlacementDependsOnlyOnTheAssignmentNotOnMapOrder() {
        Map<String, Set<TaskId>> reordered = new HashMap<>(threeMembers());
        for (String member : List.of("a", "b", "c")) {
            for (int replicas = 0; replicas <= 3; replicas++) {
                assertThat(StandbyPlacement.standbysOf(member, reordered, replicas))
                    .isEqualTo(StandbyPlacement.standbysOf(member, threeMembers(), replicas));
            }
        }
    }

    @Test
    void noMemberHostsAStandbyOfItsOwnTask() {
        Map<String, Set<TaskId>> active = threeMembers();
        for (String member : active.keySet()) {
            assertThat(StandbyPlacement.standbysOf(member, active, 5)).doesNotContainAnyElementsOf(active.get(member));
        }
        // An assignment that lists a task twice (mid-rebalance) still never places it on a member owning it.
        Map<String, Set<TaskId>> overlapping = Map.of("a", Set.of(T0), "b", Set.of(T0, T1));
        assertThat(StandbyPlacement.standbysOf("b", overlapping, 1)).isEmpty();
        assertThat(StandbyPlacement.standbysOf("a", overlapping, 1)).containsExactly(T1);
    }

    @Test
    void theNumberOfStandbysIsCappedByTheOtherMembers() {
        Map<String, Set<TaskId>> active = threeMembers();
        for (TaskId task : List.of(T0, T1, T2)) {
            long hosts = active.keySet().stream()
                .filter(member -> StandbyPlacement.standbysOf(member, active, 10).contains(task))
                .count();
            assertThat(hosts).isEqualTo(2);
        }
        assertThat(StandbyPlacement.standbysOf("a", Map.of("a", Set.of(T0, T1)), 1)).isEmpty();
    }

    @Test
    void noStandbysWithoutReplicasOrForAMemberNotInTheGroup() {
        assertThat(StandbyPlacement.standbysOf("a", threeMembers(), 0)).isEmpty();
        assertThat(StandbyPlacement.standbysOf("z", threeMembers(), 1)).isEmpty();
    }
}
