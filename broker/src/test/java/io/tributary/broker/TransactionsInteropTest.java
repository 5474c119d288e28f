package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transactions through kafka-clients: commit, abort, read_committed, offsets, fencing, timeouts, restarts. */
final class TransactionsInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void committedTransactionIsVisibleToReadCommittedConsumers() {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("committed", 2);
            try (KafkaProducer<String, String> producer = producer(broker, "commit-1", 60_000)) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("committed", i % 2, "k" + i, "v" + i));
                }
                producer.commitTransaction();
            }
            assertThat(values(readAll(broker, "committed", "read_committed", 10)))
                .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
        }
    }

    @Test
    void kafkaClientsRunTransactionsV2BackToBackWithAnEpochBumpAtEveryEnd() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("v2", 2);
            broker.createTopic("in", 1);
            try (KafkaProducer<String, String> producer = producer(broker, "v2-1", 60_000);
                 Admin admin = admin(broker)) {
                producer.initTransactions();
                // No AddPartitionsToTxn (Produce v12 adds them) and no AddOffsetsToTxn (TxnOffsetCommit v5 does):
                // each transaction starts right after the last one's EndTxn, while its markers may still be written.
                for (int i = 0; i < 20; i++) {
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>("v2", i % 2, "k", "v" + i));
                    producer.send(new ProducerRecord<>("v2", (i + 1) % 2, "k", "w" + i));
                    producer.sendOffsetsToTransaction(Map.of(new TopicPartition("in", 0),
                        new OffsetAndMetadata(i + 1)), new ConsumerGroupMetadata("v2-group"));
                    if (i % 5 == 4) {
                        producer.abortTransaction();
                    } else {
                        producer.commitTransaction();
                    }
                }
                assertThat(describe(admin, "v2-1").producerEpoch()).as("one bump per commit or abort").isEqualTo(20);
                assertThat(admin.listConsumerGroupOffsets("v2-group").partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition("in", 0)).offset()).as("the last committed transaction's offset")
                    .isEqualTo(19);
            }
            List<String> committed = values(readAll(broker, "v2", "read_committed", 32));
            assertThat(committed).hasSize(32).doesNotContain("v4", "w4", "v9", "w9", "v14", "w14", "v19", "w19");
        }
    }

    @Test
    void abortedRecordsAreHiddenFromReadCommittedButNotFromReadUncommitted() {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("aborted", 1);
            try (KafkaProducer<String, String> producer = producer(broker, "abort-1", 60_000);
                 KafkaProducer<String, String> plain = plainProducer(broker)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("aborted", "k", "aborted-1"));
                producer.send(new ProducerRecord<>("aborted", "k", "aborted-2"));
                producer.flush();
                // A non-transactional record in the middle of the aborted transaction stays visible.
                plain.send(new ProducerRecord<>("aborted", "k", "plain")).get();
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("aborted", "k", "committed"));
                producer.commitTransaction();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(values(readAll(broker, "aborted", "read_committed", 2)))
                .containsExactly("plain", "committed");
            assertThat(values(readAll(broker, "aborted", "read_uncommitted", 4)))
                .containsExactly("aborted-1", "aborted-2", "plain", "committed");
            // The aborted-transaction index is rebuilt from the log after a restart.
            broker.stop();
            broker.start();
            assertThat(values(readAll(broker, "aborted", "read_committed", 2)))
                .containsExactly("plain", "committed");
        }
    }

    @Test
    void openTransactionHoldsTheLastStableOffsetUntilItCommits() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("stable", 1);
            TopicPartition tp = new TopicPartition("stable", 0);
            try (KafkaProducer<String, String> producer = producer(broker, "stable-1", 60_000);
                 KafkaProducer<String, String> plain = plainProducer(broker);
                 KafkaConsumer<String, String> committed = consumer(broker, "read_committed", null);
                 KafkaConsumer<String, String> uncommitted = consumer(broker, "read_uncommitted", null)) {
                plain.send(new ProducerRecord<>("stable", "k", "before")).get();
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("stable", "k", "open")).get();
                plain.send(new ProducerRecord<>("stable", "k", "after")).get();
                assertThat(committed.endOffsets(List.of(tp)).get(tp)).isEqualTo(1);
                assertThat(uncommitted.endOffsets(List.of(tp)).get(tp)).isEqualTo(3);
                producer.commitTransaction();
                await().atMost(WAIT).untilAsserted(() ->
                    assertThat(committed.endOffsets(List.of(tp)).get(tp)).isEqualTo(4));
            }
            assertThat(values(readAll(broker, "stable", "read_committed", 3))).containsExactly("before", "open",
                "after");
        }
    }

    @Test
    void offsetsSentToATransactionAreCommittedOnlyWhenItCommits() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create(BrokerConfig.defaults()
            .set("offsets.topic.num.partitions", "3")).start()) {
            broker.createTopic("input", 1);
            broker.createTopic("output", 1);
            TopicPartition in = new TopicPartition("input", 0);
            ConsumerGroupMetadata group = new ConsumerGroupMetadata("ctp-group");
            try (KafkaProducer<String, String> producer = producer(broker, "ctp-1", 60_000);
                 Admin admin = admin(broker)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("output", "k", "dropped"));
                producer.sendOffsetsToTransaction(Map.of(in, new OffsetAndMetadata(7, "aborted")), group);
                producer.abortTransaction();
                assertThat(committedOffsets(admin, "ctp-group")).doesNotContainKey(in);

                producer.beginTransaction();
                producer.send(new ProducerRecord<>("output", "k", "kept"));
                producer.sendOffsetsToTransaction(Map.of(in, new OffsetAndMetadata(5, "meta")), group);
                producer.commitTransaction();
                await().atMost(WAIT).untilAsserted(() -> {
                    OffsetAndMetadata o = committedOffsets(admin, "ctp-group").get(in);
                    assertThat(o).isNotNull();
                    assertThat(o.offset()).isEqualTo(5);
                    assertThat(o.metadata()).isEqualTo("meta");
                });
            }
            assertThat(values(readAll(broker, "output", "read_committed", 1))).containsExactly("kept");
            // The committed offset survives a restart; the aborted one stays gone.
            broker.stop();
            broker.start();
            try (Admin admin = admin(broker)) {
                await().atMost(WAIT).untilAsserted(() ->
                    assertThat(committedOffsets(admin, "ctp-group").get(in).offset()).isEqualTo(5));
            }
        }
    }

    @Test
    void aSecondProducerWithTheSameIdFencesTheFirstAndAbortsItsTransaction() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("fenced", 1);
            try (KafkaProducer<String, String> first = producer(broker, "zombie", 60_000);
                 KafkaProducer<String, String> second = producer(broker, "zombie", 60_000)) {
                first.initTransactions();
                first.beginTransaction();
                first.send(new ProducerRecord<>("fenced", "k", "zombie")).get();
                second.initTransactions();
                second.beginTransaction();
                second.send(new ProducerRecord<>("fenced", "k", "winner"));
                second.commitTransaction();
                assertThatThrownBy(first::commitTransaction).isInstanceOf(ProducerFencedException.class);
            }
            assertThat(values(readAll(broker, "fenced", "read_committed", 1))).containsExactly("winner");
        }
    }

    @Test
    void aTransactionOpenLongerThanItsTimeoutIsAbortedAndItsProducerFenced() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create(BrokerConfig.defaults()
            .set("transaction.abort.timed.out.transaction.cleanup.interval.ms", "200")).start()) {
            broker.createTopic("stuck", 1);
            try (KafkaProducer<String, String> producer = producer(broker, "stuck-1", 1000);
                 Admin admin = admin(broker)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("stuck", "k", "stuck")).get();
                await().atMost(WAIT).untilAsserted(() -> {
                    TransactionDescription d = describe(admin, "stuck-1");
                    assertThat(d.state()).isEqualTo(TransactionState.COMPLETE_ABORT);
                    assertThat(d.producerEpoch()).isEqualTo(1);
                });
                assertThatThrownBy(producer::commitTransaction).isInstanceOfAny(ProducerFencedException.class,
                    InvalidProducerEpochException.class);
            }
            try (KafkaProducer<String, String> next = producer(broker, "stuck-1", 60_000)) {
                next.initTransactions();
                next.beginTransaction();
                next.send(new ProducerRecord<>("stuck", "k", "fresh"));
                next.commitTransaction();
            }
            assertThat(values(readAll(broker, "stuck", "read_committed", 1))).containsExactly("fresh");
        }
    }

    @Test
    void transactionStateSurvivesARestartInTheMiddleOfATransaction(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        BrokerConfig config = BrokerConfig.defaults().listener("localhost", port).logDir(dir)
            .set("transaction.state.log.num.partitions", "5");
        long producerId;
        try (EmbeddedBroker broker = EmbeddedBroker.create(config).start()) {
            broker.createTopic("durable", 2);
            try (KafkaProducer<String, String> producer = producer(broker, "durable-1", 60_000);
                 Admin admin = admin(broker)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("durable", 0, "k", "a")).get();
                producerId = describe(admin, "durable-1").producerId();

                broker.stop();
                broker.start();

                producer.send(new ProducerRecord<>("durable", 1, "k", "b"));
                producer.commitTransaction();
                TransactionDescription d = describe(admin, "durable-1");
                assertThat(d.producerId()).isEqualTo(producerId);
                assertThat(d.producerEpoch()).as("transactions V2: the commit bumped the epoch").isEqualTo(1);
            }
            assertThat(values(readAll(broker, "durable", "read_committed", 2))).containsExactlyInAnyOrder("a", "b");
        }
        try (EmbeddedBroker broker = EmbeddedBroker.create(config).start();
             KafkaProducer<String, String> again = producer(broker, "durable-1", 60_000);
             Admin admin = admin(broker)) {
            again.initTransactions();
            TransactionDescription d = describe(admin, "durable-1");
            assertThat(d.producerId()).isEqualTo(producerId);
            assertThat(d.producerEpoch()).isEqualTo(2);
            assertThat(d.state()).isEqualTo(TransactionState.EMPTY);
        }
    }

    @Test
    void adminDescribesAndListsTransactionsAndProducers() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("described", 2);
            try (KafkaProducer<String, String> open = producer(broker, "describe-open", 60_000);
                 KafkaProducer<String, String> done = producer(broker, "describe-done", 45_000);
                 Admin admin = admin(broker)) {
                done.initTransactions();
                done.beginTransaction();
                done.send(new ProducerRecord<>("described", 0, "k", "x"));
                done.commitTransaction();
                open.initTransactions();
                open.beginTransaction();
                open.send(new ProducerRecord<>("described", 1, "k", "y")).get();
                open.send(new ProducerRecord<>("described", 1, "k", "z")).get();

                TransactionDescription d = describe(admin, "describe-open");
                assertThat(d.state()).isEqualTo(TransactionState.ONGOING);
                assertThat(d.transactionTimeoutMs()).isEqualTo(60_000);
                assertThat(d.transactionStartTimeMs().orElse(-1)).isPositive();
                assertThat(d.topicPartitions()).containsExactly(new TopicPartition("described", 1));
                assertThat(describe(admin, "describe-done").state()).isEqualTo(TransactionState.COMPLETE_COMMIT);

                assertThat(admin.listTransactions().all().get().stream().map(l -> l.transactionalId())
                    .collect(Collectors.toList())).contains("describe-open", "describe-done");
                assertThat(admin.listTransactions(new org.apache.kafka.clients.admin.ListTransactionsOptions()
                        .filterStates(List.of(TransactionState.ONGOING))).all().get())
                    .extracting(l -> l.transactionalId()).containsExactly("describe-open");
                assertThat(admin.listTransactions(new org.apache.kafka.clients.admin.ListTransactionsOptions()
                        .filterProducerIds(List.of(d.producerId()))).all().get())
                    .extracting(l -> l.producerId()).containsExactly(d.producerId());

                TopicPartition tp = new TopicPartition("described", 1);
                var producers = admin.describeProducers(List.of(tp)).partitionResult(tp).get().activeProducers();
                assertThat(producers).hasSize(1);
                var state = producers.get(0);
                assertThat(state.producerId()).isEqualTo(d.producerId());
                assertThat(state.producerEpoch()).isEqualTo(d.producerEpoch());
                assertThat(state.lastSequence()).isEqualTo(1);
                assertThat(state.lastTimestamp()).isPositive();
                assertThat(state.currentTransactionStartOffset()).hasValue(0L);
                open.abortTransaction();
                await().atMost(WAIT).untilAsserted(() -> assertThat(admin.describeProducers(List.of(tp))
                    .partitionResult(tp).get().activeProducers().get(0).currentTransactionStartOffset()).isEmpty());
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static KafkaProducer<String, String> producer(EmbeddedBroker broker, String transactionalId, int timeoutMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Integer.toString(timeoutMs));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaProducer<String, String> plainProducer(EmbeddedBroker broker) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedBroker broker, String isolation, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    static Admin admin(EmbeddedBroker broker) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return Admin.create(p);
    }

    /** Every record of every partition of {@code topic}, reading until {@code expected} arrived and a bit longer. */
    static List<ConsumerRecord<String, String>> readAll(EmbeddedBroker broker, String topic, String isolation,
                                                        int expected) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(broker, isolation, null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // A little longer, to catch records that should not be there.
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).collect(Collectors.toList());
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(Admin admin, String group)
        throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }

    private static TransactionDescription describe(Admin admin, String transactionalId) {
        try {
            return admin.describeTransactions(List.of(transactionalId)).description(transactionalId).get();
        } catch (Exception e) {
            throw new KafkaException(e);
        }
    }
}
