package io.tributary.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import io.tributary.consumer.PartitionAssignor.MemberSubscription;
import io.tributary.streams.HostInfo;
import io.tributary.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TaskAssignorTest {
    /** Sub-topology 0 reads a and b (co-partitioned), sub-topology 1 reads c. */
    private static final Map<String, Integer> SUBTOPOLOGIES = Map.of("a", 0, "b", 0, "c", 1);
    private static final List<String> TOPICS = List.of("a", "b", "c");

    private final Map<String, Set<TaskId>> standbys = new HashMap<>();

    @Test
    void thePartitionsOfATaskGoToOneMemberAndTaskCountsDifferByAtMostOne() {
        Map<String, List<TopicPartition>> assignment = assignor().assign(counts(4),
            members(Map.of("m1", List.of(), "m2", List.of(), "m3", List.of())));

        for (List<TopicPartition> partitions : assignment.values()) {
            for (TopicPartition tp : partitions) {
                if (tp.topic().equals("a")) {
                    assertThat(partitions).contains(new TopicPartition("b", tp.partition()));
                }
            }
        }
        assertThat(assignment.values().stream().map(TaskAssignorTest::taskCount).sorted().toList())
            .containsExactly(2, 3, 3);
        assertThat(assignment.values().stream().mapToInt(List::size).sum()).isEqualTo(12);
    }

    @Test
    void aJoiningMemberGetsTheTasksThatMoveOnlyOnceTheirOwnerGaveThemUp() {
        List<TopicPartition> all = partitions(counts(4));
        TaskAssignor assignor = assignor();

        Map<String, List<TopicPartition>> first = assignor.assign(counts(4),
            members(Map.of("old", all, "new", List.of())));

        // The old member keeps half, the same partitions of both sub-topologies; the rest is not yet given.
        assertThat(tasks(first.get("old"))).containsExactlyInAnyOrder(new TaskId(0, 0), new TaskId(1, 0),
            new TaskId(0, 1), new TaskId(1, 1));
        assertThat(first.get("new")).isEmpty();

        Map<String, List<TopicPartition>> second = assignor.assign(counts(4),
            members(Map.of("old", first.get("old"), "new", List.of())));

        assertThat(second.get("old")).containsExactlyInAnyOrderElementsOf(first.get("old"));
        assertThat(tasks(second.get("new"))).containsExactlyInAnyOrder(new TaskId(0, 2), new TaskId(1, 2),
            new TaskId(0, 3), new TaskId(1, 3));
    }

    @Test
    void theTasksOfAMemberThatLeftGoWhereTheirStandbysAre() {
        // Three members own 2 tasks each of 6 (3 partitions); c-member leaves. a-member holds a standby of 1_2.
        Map<String, List<TopicPartition>> owned = Map.of(
            "a-member", taskPartitions(new TaskId(0, 0), new TaskId(1, 0)),
            "b-member", taskPartitions(new TaskId(0, 1), new TaskId(1, 1)));
        standbys.put("b-member", Set.of(new TaskId(0, 2)));
        standbys.put("a-member", Set.of(new TaskId(1, 2)));

        Map<String, List<TopicPartition>> assignment = assignor().assign(counts(3), members(owned));

        assertThat(tasks(assignment.get("a-member"))).contains(new TaskId(1, 2)).hasSize(3);
        assertThat(tasks(assignment.get("b-member"))).contains(new TaskId(0, 2)).hasSize(3);
    }

    @Test
    void topicsOutsideTheTopologyAreNotAssigned() {
        Map<String, Integer> counts = new HashMap<>(counts(2));
        counts.put("elsewhere", 2);

        Map<String, List<TopicPartition>> assignment = assignor().assign(counts,
            members(Map.of("m", List.of())));

        assertThat(assignment.get("m")).hasSize(6).noneMatch(tp -> tp.topic().equals("elsewhere"));
    }

    @Test
    void userDataCarriesTheGenerationAndTheStandbysAndUnreadableUserDataIsIgnored() {
        Set<TaskId> warm = Set.of(new TaskId(0, 3), new TaskId(2, 7));
        byte[] data = new TaskAssignor(SUBTOPOLOGIES, () -> warm).userData(12);

        assertThat(TaskAssignor.Announced.read(data)).isEqualTo(new TaskAssignor.Announced(12, warm, null));
        byte[] withServer = new TaskAssignor(SUBTOPOLOGIES, () -> warm, HostInfo.parse("[::1]:8080"), 0, m -> { })
            .userData(3);
        assertThat(TaskAssignor.Announced.read(withServer).endpoint()).isEqualTo(new HostInfo("::1", 8080));
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] garbage = new byte[random.nextInt(24)];
            random.nextBytes(garbage);
            if (garbage.length > 0 && random.nextBoolean()) {
                garbage[0] = 1;
            }
            assertThat(TaskAssignor.Announced.read(garbage)).isNotNull();
        }
        assertThat(TaskAssignor.Announced.read(null)).isEqualTo(TaskAssignor.Announced.NONE);
    }

    @Test
    void theLeaderSendsEveryMemberWhereEachTaskRunsAndItsStandbysByApplicationServer() {
        Map<String, MemberSubscription> members = new HashMap<>();
        List<HostMap> received = new ArrayList<>();
        TaskAssignor leader = new TaskAssignor(SUBTOPOLOGIES, Set::of, HostInfo.parse("h1:1"), 1, received::add);
        members.put("m1", new MemberSubscription("m1", null, TOPICS, List.of(), -1, leader.userData(-1), null));
        members.put("m2", new MemberSubscription("m2", null, TOPICS, List.of(), -1,
            new TaskAssignor(SUBTOPOLOGIES, Set::of, HostInfo.parse("h2:2"), 1, m -> { }).userData(-1), null));
        members.put("m3", new MemberSubscription("m3", null, TOPICS, List.of(), -1,
            new TaskAssignor(SUBTOPOLOGIES, Set::of, null, 1, m -> { }).userData(-1), null));

        Map<String, List<TopicPartition>> assignment = leader.assign(counts(3), members);
        byte[] sent = leader.assignmentUserData("m2", assignment, members);
        leader.onAssignment(assignment.get("m1"), sent, 1);

        HostMap map = received.get(0);
        assertThat(map.partitions()).containsEntry(0, 3).containsEntry(1, 3);
        // The member without an application.server is not in the map.
        assertThat(map.hosts()).extracting(h -> h.info().toString()).containsExactlyInAnyOrder("h1:1", "h2:2");
        for (HostMap.Host h : map.hosts()) {
            String member = h.info().port() == 1 ? "m1" : "m2";
            assertThat(h.active()).isEqualTo(tasks(assignment.get(member)));
            // One standby replica: each member keeps the tasks of the member before it in id order (m3 before m1).
            String before = member.equals("m1") ? "m3" : "m1";
            assertThat(h.standby()).isEqualTo(tasks(assignment.get(before)));
        }
        assertThat(HostMap.decode(map.encode())).isEqualTo(map);
        assertThat(HostMap.decode(new byte[] {1, 0, 0, 0, 9})).isEqualTo(HostMap.EMPTY);
        assertThat(HostMap.decode(null)).isEqualTo(HostMap.EMPTY);
    }

    /**
     * Members join and leave at random; every member applies its assignment (gives up what it lost, then rejoins as
     * the cooperative protocol does). Never may a partition be given to one member while another owns it, and the
     * group settles within two rounds of a change on a balanced assignment of every task, whole.
     */
    @Test
    void underRandomChurnNoTaskIsEverOwnedTwiceAndTheGroupSettlesBalanced() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            Map<String, Integer> counts = counts(1 + random.nextInt(8));
            Map<String, List<TopicPartition>> owned = new TreeMap<>();
            int next = 0;
            for (int change = 0; change < 6; change++) {
                if (owned.isEmpty() || owned.size() < 5 && random.nextBoolean()) {
                    owned.put("m" + next++, List.of());
                } else {
                    List<String> ids = new ArrayList<>(owned.keySet());
                    owned.remove(ids.get(random.nextInt(ids.size())));
                    if (owned.isEmpty()) {
                        continue;
                    }
                }
                settle(counts, owned);
            }
        }
    }

    private void settle(Map<String, Integer> counts, Map<String, List<TopicPartition>> owned) {
        TaskAssignor assignor = assignor();
        for (int round = 0; round < 3; round++) {
            Map<String, List<TopicPartition>> assignment = assignor.assign(counts, members(owned));
            Map<TopicPartition, String> holder = new HashMap<>();
            owned.forEach((member, partitions) -> partitions.forEach(tp -> holder.put(tp, member)));
            assignment.forEach((member, partitions) -> {
                for (TopicPartition tp : partitions) {
                    assertThat(holder.getOrDefault(tp, member)).as("%s given to %s", tp, member).isEqualTo(member);
                }
            });
            boolean changed = false;
            for (String member : List.copyOf(owned.keySet())) {
                List<TopicPartition> next = assignment.getOrDefault(member, List.of());
                changed |= !new HashSet<>(next).equals(new HashSet<>(owned.get(member)));
                owned.put(member, next);
            }
            if (!changed) {
                assertSettled(counts, owned);
                assertThat(round).as("rounds to settle").isLessThanOrEqualTo(2);
                return;
            }
        }
        throw new AssertionError("The group did not settle: " + owned);
    }

    private static void assertSettled(Map<String, Integer> counts, Map<String, List<TopicPartition>> owned) {
        List<TopicPartition> all = new ArrayList<>();
        owned.values().forEach(all::addAll);
        assertThat(all).containsExactlyInAnyOrderElementsOf(partitions(counts));
        int min = owned.values().stream().mapToInt(TaskAssignorTest::taskCount).min().orElseThrow();
        int max = owned.values().stream().mapToInt(TaskAssignorTest::taskCount).max().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
        for (List<TopicPartition> partitions : owned.values()) {
            for (TopicPartition tp : partitions) {
                if (tp.topic().equals("a")) {
                    assertThat(partitions).contains(new TopicPartition("b", tp.partition()));
                }
            }
        }
    }

    private TaskAssignor assignor() {
        return new TaskAssignor(SUBTOPOLOGIES, Set::of);
    }

    private Map<String, MemberSubscription> members(Map<String, List<TopicPartition>> owned) {
        Map<String, MemberSubscription> members = new HashMap<>();
        owned.forEach((id, partitions) -> {
            Set<TaskId> warm = standbys.getOrDefault(id, Set.of());
            members.put(id, new MemberSubscription(id, null, TOPICS, partitions, 5,
                new TaskAssignor(SUBTOPOLOGIES, () -> warm).userData(5), null));
        });
        return members;
    }

    private static Map<String, Integer> counts(int partitions) {
        Map<String, Integer> counts = new HashMap<>();
        TOPICS.forEach(t -> counts.put(t, partitions));
        return counts;
    }

    private static List<TopicPartition> partitions(Map<String, Integer> counts) {
        List<TopicPartition> all = new ArrayList<>();
        counts.forEach((topic, n) -> {
            for (int p = 0; p < n; p++) {
                all.add(new TopicPartition(topic, p));
            }
        });
        return all;
    }

    private static List<TopicPartition> taskPartitions(TaskId... tasks) {
        List<TopicPartition> out = new ArrayList<>();
        for (TaskId task : tasks) {
            SUBTOPOLOGIES.forEach((topic, sub) -> {
                if (sub == task.subtopology()) {
                    out.add(new TopicPartition(topic, task.partition()));
                }
            });
        }
        return out;
    }

    private static Set<TaskId> tasks(List<TopicPartition> partitions) {
        Set<TaskId> tasks = new HashSet<>();
        partitions.forEach(tp -> tasks.add(new TaskId(SUBTOPOLOGIES.get(tp.topic()), tp.partition())));
        return tasks;
    }

    private static int taskCount(List<TopicPartition> partitions) {
        return tasks(partitions).size();
    }
}
