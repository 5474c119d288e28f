package io.tributary.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Transactions seen through kafka-clients' read_committed consumer; subclasses give the broker. */
abstract class TransactionSuite {
    private static final Duration WAIT = Duration.ofSeconds(60);

    abstract String bootstrapServers();

    private TributaryProducer<String, String> transactional(String transactionalId) {
        return TributaryProducer.create(ProducerOptions.create(ClientOptions.create(bootstrapServers()),
                Serdes.string().serializer(), Serdes.string().serializer())
            .transactionalId(transactionalId));
    }

    private Flux<SendResult<Integer>> records(TributaryProducer<String, String> producer, String topic, int count) {
        return producer.send(Flux.range(0, count).map(i -> ProducerRecord.of(topic, "k" + i, "v" + i).correlate(i)));
    }

    @Test
    void committedRecordsAreSeenByAReadCommittedConsumer() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "txn-commit", 3);
        TributaryProducer<String, String> producer = transactional("commit-" + UUID.randomUUID());
        StepVerifier.create(producer.inTransaction(p -> records(p, topic, 100)).count())
            .expectNext(100L)
            .expectComplete()
            .verify(WAIT);
        producer.closeNow();
        assertThat(KafkaReader.readAll(bootstrapServers(), topic, 100, "read_committed")).hasSize(100);
    }

    /**
     * A transaction ends with the EndTxn answer, on a network event loop; what follows it (the next transaction's
     * work, say) must run on the producer's scheduler instead, never on that loop.
     */
    @Test
    void whatFollowsATransactionRunsOnTheProducersSchedulerNotOnANetworkEventLoop() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "txn-threads", 1);
        TributaryProducer<String, String> producer = transactional("threads-" + UUID.randomUUID());
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        StepVerifier.create(producer.inTransaction(p -> records(p, topic, 5))
                .doOnComplete(() -> threads.add(Thread.currentThread().getName()))
                .thenMany(producer.inTransaction(p -> Flux.defer(() -> {
                    threads.add(Thread.currentThread().getName());
                    return records(p, topic, 5);
                })))
                .count())
            .expectNext(5L)
            .expectComplete()
            .verify(WAIT);
        producer.closeNow();
        assertThat(threads).hasSize(2).allMatch(name -> name.startsWith("parallel-"), "a parallel worker");
    }

    @Test
    void anErrorAbortsTheTransactionAndItsRecordsStayInvisible() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "txn-abort", 1);
        TributaryProducer<String, String> producer = transactional("abort-" + UUID.randomUUID());
        StepVerifier.create(producer.inTransaction(p -> records(p, topic, 50)
                .then(Mono.error(new IllegalStateException("processing failed")))))
            .expectErrorMessage("processing failed")
            .verify(WAIT);
        // The producer goes on: the next transaction commits.
        StepVerifier.create(producer.inTransaction(p -> records(p, topic, 10)).count())
            .expectNext(10L)
            .expectComplete()
            .verify(WAIT);
        producer.closeNow();
        assertThat(KafkaReader.readAll(bootstrapServers(), topic, 10, "read_committed")).hasSize(10);
        assertThat(KafkaReader.readAll(bootstrapServers(), topic, 60, "read_uncommitted")).hasSize(60);
    }

    @Test
    void aTransactionBegunWhileTheCancelledOneIsStillAbortingWaitsForIt() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "txn-cancel", 1);
        TributaryProducer<String, String> producer = transactional("cancel-" + UUID.randomUUID());
        // The first transaction writes records, then never ends on its own: cancelled, it aborts in the background.
        producer.inTransaction(p -> records(p, topic, 20).concatWith(Flux.never()))
            .take(20)
            .blockLast(WAIT);
        // Begun at once (as a retry resubscribes right after a failure): must not find the other still open.
        StepVerifier.create(producer.inTransaction(p -> records(p, topic, 5)).count())
            .expectNext(5L)
            .expectComplete()
            .verify(WAIT);
        producer.closeNow();
        assertThat(KafkaReader.readAll(bootstrapServers(), topic, 5, "read_committed")).hasSize(5);
    }

    @Test
    void offsetsSentToTheTransactionAreCommittedWithIt() throws Exception {
        String topic = KafkaReader.createTopic(bootstrapServers(), "txn-offsets", 1);
        String group = "ctp-" + UUID.randomUUID();
        TributaryProducer<String, String> producer = transactional("offsets-" + UUID.randomUUID());
        StepVerifier.create(producer.inTransaction(p -> records(p, topic, 5)
                .then(p.sendOffsetsToTransaction(Map.of(new TopicPartition(topic, 0), 4L), group))))
            .expectComplete()
            .verify(WAIT);
        producer.closeNow();
        // EndTxn answers once the commit is prepared; the markers (and so the offsets) land a moment later.
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers()))) {
            org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition(topic, 0);
            OffsetAndMetadata committed = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (committed == null && System.nanoTime() < deadline) {
                committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(tp);
                if (committed == null) {
                    Thread.sleep(100);
                }
            }
            assertThat(committed).isNotNull();
            assertThat(committed.offset()).isEqualTo(4L);
        }
    }

    @Test
    void aNewerProducerWithTheSameIdFencesTheOlderOne() {
        String topic = KafkaReader.createTopic(bootstrapServers(), "txn-fence", 1);
        String id = "fence-" + UUID.randomUUID();
        TributaryProducer<String, String> older = transactional(id);
        StepVerifier.create(older.inTransaction(p -> records(p, topic, 1)).then())
            .expectComplete()
            .verify(WAIT);
        TributaryProducer<String, String> newer = transactional(id);
        StepVerifier.create(newer.inTransaction(p -> records(p, topic, 1)).then())
            .expectComplete()
            .verify(WAIT);
        StepVerifier.create(older.inTransaction(p -> records(p, topic, 1)))
            .expectErrorSatisfies(e -> assertThat(e)
                .isInstanceOfSatisfying(ApiException.class,
                    a -> assertThat(a.error()).isEqualTo(ErrorCode.PRODUCER_FENCED))
                .hasMessageContaining(id))
            .verify(WAIT);
        older.closeNow();
        newer.closeNow();
    }

    @Test
    void aTransactionalProducerRefusesToSendOutsideATransaction() {
        TributaryProducer<String, String> producer = transactional("outside-" + UUID.randomUUID());
        StepVerifier.create(producer.send(ProducerRecord.of("anywhere", "k", "v")))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inTransaction"))
            .verify(WAIT);
        producer.closeNow();
    }
}
