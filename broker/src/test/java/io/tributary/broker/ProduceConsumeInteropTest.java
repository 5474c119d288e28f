package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** kafka-clients 4.x producer and consumer against the embedded broker. */
final class ProduceConsumeInteropTest {
    private static EmbeddedBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.create(BrokerConfig.defaults()
            .set("message.max.bytes", Integer.toString(8 << 20))
            .set("socket.request.max.bytes", Integer.toString(16 << 20))).start();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        admin = Admin.create(p);
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @ParameterizedTest(name = "compression={0} acks={1}")
    @CsvSource({"none,1", "gzip,all", "snappy,1", "lz4,all", "zstd,1", "none,0"})
    void everyCodecAndAckLevelRoundTrips(String compression, String acks) throws Exception {
        String topic = "codec-" + compression + "-" + acks;
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        int count = 500;
        try (KafkaProducer<String, String> producer = producer(Map.of(
            ProducerConfig.COMPRESSION_TYPE_CONFIG, compression, ProducerConfig.ACKS_CONFIG, acks))) {
            for (int i = 0; i < count; i++) {
                ProducerRecord<String, String> r = new ProducerRecord<>(topic, "key-" + i, "value-" + i);
                r.headers().add(new RecordHeader("h", ("x" + i).getBytes()));
                producer.send(r);
            }
            producer.flush();
        }
        List<ConsumerRecord<String, String>> records = consumeAll(topic, 2, count);
        assertThat(records).hasSize(count);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.value()).isEqualTo("value-" + r.key().substring(4));
            assertThat(new String(r.headers().lastHeader("h").value())).isEqualTo("x" + r.key().substring(4));
        });
    }

    @Test
    void acknowledgedOffsetsAreContiguousAndKeysLandWhereMurmur2SaysSo() throws Exception {
        admin.createTopics(List.of(new NewTopic("offsets", 3, (short) 1))).all().get();
        List<RecordMetadata> acks = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < 30; i++) {
                acks.add(producer.send(new ProducerRecord<>("offsets", "same-key", "v" + i)).get());
            }
        }
        assertThat(acks).extracting(RecordMetadata::partition).containsOnly(acks.get(0).partition());
        for (int i = 0; i < acks.size(); i++) {
            assertThat(acks.get(i).offset()).isEqualTo(i);
        }
    }

    @Test
    void aFiveMegabyteRecordPassesWithRaisedLimits() throws Exception {
        admin.createTopics(List.of(new NewTopic("large", 1, (short) 1)
            .configs(Map.of("max.message.bytes", Integer.toString(8 << 20))))).all().get();
        String big = "x".repeat(5 << 20);
        try (KafkaProducer<String, String> producer = producer(Map.of(
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 << 20),
            ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(32 << 20)))) {
            producer.send(new ProducerRecord<>("large", "k", big)).get();
        }
        List<ConsumerRecord<String, String>> records = consumeAll("large", 1, 1);
        assertThat(records.get(0).value()).hasSize(5 << 20);
    }

    @Test
    void logAppendTimeTopicsCarryTheBrokersTimestamp() throws Exception {
        admin.createTopics(List.of(new NewTopic("appended", 1, (short) 1)
            .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get();
        long before = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            RecordMetadata m = producer.send(new ProducerRecord<>("appended", 0, 42L, "k", "v")).get();
            assertThat(m.timestamp()).isBetween(before, System.currentTimeMillis());
        }
        ConsumerRecord<String, String> r = consumeAll("appended", 1, 1).get(0);
        assertThat(r.timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME);
        assertThat(r.timestamp()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void topicsWithAStoredCodecRecompressWhatProducersSend() throws Exception {
        admin.createTopics(List.of(new NewTopic("recompressed", 1, (short) 1)
            .configs(Map.of("compression.type", "gzip")))).all().get();
        try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"))) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("recompressed", "k" + i, "v" + i));
            }
            producer.flush();
        }
        List<ConsumerRecord<String, String>> records = consumeAll("recompressed", 1, 50);
        assertThat(records).extracting(ConsumerRecord::value).startsWith("v0", "v1").hasSize(50);
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(
            broker.logDir().resolve("recompressed-0"))) {
            java.nio.file.Path log = files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
            byte[] bytes = java.nio.file.Files.readAllBytes(log);
            // Attributes of the first batch (offset 21, int16): codec bits 0-2 = 1 (gzip).
            assertThat(((bytes[21] << 8) | (bytes[22] & 0xff)) & 7).isEqualTo(1);
        }
    }

    @Test
    void tooLargeRecordsAreRefused() throws Exception {
        admin.createTopics(List.of(new NewTopic("small-limit", 1, (short) 1)
            .configs(Map.of("max.message.bytes", "1024")))).all().get();
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("small-limit", "k", "y".repeat(4000))).get())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RecordTooLargeException.class);
        }
    }

    @Test
    void consumerSeeksAndFindsOffsetsByTime() throws Exception {
        admin.createTopics(List.of(new NewTopic("timed", 1, (short) 1))).all().get();
        long base = System.currentTimeMillis() - 100_000;
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("timed", 0, base + i * 1000L, "k" + i, "v" + i));
            }
            producer.flush();
        }
        TopicPartition tp = new TopicPartition("timed", 0);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(List.of(tp));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(Map.of(tp, base + 4500));
            assertThat(found.get(tp).offset()).isEqualTo(5);
            assertThat(found.get(tp).timestamp()).isEqualTo(base + 5000);
            assertThat(consumer.beginningOffsets(List.of(tp)).get(tp)).isZero();
            assertThat(consumer.endOffsets(List.of(tp)).get(tp)).isEqualTo(10);
            consumer.seek(tp, 7);
            List<ConsumerRecord<String, String>> got = poll(consumer, 3);
            assertThat(got).extracting(ConsumerRecord::value).containsExactly("v7", "v8", "v9");
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String topic, int partitions, int expected) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(topic, p));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            return poll(consumer, expected);
        }
    }

    private static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, int expected) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (out.size() < expected && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }

    private static KafkaProducer<String, String> producer(Map<String, String> extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putAll(extra);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(16 << 20));
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
