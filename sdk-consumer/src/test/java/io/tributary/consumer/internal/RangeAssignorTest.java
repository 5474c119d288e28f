package io.tributary.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class RangeAssignorTest {
    private final RangeAssignor range = new RangeAssignor();

    @Test
    void givesKafkasDocumentedExample() {
        Map<String, GroupAssignor.MemberSubscription> members = new HashMap<>();
        members.put("C0", GroupAssignor.MemberSubscription.of("C0", List.of("t0", "t1")));
        members.put("C1", GroupAssignor.MemberSubscription.of("C1", List.of("t0", "t1")));

        Map<String, Set<TopicPartition>> result = KafkaAssignors.ours(range, Map.of("t0", 3, "t1", 3), members);

        assertThat(result.get("C0")).containsExactlyInAnyOrder(new TopicPartition("t0", 0),
            new TopicPartition("t0", 1), new TopicPartition("t1", 0), new TopicPartition("t1", 1));
        assertThat(result.get("C1")).containsExactlyInAnyOrder(new TopicPartition("t0", 2),
            new TopicPartition("t1", 2));
    }

    @Test
    void putsStaticMembersFirstByInstanceIdAsKafkaDoes() {
        Map<String, GroupAssignor.MemberSubscription> members = new HashMap<>();
        members.put("a-dynamic", GroupAssignor.MemberSubscription.of("a-dynamic", List.of("t")));
        members.put("z-static", new GroupAssignor.MemberSubscription("z-static", "instance-1", List.of("t"),
            List.of(), -1, null, null));

        Map<String, Set<TopicPartition>> result = KafkaAssignors.ours(range, Map.of("t", 3), members);

        assertThat(result.get("z-static")).containsExactlyInAnyOrder(new TopicPartition("t", 0),
            new TopicPartition("t", 1));
        assertThat(result).isEqualTo(KafkaAssignors.kafka(new org.apache.kafka.clients.consumer.RangeAssignor(),
            Map.of("t", 3), members));
    }

    @Test
    void matchesKafkasRangeAssignorOnRandomGroups() {
        for (int seed = 0; seed < 2000; seed++) {
            KafkaAssignors.Scenario s = KafkaAssignors.randomScenario(new Random(seed), seed % 2 == 0, false);

            Map<String, Set<TopicPartition>> ours = KafkaAssignors.ours(range, s.counts(), s.members());
            Map<String, Set<TopicPartition>> kafka = KafkaAssignors.kafka(
                new org.apache.kafka.clients.consumer.RangeAssignor(), s.counts(), s.members());

            assertThat(ours).as("seed %s: %s over %s", seed, s.members().values(), s.counts()).isEqualTo(kafka);
        }
    }
}
