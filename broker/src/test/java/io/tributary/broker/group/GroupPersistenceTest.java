package io.tributary.broker.group;

import static io.tributary.broker.group.GroupClients.commit;
import static io.tributary.broker.group.GroupClients.consumer;
import static io.tributary.broker.group.GroupClients.newProtocolConsumer;
import static io.tributary.broker.group.GroupClients.pollUntil;
import static io.tributary.broker.group.GroupClients.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Committed offsets and group metadata survive a broker restart through {@code __consumer_offsets}. */
final class GroupPersistenceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void offsetsAndGroupsSurviveARestart() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create(BrokerConfig.defaults()
            .set("group.initial.rebalance.delay.ms", "0")
            .set("offsets.topic.num.partitions", "5")).start()) {
            try (Admin admin = GroupClients.admin(broker)) {
                admin.createTopics(List.of(new NewTopic("durable", 3, (short) 1))).all().get();
                produce(broker, "durable", 3, 4, "before");
                KafkaConsumer<String, String> consumer = consumer(broker, "durable-group", "first");
                List<ConsumerRecord<String, String>> got = new ArrayList<>();
                try {
                    consumer.subscribe(List.of("durable"));
                    pollUntil(List.of(consumer), got::add, () -> got.size() >= 12, WAIT);
                    commit(List.of(consumer), consumer, got::add);
                } finally {
                    consumer.close(Duration.ofSeconds(5));
                }
                admin.alterConsumerGroupOffsets("durable-simple",
                    Map.of(new TopicPartition("durable", 1), new OffsetAndMetadata(2, "kept"))).all().get();
                // A group whose offsets are deleted must stay deleted after the restart.
                admin.alterConsumerGroupOffsets("durable-gone",
                    Map.of(new TopicPartition("durable", 0), new OffsetAndMetadata(1))).all().get();
                admin.deleteConsumerGroups(List.of("durable-gone")).all().get();
                TopicDescription internal = admin.describeTopics(List.of("__consumer_offsets"))
                    .allTopicNames().get().get("__consumer_offsets");
                assertThat(internal.isInternal()).isTrue();
                assertThat(internal.partitions()).hasSize(5);
            }

            broker.stop();
            broker.start();

            try (Admin admin = GroupClients.admin(broker)) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("durable-group")
                    .partitionsToOffsetAndMetadata().get();
                assertThat(offsets).hasSize(3).allSatisfy((tp, o) -> assertThat(o.offset()).isEqualTo(4));
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of("durable-group"))
                    .describedGroups().get("durable-group").get();
                assertThat(d.groupState()).isEqualTo(GroupState.EMPTY);
                OffsetAndMetadata simple = admin.listConsumerGroupOffsets("durable-simple")
                    .partitionsToOffsetAndMetadata().get().get(new TopicPartition("durable", 1));
                assertThat(simple.offset()).isEqualTo(2);
                assertThat(simple.metadata()).isEqualTo("kept");
                assertThat(admin.listConsumerGroups().all().get()).extracting(l -> l.groupId())
                    .contains("durable-group", "durable-simple").doesNotContain("durable-gone");
            }

            List<String> after = produce(broker, "durable", 3, 1, "after");
            KafkaConsumer<String, String> resumed = consumer(broker, "durable-group", "second");
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            try {
                resumed.subscribe(List.of("durable"));
                pollUntil(List.of(resumed), got::add, () -> got.size() >= 3, WAIT);
                resumed.poll(Duration.ofMillis(300)).forEach(got::add);
            } finally {
                resumed.close(Duration.ofSeconds(5));
            }
            assertThat(got).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(after);
        }
    }

    @Test
    void aConsumerProtocolGroupAndItsOffsetsSurviveARestart() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create(GroupClients.fastGroups()
            .set("offsets.topic.num.partitions", "5")).start()) {
            try (Admin admin = GroupClients.admin(broker)) {
                admin.createTopics(List.of(new NewTopic("kip848", 2, (short) 1))).all().get();
            }
            produce(broker, "kip848", 2, 3, "before");
            KafkaConsumer<String, String> consumer = newProtocolConsumer(broker, "kip848-group", "first");
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            try {
                consumer.subscribe(List.of("kip848"));
                pollUntil(List.of(consumer), got::add, () -> got.size() >= 6, WAIT);
                consumer.commitSync(Duration.ofSeconds(10));
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }

            broker.stop();
            broker.start();

            try (Admin admin = GroupClients.admin(broker)) {
                assertThat(admin.listConsumerGroupOffsets("kip848-group").partitionsToOffsetAndMetadata().get())
                    .hasSize(2).allSatisfy((tp, o) -> assertThat(o.offset()).isEqualTo(3));
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of("kip848-group"))
                    .describedGroups().get("kip848-group").get();
                assertThat(d.type()).isEqualTo(GroupType.CONSUMER);
                assertThat(d.groupState()).isEqualTo(GroupState.EMPTY);
                assertThat(d.groupEpoch()).hasValueSatisfying(e -> assertThat(e).isGreaterThanOrEqualTo(2));
            }
            List<String> after = produce(broker, "kip848", 2, 1, "after");
            KafkaConsumer<String, String> resumed = newProtocolConsumer(broker, "kip848-group", "second");
            List<ConsumerRecord<String, String>> more = new ArrayList<>();
            try {
                resumed.subscribe(List.of("kip848"));
                pollUntil(List.of(resumed), more::add, () -> more.size() >= 2, WAIT);
                resumed.poll(Duration.ofMillis(300)).forEach(more::add);
            } finally {
                resumed.close(Duration.ofSeconds(5));
            }
            assertThat(more).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(after);
        }
    }
}
