package io.tributary.connect.internal.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.internal.herder.ConnectorTaskId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

final class IncrementalAssignorTest {
    /** One change to the cluster between rebalances. */
    record Step(int kind, int arg) {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return Arbitraries.integers().between(0, 3)
            .flatMap(kind -> Arbitraries.integers().between(0, 5).map(arg -> new Step(kind, arg)))
            .list().ofMinSize(1).ofMaxSize(12);
    }

    /**
     * Runs workers joining and leaving and connectors being added and removed, with each worker reporting what it
     * ran; checks that nothing ever runs twice, nothing moves without first being revoked, and that two quiet
     * rounds leave everything assigned once, balanced.
     */
    @Property(tries = 300)
    void workNeverRunsTwiceAndSettlesBalanced(@ForAll("histories") List<Step> history) {
        IncrementalAssignor assignor = new IncrementalAssignor(0);
        Map<String, WorkerLoad> running = new TreeMap<>(Map.of("w0", WorkerLoad.EMPTY));
        Map<String, Integer> configured = new TreeMap<>(Map.of("c0", 3));
        int nextWorker = 1;
        int nextConnector = 1;
        for (Step step : history) {
            switch (step.kind()) {
                case 0 -> running.put("w" + nextWorker++, WorkerLoad.EMPTY);
                case 1 -> {
                    if (running.size() > 1) {
                        running.remove(new ArrayList<>(running.keySet()).get(step.arg() % running.size()));
                    }
                }
                case 2 -> configured.put("c" + nextConnector++, step.arg());
                default -> {
                    if (!configured.isEmpty()) {
                        configured.remove(new ArrayList<>(configured.keySet()).get(step.arg() % configured.size()));
                    }
                }
            }
            running = round(assignor, running, configured);
        }
        running = round(assignor, running, configured);
        running = round(assignor, running, configured);

        Set<String> connectors = new HashSet<>();
        Set<ConnectorTaskId> tasks = new HashSet<>();
        running.values().forEach(load -> {
            connectors.addAll(load.connectors());
            tasks.addAll(load.tasks());
        });
        assertThat(connectors).isEqualTo(configured.keySet());
        assertThat(tasks).hasSize(configured.values().stream().mapToInt(Integer::intValue).sum());
        IntSummary c = IntSummary.of(running.values().stream().map(l -> l.connectors().size()).toList());
        IntSummary t = IntSummary.of(running.values().stream().map(l -> l.tasks().size()).toList());
        assertThat(c.max - c.min).as("connectors balanced: %s", running).isLessThanOrEqualTo(1);
        assertThat(t.max - t.min).as("tasks balanced: %s", running).isLessThanOrEqualTo(1);
    }

    private record IntSummary(int min, int max) {
        static IntSummary of(List<Integer> values) {
            return new IntSummary(values.stream().mapToInt(i -> i).min().orElse(0),
                values.stream().mapToInt(i -> i).max().orElse(0));
        }
    }

    /** One rebalance; checks its invariants and returns what each worker runs afterwards. */
    private static Map<String, WorkerLoad> round(IncrementalAssignor assignor, Map<String, WorkerLoad> running,
                                                 Map<String, Integer> configured) {
        Map<String, IncrementalAssignor.Result> results = assignor.assign(running, configured, 0);
        assertThat(results.keySet()).isEqualTo(running.keySet());
        Map<Object, String> owner = new HashMap<>();
        Map<String, WorkerLoad> after = new TreeMap<>();
        results.forEach((worker, result) -> {
            WorkerLoad assigned = result.assigned();
            for (Object item : union(assigned)) {
                assertThat(owner.put(item, worker)).as("%s assigned twice", item).isNull();
                // Whatever another worker ran before this round must be revoked there first.
                running.forEach((other, load) -> {
                    if (!other.equals(worker)) {
                        assertThat(union(load)).as("%s moved from %s to %s unrevoked", item, other, worker)
                            .doesNotContain(item);
                    }
                });
            }
            for (String c : assigned.connectors()) {
                assertThat(configured).containsKey(c);
            }
            after.put(worker, assigned);
        });
        return after;
    }

    private static Set<Object> union(WorkerLoad load) {
        Set<Object> all = new HashSet<>(load.connectors());
        all.addAll(load.tasks());
        return all;
    }

    @Test
    void aJoiningWorkerGetsItsShareInTwoRoundsWhileTheOtherKeepsRunningTheRest() {
        IncrementalAssignor assignor = new IncrementalAssignor(0);
        Map<String, WorkerLoad> running = round(assignor, Map.of("a", WorkerLoad.EMPTY), Map.of("c", 4));
        assertThat(running.get("a").tasks()).hasSize(4);

        Map<String, WorkerLoad> two = new TreeMap<>(running);
        two.put("b", WorkerLoad.EMPTY);
        Map<String, IncrementalAssignor.Result> first = assignor.assign(two, Map.of("c", 4), 0);
        assertThat(first.get("a").revoked().tasks()).hasSize(2);
        assertThat(first.get("a").assigned().tasks()).hasSize(2);
        assertThat(first.get("b").assigned().tasks()).isEmpty();

        Map<String, WorkerLoad> after = new TreeMap<>();
        first.forEach((w, r) -> after.put(w, r.assigned()));
        Map<String, IncrementalAssignor.Result> second = assignor.assign(after, Map.of("c", 4), 0);
        assertThat(second.get("b").assigned().tasks()).hasSize(2);
        assertThat(second.get("a").assigned().tasks()).isEqualTo(first.get("a").assigned().tasks());
        assertThat(second.get("a").revoked().size()).isZero();
    }

    @Test
    void workOfADepartedWorkerWaitsForTheDelayThenMoves() {
        IncrementalAssignor assignor = new IncrementalAssignor(1_000);
        Map<String, IncrementalAssignor.Result> both = assignor.assign(
            Map.of("a", WorkerLoad.EMPTY, "b", WorkerLoad.EMPTY), Map.of("c", 2), 0);
        WorkerLoad aRuns = both.get("a").assigned();
        WorkerLoad bRuns = both.get("b").assigned();
        assertThat(bRuns.size()).isPositive();

        Map<String, IncrementalAssignor.Result> held = assignor.assign(Map.of("a", aRuns), Map.of("c", 2), 100);
        assertThat(held.get("a").assigned()).isEqualTo(aRuns);
        // The delay runs from when the loss is first seen.
        assertThat(held.get("a").delayMs()).isEqualTo(1_000);

        Map<String, IncrementalAssignor.Result> stillHeld = assignor.assign(Map.of("a", aRuns), Map.of("c", 2), 500);
        assertThat(stillHeld.get("a").assigned()).isEqualTo(aRuns);
        assertThat(stillHeld.get("a").delayMs()).isEqualTo(600);

        Map<String, IncrementalAssignor.Result> moved = assignor.assign(Map.of("a", aRuns), Map.of("c", 2), 1_100);
        assertThat(moved.get("a").assigned().size()).isEqualTo(3);
        assertThat(moved.get("a").delayMs()).isZero();
    }

    @Test
    void workOfDeletedConnectorsIsRevokedAndWorkClaimedTwiceStaysWithTheFirst() {
        IncrementalAssignor assignor = new IncrementalAssignor(0);
        ConnectorTaskId t0 = new ConnectorTaskId("keep", 0);
        Map<String, WorkerLoad> running = Map.of(
            "a", WorkerLoad.of(List.of("gone"), List.of(new ConnectorTaskId("gone", 0), t0)),
            "b", WorkerLoad.of(List.of("keep"), List.of(t0)));
        Map<String, IncrementalAssignor.Result> result = assignor.assign(running, Map.of("keep", 1), 0);
        assertThat(result.get("a").revoked().connectors()).containsExactly("gone");
        assertThat(result.get("a").assigned().tasks()).containsExactly(t0);
        assertThat(result.get("b").revoked().tasks()).containsExactly(t0);
        assertThat(result.get("b").assigned().connectors()).containsExactly("keep");
    }
}
