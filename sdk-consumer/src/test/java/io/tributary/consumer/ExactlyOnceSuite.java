package io.tributary.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.SendResult;
import io.tributary.producer.SenderRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.protocol.ErrorCode;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Exactly-once consume-transform-produce: inputs upper-cased into an output topic, with failures and a crash in the
 * middle; every input must reach a read_committed reader exactly once. Subclasses give the broker.
 */
abstract class ExactlyOnceSuite {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int INPUTS = 1000;

    abstract String bootstrapServers();

    private String input;
    private String output;
    private String group;
    private String transactionalId;

    private void setUp(String name) {
        input = KafkaWriter.createTopic(bootstrapServers(), name + "-in", 2);
        output = KafkaWriter.createTopic(bootstrapServers(), name + "-out", 2);
        group = "eos-" + UUID.randomUUID();
        transactionalId = "eos-" + UUID.randomUUID();
        KafkaWriter.write(bootstrapServers(), input, 2, 0, INPUTS);
    }

    private TributaryConsumer<String, String> consumer() {
        return TributaryConsumer.create(ConsumerOptions.create(ClientOptions.create(bootstrapServers()),
                Serdes.string().deserializer(), Serdes.string().deserializer())
            .groupId(group)
            .subscription(List.of(input))
            .offsetReset(OffsetReset.EARLIEST)
            .isolationLevel(IsolationLevel.READ_COMMITTED));
    }

    private TributaryProducer<String, String> producer() {
        return TributaryProducer.create(ProducerOptions.create(ClientOptions.create(bootstrapServers()),
                Serdes.string().serializer(), Serdes.string().serializer())
            .transactionalId(transactionalId));
    }

    private Publisher<SenderRecord<String, String, Long>> upperCase(ReceivedRecord<String, String> r) {
        return Mono.just(ProducerRecord.of(output, r.key(), r.value().toUpperCase(Locale.ROOT)).correlate(r.offset()));
    }

    /** Every value of the output a reader of {@code level} sees, once nothing more arrives for 3 s. */
    private List<String> outputValues(IsolationLevel level) {
        return TributaryConsumer.create(ConsumerOptions.create(ClientOptions.create(bootstrapServers()),
                    Serdes.string().deserializer(), Serdes.string().deserializer())
                .offsetReset(OffsetReset.EARLIEST)
                .isolationLevel(level)
                .assignment(List.of(new TopicPartition(output, 0), new TopicPartition(output, 1))))
            .receive()
            .map(ReceivedRecord::value)
            .timeout(Mono.delay(Duration.ofSeconds(30)), v -> Mono.delay(Duration.ofSeconds(3)), Flux.empty())
            .collectList()
            .block(WAIT);
    }

    private static List<String> expectedOutput() {
        return IntStream.range(0, INPUTS).mapToObj(i -> "VALUE-" + i).toList();
    }

    private void assertCommittedOffsetsAreAtTheEnd() {
        assertThat(KafkaWriter.committed(bootstrapServers(), group).values())
            .containsOnly(new OffsetAndMetadata(INPUTS / 2));
    }

    @Test
    void aFailedTransactionIsAbortedAndTheResubscribedPipelineRedoesItsBatch() {
        setUp("eos-abort");
        TributaryProducer<String, String> producer = producer();
        AtomicBoolean failedOnce = new AtomicBoolean();
        Function<ReceivedRecord<String, String>, Publisher<SenderRecord<String, String, Long>>> failOnce = r ->
            r.value().equals("value-300") && failedOnce.compareAndSet(false, true)
                ? Mono.error(new IllegalStateException("transform failed"))
                : upperCase(r);
        List<SendResult<Long>> results = consumer().receiveExactlyOnce(producer, 100, failOnce)
            .retry(1)
            .take(INPUTS)
            .collectList()
            .block(WAIT);
        producer.closeNow();

        assertThat(failedOnce).isTrue();
        assertThat(results).hasSize(INPUTS).allMatch(SendResult::isSent);
        assertThat(outputValues(IsolationLevel.READ_COMMITTED)).containsExactlyInAnyOrderElementsOf(expectedOutput());
        assertCommittedOffsetsAreAtTheEnd();
    }

    @Test
    void aPipelineThatCrashesMidTransactionIsFencedAndItsSuccessorWritesEveryInputExactlyOnce() throws Exception {
        setUp("eos-crash");
        TributaryProducer<String, String> crashing = producer();
        AtomicInteger sentByCrashing = new AtomicInteger();
        AtomicInteger committedByCrashing = new AtomicInteger();
        CountDownLatch hung = new CountDownLatch(1);
        Disposable first = consumer().receiveExactlyOnce(crashing, 100, r -> {
            if (r.value().equals("value-450")) {
                hung.countDown();
                return Mono.never();   // the process stops here, its transaction open
            }
            sentByCrashing.incrementAndGet();
            return upperCase(r);
        }).subscribe(result -> committedByCrashing.incrementAndGet());
        assertThat(hung.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // Everything it sent is in the log, the open transaction's records among them.
        int sent = sentByCrashing.get();
        assertThat(TributaryConsumer.create(ConsumerOptions.create(ClientOptions.create(bootstrapServers()),
                    Serdes.string().deserializer(), Serdes.string().deserializer())
                .offsetReset(OffsetReset.EARLIEST)
                .assignment(List.of(new TopicPartition(output, 0), new TopicPartition(output, 1))))
            .receive().take(sent).count().block(WAIT)).isEqualTo(sent);
        int inOpenTransaction = sent - committedByCrashing.get();

        // The successor starts with the same transactional id: that fences the crashed producer and aborts its
        // open transaction; only then does the crashed consumer leave the group, as a dead process's would.
        TributaryProducer<String, String> successor = producer();
        successor.inTransaction(p -> Flux.empty()).blockLast(WAIT);
        first.dispose();
        int remaining = INPUTS - committedByCrashing.get();
        List<SendResult<Long>> results = consumer().receiveExactlyOnce(successor, 100, this::upperCase)
            .take(remaining)
            .collectList()
            .block(WAIT);
        successor.closeNow();

        assertThat(results).hasSize(remaining);
        assertThat(outputValues(IsolationLevel.READ_COMMITTED)).containsExactlyInAnyOrderElementsOf(expectedOutput());
        assertThat(outputValues(IsolationLevel.READ_UNCOMMITTED)).hasSize(INPUTS + inOpenTransaction);
        assertCommittedOffsetsAreAtTheEnd();
        assertThatThrownBy(() -> crashing.inTransaction(p -> p.send(ProducerRecord.of(output, "k", "zombie")))
                .blockLast(WAIT))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error())
                .isIn(ErrorCode.PRODUCER_FENCED, ErrorCode.INVALID_PRODUCER_EPOCH));
        crashing.closeNow();
    }

    @Test
    void exactlyOnceNeedsAGroup() {
        TributaryConsumer<String, String> assigned = TributaryConsumer.create(ConsumerOptions.create(
                ClientOptions.create(bootstrapServers()), Serdes.string().deserializer(),
                Serdes.string().deserializer())
            .assignment(List.of(new TopicPartition("any", 0))));
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(
            ClientOptions.create(bootstrapServers()), Serdes.string().serializer(), Serdes.string().serializer())
            .transactionalId("unused"));
        assertThatThrownBy(() -> assigned.receiveExactlyOnce(producer, 10, this::upperCase))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groupId");
    }
}
