package io.tributary.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class RoundRobinAssignorTest {
    private final RoundRobinAssignor roundRobin = new RoundRobinAssignor();

    @Test
    void skipsMembersThatDoNotSubscribeAsInKafkasDocumentedExample() {
        Map<String, GroupAssignor.MemberSubscription> members = new HashMap<>();
        members.put("C0", GroupAssignor.MemberSubscription.of("C0", List.of("t0")));
        members.put("C1", GroupAssignor.MemberSubscription.of("C1", List.of("t0", "t1")));
        members.put("C2", GroupAssignor.MemberSubscription.of("C2", List.of("t0", "t1", "t2")));

        Map<String, Set<TopicPartition>> result = KafkaAssignors.ours(roundRobin, Map.of("t0", 1, "t1", 2, "t2", 3),
            members);

        assertThat(result.get("C0")).containsExactly(new TopicPartition("t0", 0));
        assertThat(result.get("C1")).containsExactly(new TopicPartition("t1", 0));
        assertThat(result.get("C2")).containsExactlyInAnyOrder(new TopicPartition("t1", 1),
            new TopicPartition("t2", 0), new TopicPartition("t2", 1), new TopicPartition("t2", 2));
    }

    @Test
    void matchesKafkasRoundRobinAssignorOnRandomGroups() {
        for (int seed = 0; seed < 2000; seed++) {
            KafkaAssignors.Scenario s = KafkaAssignors.randomScenario(new Random(seed), seed % 2 == 0, false);

            Map<String, Set<TopicPartition>> ours = KafkaAssignors.ours(roundRobin, s.counts(), s.members());
            Map<String, Set<TopicPartition>> kafka = KafkaAssignors.kafka(
                new org.apache.kafka.clients.consumer.RoundRobinAssignor(), s.counts(), s.members());

            assertThat(ours).as("seed %s: %s over %s", seed, s.members().values(), s.counts()).isEqualTo(kafka);
        }
    }
}
