package io.tributary.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** read_committed consumption of transactions written by Tributary's producer; subclasses give the broker. */
abstract class ReadCommittedSuite {
    private static final Duration WAIT = Duration.ofSeconds(60);

    abstract String bootstrapServers();

    @Test
    void readCommittedSkipsAbortedTransactionsAndReadUncommittedSeesThem() {
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

        ConsumerOptions<String, String> base = ConsumerOptions.create(ClientOptions.create(bootstrapServers()),
                Serdes.string().deserializer(), Serdes.string().deserializer())
            .offsetReset(OffsetReset.EARLIEST)
            .assignment(List.of(new TopicPartition(topic, 0)));
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
}
