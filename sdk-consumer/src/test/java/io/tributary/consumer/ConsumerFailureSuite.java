package io.tributary.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.client.ClientOptions;
import io.tributary.common.Header;
import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.errors.TributaryException;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.protocol.ErrorCode;
import io.tributary.serdes.Deserializer;
import io.tributary.serdes.Serdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * What the consumer does with bad records, fatal group errors and resubscriptions; subclasses give the broker.
 */
abstract class ConsumerFailureSuite {
    private static final Duration WAIT = Duration.ofSeconds(60);

    abstract String bootstrapServers();

    /** Integers written as text; anything else fails, as a real format's deserializer does on bad bytes. */
    private static final Deserializer<Integer> INTS = (topic, data) -> Integer.valueOf(
        new String(data, StandardCharsets.UTF_8));

    /** The same, through {@code deserializeAsync}, as a registry format does. */
    private static final Deserializer<Integer> ASYNC_INTS = new Deserializer<>() {
        @Override
        public Integer deserialize(String topic, byte @Nullable [] data) {
            throw new AssertionError("the consumer must use deserializeAsync");
        }

        @Override
        public Mono<Integer> deserializeAsync(String topic, List<Header> headers, byte @Nullable [] data) {
            return Mono.fromCallable(() -> INTS.deserialize(topic, data)).delayElement(Duration.ofMillis(1));
        }
    };

    private ConsumerOptions<String, Integer> options(Deserializer<Integer> values, String topic) {
        return ConsumerOptions.create(ClientOptions.create(bootstrapServers()), Serdes.string().deserializer(), values)
            .offsetReset(OffsetReset.EARLIEST)
            .groupId("group-" + UUID.randomUUID())
            .subscription(List.of(topic));
    }

    private String topicWith(String... values) {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "bad-input", 1);
        TributaryProducer<String, String> producer = stringProducer();
        try {
            Flux.fromArray(values)
                .concatMap(v -> producer.send(ProducerRecord.of(topic, "k", v).header("h", new byte[] {7})))
                .blockLast(WAIT);
        } finally {
            producer.closeNow();
        }
        return topic;
    }

    private TributaryProducer<String, String> stringProducer() {
        return TributaryProducer.create(ProducerOptions.create(ClientOptions.create(bootstrapServers()),
            Serdes.string().serializer(), Serdes.string().serializer()));
    }

    @Test
    void aRecordThatCannotBeDeserializedEndsTheStreamNamingWhereItIs() {
        String topic = topicWith("1", "2", "three", "4");
        for (Deserializer<Integer> values : List.of(INTS, ASYNC_INTS)) {
            StepVerifier.create(TributaryConsumer.create(options(values, topic)).receive().map(ReceivedRecord::value))
                .expectNext(1, 2)
                .expectErrorSatisfies(e -> assertThat(e)
                    .isInstanceOf(TributaryException.class)
                    .hasMessageContaining("offset 2 of " + topic + "-0")
                    .hasRootCauseInstanceOf(NumberFormatException.class))
                .verify(WAIT);
        }
    }

    @Test
    void aDeadLetterHandlerGetsTheBadRecordAndTheConsumerGoesOnAndCommitsPastIt() throws InterruptedException {
        String topic = topicWith("1", "2", "three", "4", "five", "6");
        String deadLetters = KafkaWriter.createTopic(bootstrapServers(), "dead-letters", 1);
        for (Deserializer<Integer> values : List.of(INTS, ASYNC_INTS)) {
            ConsumerOptions<String, Integer> options;
            List<Integer> read;
            TributaryProducer<byte[], byte[]> dlt = TributaryProducer.create(ProducerOptions.create(
                ClientOptions.create(bootstrapServers()), Serdes.byteArray().serializer(),
                Serdes.byteArray().serializer()));
            try {
                options = options(values, topic).deadLetterHandler(DeadLetterHandler.toTopic(dlt, deadLetters));
                TributaryConsumer<String, Integer> consumer = TributaryConsumer.create(options);
                // Committed before take(4) ends the subscription, so that no commit races the consumer's stop.
                read = consumer.receive()
                    .concatMap(r -> r.commit().thenReturn(r.value()))
                    .take(4)
                    .collectList()
                    .block(WAIT);
                // Dead letters may still be on their way: the consumer finishes them before its last commit, so it
                // closes before their producer does.
                consumer.close().block(WAIT);
            } finally {
                dlt.closeNow();
            }
            assertThat(read).containsExactly(1, 2, 4, 6);
            // The bad records' offsets count once the dead letters are written: all six end up committed.
            String group = options.groupId();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!KafkaWriter.committed(bootstrapServers(), group).containsValue(new OffsetAndMetadata(6))) {
                assertThat(System.nanoTime()).as("offset 6 committed in time: "
                    + KafkaWriter.committed(bootstrapServers(), group)).isLessThan(deadline);
                Thread.sleep(200);
            }
        }

        List<ReceivedRecord<String, String>> letters = TributaryConsumer.create(ConsumerOptions.create(
                    ClientOptions.create(bootstrapServers()), Serdes.string().deserializer(),
                    Serdes.string().deserializer())
                .offsetReset(OffsetReset.EARLIEST)
                .assignment(List.of(new TopicPartition(deadLetters, 0))))
            .receive().take(4).collectList().block(WAIT);
        assertThat(letters).extracting(ReceivedRecord::value).containsExactly("three", "five", "three", "five");
        Map<String, String> headers = letters.get(0).headers().stream()
            .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8)));
        assertThat(headers).containsEntry(DeadLetterHandler.ORIGINAL_TOPIC, topic)
            .containsEntry(DeadLetterHandler.ORIGINAL_PARTITION, "0")
            .containsEntry(DeadLetterHandler.ORIGINAL_OFFSET, "2")
            .containsEntry(DeadLetterHandler.EXCEPTION, NumberFormatException.class.getName())
            .containsEntry("h", "\u0007");
        assertThat(letters.get(0).key()).isEqualTo("k");
    }

    @Test
    void aFailingDeadLetterHandlerEndsTheStream() {
        String topic = topicWith("1", "two", "3");
        ConsumerOptions<String, Integer> options = options(INTS, topic)
            .deadLetterHandler(failure -> Mono.error(new IllegalStateException("dead-letter topic unavailable")));
        StepVerifier.create(TributaryConsumer.create(options).receive().map(ReceivedRecord::value))
            .expectNext(1)
            .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("offset 1 of " + topic + "-0")
                .hasRootCauseMessage("dead-letter topic unavailable"))
            .verify(WAIT);
    }

    @Test
    void aFencedStaticMemberEndsItsStreamWithTheFencingError() {
        String topic = topicWith("1", "2", "3");
        ConsumerOptions<String, Integer> options = options(INTS, topic).groupInstanceId("instance-1")
            .heartbeatInterval(Duration.ofMillis(300));
        TributaryConsumer<String, Integer> first = TributaryConsumer.create(options);
        TributaryConsumer<String, Integer> second = TributaryConsumer.create(options);
        List<Disposable> successor = new ArrayList<>();
        StepVerifier.create(first.receive().map(ReceivedRecord::value))
            .expectNext(1, 2, 3)
            // The same instance id joins elsewhere: the coordinator hands it the membership and fences this one.
            .then(() -> successor.add(second.receive().subscribe()))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiException.class)
                .satisfies(api -> assertThat(((ApiException) api).error()).isEqualTo(ErrorCode.FENCED_INSTANCE_ID)))
            .verify(WAIT);
        successor.forEach(Disposable::dispose);
    }

    @Test
    void aStreamResubscribedRightAfterItEndedGoesOnFromWhatWasCommitted() {
        String topic = topicWith("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        TributaryConsumer<String, Integer> consumer = TributaryConsumer.create(options(INTS, topic));
        Flux<Integer> fiveAtATime = consumer.receive()
            .take(5)
            .doOnNext(ReceivedRecord::acknowledge)
            .map(ReceivedRecord::value);
        assertThat(fiveAtATime.repeat(1).collectList().block(WAIT)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThatThrownBy(() -> Flux.merge(consumer.receive(), consumer.receive()).blockLast(WAIT))
            .hasMessageContaining("already has a receive subscription");
    }
}
