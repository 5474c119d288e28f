package io.tributary.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.junit.jupiter.api.Test;

final class CooperativeStickyAssignorTest {
    private final CooperativeStickyAssignor sticky = new CooperativeStickyAssignor();

    private static org.apache.kafka.clients.consumer.CooperativeStickyAssignor kafka() {
        return new org.apache.kafka.clients.consumer.CooperativeStickyAssignor();
    }

    @Test
    void leavesPartitionsThatMoveOutUntilTheirOwnerHasRevokedThem() {
        List<TopicPartition> all = partitions("t", 6);
        Map<String, GroupAssignor.MemberSubscription> first = new HashMap<>();
        first.put("a", member("a", List.of("t"), all, 1));
        first.put("b", member("b", List.of("t"), List.of(), -1));

        Map<String, Set<TopicPartition>> phase1 = KafkaAssignors.ours(sticky, Map.of("t", 6), first);

        assertThat(phase1.get("a")).hasSize(3);
        assertThat(phase1.get("b")).isEmpty();
        assertThat(phase1).isEqualTo(KafkaAssignors.kafka(kafka(), Map.of("t", 6), first));

        Map<String, GroupAssignor.MemberSubscription> second = new HashMap<>();
        second.put("a", member("a", List.of("t"), List.copyOf(phase1.get("a")), 2));
        second.put("b", member("b", List.of("t"), List.of(), 2));

        Map<String, Set<TopicPartition>> phase2 = KafkaAssignors.ours(sticky, Map.of("t", 6), second);

        assertThat(phase2.get("a")).isEqualTo(phase1.get("a"));
        assertThat(phase2.get("b")).hasSize(3).doesNotContainAnyElementsOf(phase1.get("a"));
        assertThat(phase2).isEqualTo(KafkaAssignors.kafka(kafka(), Map.of("t", 6), second));
    }

    @Test
    void matchesKafkaWhenAllMembersSubscribeToTheSameTopics() {
        for (int seed = 0; seed < 3000; seed++) {
            KafkaAssignors.Scenario s = KafkaAssignors.randomScenario(new Random(seed), true, seed % 5 != 0);

            Map<String, Set<TopicPartition>> ours = KafkaAssignors.ours(sticky, s.counts(), s.members());
            Map<String, Set<TopicPartition>> kafka = KafkaAssignors.kafka(kafka(), s.counts(), s.members());

            assertThat(ours).as("seed %s: %s over %s", seed, s.members().values(), s.counts()).isEqualTo(kafka);
        }
    }

    @Test
    void matchesKafkaThroughMembersJoiningAndLeavingWithTwoPhaseRebalances() {
        Random random = new Random(42);
        Map<String, Integer> counts = Map.of("orders", 7, "payments", 5, "refunds", 3);
        List<String> topics = List.copyOf(new TreeMap<>(counts).keySet());
        Map<String, Set<TopicPartition>> owned = new HashMap<>();
        int generation = 0;
        int next = 0;
        for (int step = 0; step < 300; step++) {
            if (owned.isEmpty() || (owned.size() < 9 && random.nextInt(3) > 0)) {
                owned.put("member-" + Integer.toHexString(random.nextInt(1 << 20)) + "-" + next++, Set.of());
            } else if (owned.size() > 1) {
                List<String> ids = new ArrayList<>(owned.keySet());
                owned.remove(ids.get(random.nextInt(ids.size())));
            }
            // A cooperative rebalance ends when nobody has anything left to revoke.
            boolean revoking = true;
            while (revoking) {
                generation++;
                Map<String, GroupAssignor.MemberSubscription> members = new HashMap<>();
                for (Map.Entry<String, Set<TopicPartition>> e : owned.entrySet()) {
                    members.put(e.getKey(), member(e.getKey(), topics, List.copyOf(e.getValue()),
                        e.getValue().isEmpty() ? -1 : generation - 1));
                }
                Map<String, Set<TopicPartition>> ours = KafkaAssignors.ours(sticky, counts, members);
                assertThat(ours).as("step %s generation %s: %s", step, generation, members.values())
                    .isEqualTo(KafkaAssignors.kafka(kafka(), counts, members));
                revoking = ours.entrySet().stream().anyMatch(e -> !e.getValue().containsAll(owned.get(e.getKey())));
                owned.putAll(ours);
            }
            assertThat(owned.values().stream().mapToInt(Set::size).sum()).isEqualTo(15);
        }
    }

    @Test
    void givesABalancedCompleteAssignmentOnceMovesSettleWhenSubscriptionsDiffer() {
        for (int seed = 0; seed < 2000; seed++) {
            KafkaAssignors.Scenario s = KafkaAssignors.randomScenario(new Random(seed), false, seed % 3 != 0);
            Map<String, Set<TopicPartition>> first = KafkaAssignors.ours(sticky, s.counts(), s.members());
            assertValid(seed, s, first);
            Set<TopicPartition> claimed = new HashSet<>();
            s.members().values().forEach(m -> claimed.addAll(m.ownedPartitions()));
            for (TopicPartition unassigned : unassigned(s, first)) {
                assertThat(claimed).as("seed %s: %s is unassigned without being owned", seed, unassigned)
                    .contains(unassigned);
            }

            // Rounds of the cooperative protocol, each member owning what the last round gave it, until no
            // partition is held back for moving.
            Map<String, Set<TopicPartition>> current = first;
            KafkaAssignors.Scenario round = s;
            int rounds = 0;
            while (!unassigned(round, current).isEmpty()) {
                assertThat(++rounds).as("seed %s: rounds to settle", seed).isLessThanOrEqualTo(3);
                Map<String, Set<TopicPartition>> owned = current;
                Map<String, GroupAssignor.MemberSubscription> next = new HashMap<>();
                s.members().forEach((id, m) -> next.put(id, member(id, m.topics(), List.copyOf(owned.get(id)),
                    100 + owned.size())));
                round = new KafkaAssignors.Scenario(s.counts(), next);
                current = KafkaAssignors.ours(sticky, s.counts(), next);
                assertValid(seed, round, current);
            }
            assertBalanced(seed, round, current);

            Map<String, Set<TopicPartition>> settled = current;
            Map<String, GroupAssignor.MemberSubscription> stable = new HashMap<>();
            s.members().forEach((id, m) -> stable.put(id, member(id, m.topics(), List.copyOf(settled.get(id)), 200)));
            assertThat(KafkaAssignors.ours(sticky, s.counts(), stable)).as("seed %s: a balanced group stays", seed)
                .isEqualTo(settled);
        }
    }

    @Test
    @SuppressWarnings("removal")
    void writesTheGenerationAsUserDataAsKafkaDoes() {
        org.apache.kafka.clients.consumer.CooperativeStickyAssignor kafka = kafka();
        kafka.onAssignment(new ConsumerPartitionAssignor.Assignment(List.of()),
            new ConsumerGroupMetadata("group", 7, "member", Optional.empty()));
        ByteBuffer expected = kafka.subscriptionUserData(Set.of("t"));
        byte[] bytes = new byte[expected.remaining()];
        expected.get(bytes);

        assertThat(sticky.userData(7)).isEqualTo(bytes);
    }

    @Test
    void takesTheGenerationFromUserDataWhenTheSubscriptionHasNone() {
        Map<String, GroupAssignor.MemberSubscription> members = new HashMap<>();
        List<TopicPartition> all = partitions("t", 4);
        members.put("old", new GroupAssignor.MemberSubscription("old", null, List.of("t"), all, -1,
            sticky.userData(3), null));
        members.put("new", new GroupAssignor.MemberSubscription("new", null, List.of("t"), all.subList(0, 2), -1,
            sticky.userData(5), null));

        assertThat(KafkaAssignors.ours(sticky, Map.of("t", 4), members))
            .isEqualTo(KafkaAssignors.kafka(kafka(), Map.of("t", 4), members));
    }

    private static void assertValid(int seed, KafkaAssignors.Scenario s, Map<String, Set<TopicPartition>> result) {
        assertThat(result.keySet()).as("seed %s", seed).isEqualTo(s.members().keySet());
        Set<TopicPartition> seen = new HashSet<>();
        result.forEach((id, partitions) -> {
            for (TopicPartition p : partitions) {
                assertThat(seen.add(p)).as("seed %s: %s assigned twice", seed, p).isTrue();
                assertThat(s.members().get(id).topics()).as("seed %s: %s subscribes to %s", seed, id, p.topic())
                    .contains(p.topic());
                assertThat(p.partition()).isLessThan(s.counts().get(p.topic()));
            }
        });
    }

    private static Set<TopicPartition> unassigned(KafkaAssignors.Scenario s, Map<String, Set<TopicPartition>> result) {
        Set<TopicPartition> missing = new HashSet<>();
        s.counts().forEach((topic, n) -> {
            boolean subscribed = s.members().values().stream().anyMatch(m -> m.topics().contains(topic));
            for (int p = 0; subscribed && p < n; p++) {
                missing.add(new TopicPartition(topic, p));
            }
        });
        result.values().forEach(missing::removeAll);
        return missing;
    }

    /** Kafka's criterion: no partition can move to another subscriber of its topic and narrow the gap. */
    private static void assertBalanced(int seed, KafkaAssignors.Scenario s, Map<String, Set<TopicPartition>> result) {
        result.forEach((owner, partitions) -> {
            for (TopicPartition p : partitions) {
                for (GroupAssignor.MemberSubscription other : s.members().values()) {
                    if (other.topics().contains(p.topic())) {
                        assertThat(partitions.size()).as("seed %s: %s (%s) could go to %s", seed, p, owner,
                            other.memberId()).isLessThanOrEqualTo(result.get(other.memberId()).size() + 1);
                    }
                }
            }
        });
    }

    private static GroupAssignor.MemberSubscription member(String id, List<String> topics, List<TopicPartition> owned,
                                                           int generation) {
        return new GroupAssignor.MemberSubscription(id, null, topics, owned, generation, null, null);
    }

    private static List<TopicPartition> partitions(String topic, int count) {
        List<TopicPartition> list = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            list.add(new TopicPartition(topic, p));
        }
        return list;
    }
}
