package io.tributary.broker.internal.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The server-side assignors: every partition once, balanced, sticky (uniform), ranges (range). */
final class ServerAssignorTest {
    private static final UUID A = new UUID(0, 1);
    private static final UUID B = new UUID(0, 2);

    @Test
    void uniformBalancesAndKeepsPartitionsWhereTheyWere() {
        Map<String, Set<UUID>> subs = new LinkedHashMap<>();
        subs.put("m1", Set.of(A, B));
        subs.put("m2", Set.of(A, B));
        Map<String, Map<UUID, Set<Integer>>> first = new UniformAssignor().assign(
            new ServerAssignor.Spec(subs, Map.of(A, 5, B, 2), Map.of()));
        assertThat(count(first.get("m1")) + count(first.get("m2"))).isEqualTo(7);
        assertThat(Math.abs(count(first.get("m1")) - count(first.get("m2")))).isLessThanOrEqualTo(1);

        subs.put("m3", Set.of(A, B));
        Map<String, Map<UUID, Set<Integer>>> second = new UniformAssignor().assign(
            new ServerAssignor.Spec(subs, Map.of(A, 5, B, 2), first));
        assertThat(second.values()).allSatisfy(a -> assertThat(count(a)).isBetween(2, 3));
        // Nothing moves between the two old members: each keeps a subset of what it had.
        for (String m : new String[] {"m1", "m2"}) {
            second.get(m).forEach((t, ps) -> assertThat(first.get(m).get(t)).containsAll(ps));
        }
    }

    @Test
    void uniformGivesTopicsOnlyToTheirSubscribers() {
        Map<String, Set<UUID>> subs = new LinkedHashMap<>();
        subs.put("m1", Set.of(A));
        subs.put("m2", Set.of(A, B));
        Map<String, Map<UUID, Set<Integer>>> out = new UniformAssignor().assign(
            new ServerAssignor.Spec(subs, Map.of(A, 2, B, 4), Map.of()));
        assertThat(out.get("m1")).doesNotContainKey(B);
        assertThat(out.get("m2").get(B)).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(count(out.get("m1"))).isEqualTo(2);
    }

    @Test
    void rangeGivesConsecutivePartitionsInMemberIdOrder() {
        Map<String, Set<UUID>> subs = new HashMap<>();
        subs.put("b", Set.of(A));
        subs.put("a", Set.of(A));
        Map<String, Map<UUID, Set<Integer>>> out = new RangeAssignor().assign(
            new ServerAssignor.Spec(subs, Map.of(A, 5), Map.of()));
        assertThat(out.get("a").get(A)).containsExactly(0, 1, 2);
        assertThat(out.get("b").get(A)).containsExactly(3, 4);
    }

    private static int count(Map<UUID, Set<Integer>> a) {
        return a.values().stream().mapToInt(Set::size).sum();
    }
}
