package io.tributary.broker.group;

import static io.tributary.broker.group.GroupClients.commit;
import static io.tributary.broker.group.GroupClients.consumer;
import static io.tributary.broker.group.GroupClients.pollUntil;
import static io.tributary.broker.group.GroupClients.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kafka-clients 4.x consumers in a classic group against the embedded broker's coordinator. */
final class ConsumerGroupInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.create(BrokerConfig.defaults().set("group.initial.rebalance.delay.ms", "0")).start();
        admin = GroupClients.admin(broker);
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"range", "cooperative-sticky"})
    void twoConsumersSplitThePartitionsCommitAndHandOverWhenOneLeaves(String strategy) throws Exception {
        String assignor = strategy.equals("range") ? RangeAssignor.class.getName()
            : CooperativeStickyAssignor.class.getName();
        String topic = "orders-" + strategy;
        String group = "group-" + strategy;
        admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
        KafkaConsumer<String, String> c1 = consumer(broker, group, "c1", assignor);
        KafkaConsumer<String, String> c2 = consumer(broker, group, "c2", assignor);
        List<KafkaConsumer<String, String>> both = List.of(c1, c2);
        try {
            c1.subscribe(List.of(topic));
            c2.subscribe(List.of(topic));
            pollUntil(both, r -> { }, () -> splitsAllFour(c1.assignment(), c2.assignment()), WAIT);

            // Records produced now are read by whichever consumer owns their partition.
            List<String> produced = produce(broker, topic, 4, 10, "first");
            Set<String> seen = ConcurrentHashMap.newKeySet();
            pollUntil(both, r -> seen.add(r.value()), () -> seen.containsAll(produced), WAIT);
            pollUntil(both, r -> { }, () -> splitsAllFour(c1.assignment(), c2.assignment()), WAIT);
            assertThat(c1.assignment()).isNotEmpty();
            assertThat(c2.assignment()).isNotEmpty();
            commit(both, c1, r -> { });
            commit(both, c2, r -> { });
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
            assertThat(committed).hasSize(4).allSatisfy((tp, o) -> assertThat(o.offset()).isEqualTo(10));
        } finally {
            c2.close(Duration.ofSeconds(5));
        }
        try {
            // c2 left: the rebalance gives every partition to c1.
            pollUntil(List.of(c1), r -> { }, () -> c1.assignment().size() == 4, WAIT);
            List<String> more = produce(broker, topic, 4, 1, "second");
            Set<String> seen = ConcurrentHashMap.newKeySet();
            pollUntil(List.of(c1), r -> seen.add(r.value()), () -> seen.containsAll(more), WAIT);
            commit(List.of(c1), c1, r -> { });
        } finally {
            c1.close(Duration.ofSeconds(5));
        }

        // A new member of the group resumes from the committed offsets: it sees only what came after.
        List<String> late = produce(broker, topic, 4, 1, "late");
        KafkaConsumer<String, String> c3 = consumer(broker, group, "c3", assignor);
        try {
            c3.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            pollUntil(List.of(c3), got::add, () -> got.size() >= late.size(), WAIT);
            c3.poll(Duration.ofMillis(300)).forEach(got::add);
            assertThat(got).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(late);
        } finally {
            c3.close(Duration.ofSeconds(5));
        }
    }

    private static boolean splitsAllFour(Set<TopicPartition> a, Set<TopicPartition> b) {
        Set<TopicPartition> union = new HashSet<>(a);
        union.addAll(b);
        return !a.isEmpty() && !b.isEmpty() && union.size() == 4 && a.size() + b.size() == 4;
    }
}
