package io.tributary.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.EmbeddedBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kafka's {@code kafka-consumer-groups} tool against a consumer-protocol group: list, describe with lag, reset. */
final class ConsumerGroupsToolTest {
    private static final String TOPIC = "tool-topic";
    private static final String GROUP = "tool-group";

    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.create(BrokerConfig.defaults()
            .set("group.initial.rebalance.delay.ms", "0")
            .set("group.consumer.min.heartbeat.interval.ms", "100")
            .set("group.consumer.heartbeat.interval.ms", "300")
            .set("group.consumer.min.session.timeout.ms", "1000")
            .set("group.consumer.session.timeout.ms", "10000")).start();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void describesLagOfAConsumerProtocolGroupAndResetsItsOffsetsToTheEarliest() throws Exception {
        produce(0, 5);
        produce(1, 5);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(TOPIC));
            int[] read = {0};
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                read[0] += consumer.poll(Duration.ofMillis(100)).count();
                return read[0] >= 10;
            });
            consumer.commitSync(Duration.ofSeconds(10));
            produce(0, 3);

            KafkaTool.Run list = run("--list");
            assertThat(list.outLines()).as(list.toString()).contains(GROUP);
            KafkaTool.Run described = run("--describe", "--group", GROUP);
            assertThat(described.status()).as(described.toString()).isZero();
            assertThat(row(described, 0)).as(described.toString())
                .containsSubsequence(GROUP, TOPIC, "0", "5", "8", "3");
            assertThat(row(described, 1)).containsSubsequence(GROUP, TOPIC, "1", "5", "5", "0");
            assertThat(row(described, 0)).anySatisfy(column -> assertThat(column).startsWith("/127.0.0.1"));
            KafkaTool.Run state = run("--describe", "--group", GROUP, "--state");
            assertThat(state.out()).as(state.toString()).contains("Stable").contains("uniform");
        }

        KafkaTool.Run reset = run("--reset-offsets", "--to-earliest", "--execute", "--group", GROUP, "--topic", TOPIC);
        assertThat(reset.status()).as(reset.toString()).isZero();
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
            assertThat(offsets).hasSize(2).allSatisfy((tp, o) -> assertThat(o.offset()).isZero());
        }
        KafkaTool.Run empty = run("--describe", "--group", GROUP);
        assertThat(empty.out() + empty.err()).as(empty.toString()).contains("has no active members");
        assertThat(row(empty, 0)).containsSubsequence(GROUP, TOPIC, "0", "0", "8", "8");
    }

    private static KafkaTool.Run run(String... args) {
        return KafkaTool.runAgainst(broker.bootstrapServers(), ConsumerGroupCommand::main, args);
    }

    /** The whitespace-separated columns of the tool's row for a partition of the topic. */
    private static List<String> row(KafkaTool.Run run, int partition) {
        return run.outLines().stream().map(l -> List.of(l.trim().split("\\s+")))
            .filter(cols -> cols.size() > 3 && cols.get(1).equals(TOPIC) && cols.get(2).equals("" + partition))
            .findFirst().orElseThrow(() -> new AssertionError("no row for partition " + partition + " in " + run));
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(p);
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private static void produce(int partition, int count) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, partition, "k", "v" + i));
            }
            producer.flush();
        }
    }
}
