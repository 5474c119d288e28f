package io.tributary.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.EmbeddedBroker;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.tools.TransactionsCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka's {@code kafka-transactions} tool against the broker: it lists an open transaction, describes it with its
 * partitions, and describes the producers writing to a partition (ListTransactions, DescribeTransactions,
 * DescribeProducers), then sees the transaction committed; and it aborts a hanging transaction (WriteTxnMarkers).
 */
final class TransactionsToolTest {
    private static final String TOPIC = "txn-tool";
    private static final String TRANSACTIONAL_ID = "tool-writer";

    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.create().start();
        broker.createTopic(TOPIC, 2);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void listsDescribesAndShowsTheProducersOfAnOpenTransaction() {
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, 0, "k", "v1"));
            producer.send(new ProducerRecord<>(TOPIC, 0, "k", "v2"));
            producer.flush();

            KafkaTool.Run list = tool("list");
            assertThat(list.status()).as(list.toString()).isZero();
            assertThat(list.outLines()).as(list.toString())
                .anySatisfy(line -> assertThat(line).contains(TRANSACTIONAL_ID).contains("Ongoing"));

            KafkaTool.Run described = tool("describe", "--transactional-id", TRANSACTIONAL_ID);
            assertThat(described.status()).as(described.toString()).isZero();
            assertThat(described.out()).as(described.toString())
                .contains(TRANSACTIONAL_ID).contains("Ongoing").contains(TOPIC + "-0");

            KafkaTool.Run producers = tool("describe-producers", "--topic", TOPIC, "--partition", "0");
            assertThat(producers.status()).as(producers.toString()).isZero();
            // ProducerId, ProducerEpoch, LatestCoordinatorEpoch, LastSequence 1 (two records), LastTimestamp,
            // CurrentTransactionStartOffset 0 (the open transaction began at offset 0).
            assertThat(producers.outLines()).as(producers.toString()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(producers.outLines().get(1).trim().split("\\s+")).as(producers.toString())
                .contains("1").endsWith("0");

            producer.commitTransaction();
        }
        KafkaTool.Run committed = tool("describe", "--transactional-id", TRANSACTIONAL_ID);
        assertThat(committed.out()).as(committed.toString()).contains("CompleteCommit");
    }

    @Test
    void abortsAHangingTransactionWithWriteTxnMarkers() {
        TopicPartition tp = new TopicPartition(TOPIC, 1);
        try (KafkaProducer<String, String> producer = transactionalProducer();
             KafkaConsumer<String, String> reader = readCommittedConsumer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, 1, "k", "hanging1"));
            producer.send(new ProducerRecord<>(TOPIC, 1, "k", "hanging2"));
            producer.flush();
            // The open transaction holds the last stable offset at its start.
            assertThat(reader.endOffsets(List.of(tp))).containsEntry(tp, 0L);

            KafkaTool.Run abort = tool("abort", "--topic", TOPIC, "--partition", "1", "--start-offset", "0");
            assertThat(abort.status()).as(abort.toString()).isZero();

            // Two records and the ABORT marker: stable up to the end, and nothing to read.
            assertThat(reader.endOffsets(List.of(tp))).containsEntry(tp, 3L);
            reader.assign(List.of(tp));
            reader.seekToBeginning(List.of(tp));
            assertThat(reader.poll(Duration.ofMillis(500)).isEmpty()).isTrue();
            assertThat(reader.position(tp)).isEqualTo(3L);
            KafkaTool.Run producers = tool("describe-producers", "--topic", TOPIC, "--partition", "1");
            assertThat(producers.outLines().get(1).trim().split("\\s+")).as(producers.toString()).endsWith("None");
        }
    }

    private static KafkaConsumer<String, String> readCommittedConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private static KafkaTool.Run tool(String... args) {
        return KafkaTool.runAgainst(broker.bootstrapServers(), TransactionsCommand::main, args);
    }

    private static KafkaProducer<String, String> transactionalProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
