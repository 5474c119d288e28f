package io.tributary.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** read_committed consumption of transactions written by Tributary's producer; subclasses give the broker. */
abstract class ReadCommittedSuite {
    private static final Duration WAIT = Duration.ofSeconds(60);

    abstract String bootstrapServers();

    /** Writes a committed, an aborted and a committed transaction: records at 0-2 and 8-9, the last marker at 10. */
    private String writeTransactions() {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "read-committed", 1);
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(
                ClientOptions.create(bootstrapServers()), Serdes.string().serializer(), Serdes.string().serializer())
            .transactionalId("rc-" + UUID.randomUUID()));
        producer.inTransaction(p -> p.send(Flux.range(0, 3).map(i -> ProducerRecord.of(topic, "k", "committed-a" + i)
            .correlate(i)))).blockLast(WAIT);
        producer.inTransaction(p -> p.send(Flux.range(0, 3).map(i -> ProducerRecord.of(topic, "k", "aborted" + i)
                .correlate(i))).then(Mono.error(new IllegalStateException("abort"))))
            .onErrorResume(e -> Mono.empty()).blockLast(WAIT);
        producer.inTransaction(p -> p.send(Flux.range(0, 2).map(i -> ProducerRecord.of(topic, "k", "committed-b" + i)
            .correlate(i)))).blockLast(WAIT);
        producer.closeNow();
        return topic;
    }

    private ConsumerOptions<String, String> options(String topic) {
        return ConsumerOptions.create(ClientOptions.create(bootstrapServers()),
                Serdes.string().deserializer(), Serdes.string().deserializer())
            .offsetReset(OffsetReset.EARLIEST)
            .assignment(List.of(new TopicPartition(topic, 0)));
    }

    @Test
    void readCommittedSkipsAbortedTransactionsAndReadUncommittedSeesThem() {
        String topic = writeTransactions();
        ConsumerOptions<String, String> base = options(topic);
        StepVerifier.create(TributaryConsumer.create(base.isolationLevel(IsolationLevel.READ_COMMITTED)).receive()
                .map(ReceivedRecord::value)
                .take(5))
            .expectNext("committed-a0", "committed-a1", "committed-a2", "committed-b0", "committed-b1")
            .expectComplete()
            .verify(WAIT);
        List<String> uncommitted = TributaryConsumer.create(base).receive().map(ReceivedRecord::value).take(8)
            .collectList().block(WAIT);
        assertThat(uncommitted).contains("aborted0", "aborted1", "aborted2").hasSize(8);
    }

    @Test
    void thePositionMovesPastTheFinalCommitMarkerButNotPastRecordsNotYetRequested() {
        String topic = writeTransactions();
        TopicPartition tp = new TopicPartition(topic, 0);
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(options(topic)
            .isolationLevel(IsolationLevel.READ_COMMITTED));
        List<Long> offsets = new CopyOnWriteArrayList<>();
        BaseSubscriber<ReceivedRecord<String, String>> subscriber = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // demand comes from the test
            }

            @Override
            protected void hookOnNext(ReceivedRecord<String, String> record) {
                offsets.add(record.offset());
            }
        };
        consumer.receive().subscribe(subscriber);
        try {
            // The whole partition comes in one fetch; records fetched but not requested do not count.
            subscriber.request(2);
            await().atMost(WAIT).until(() -> offsets.size() == 2);
            assertThat(consumer.position(tp).block(WAIT)).isEqualTo(2L);
            subscriber.request(Long.MAX_VALUE);
            // Offset 10 (the last) is a commit marker: the last record is at 9, the position reaches the end.
            consumer.awaitPositions(Map.of(tp, 11L)).block(WAIT);
            assertThat(consumer.position(tp).block(WAIT)).isEqualTo(11L);
            assertThat(offsets).containsExactly(0L, 1L, 2L, 8L, 9L);
            assertThat(consumer.position(new TopicPartition(topic + "-other", 0)))
                .satisfies(p -> StepVerifier.create(p).expectError(IllegalStateException.class).verify(WAIT));
        } finally {
            subscriber.dispose();
            consumer.close().block(WAIT);
        }
    }
}
