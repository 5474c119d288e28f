package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.NewTopic;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.IsolationLevel;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Serdes;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Dead letters on the runtime's real paths: in the transaction of their input under exactly-once, and for records
 * that fail while a record cache's flush forwards them.
 */
@ExtendWith(BlockHoundExtension.class)
final class DeadLetterTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Over the producer's 1 MiB: rejected as too large. */
    private static final String HUGE = "x".repeat(2 * 1024 * 1024);

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0"));

    private static ClientOptions client() {
        return ClientOptions.create(BROKER.bootstrapServers());
    }

    private static String createTopic(String prefix) {
        String name = prefix + "-" + UUID.randomUUID();
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(client()));
        try {
            admin.createTopics(List.of(NewTopic.of(name, 1))).block(WAIT);
        } finally {
            admin.close().block(WAIT);
        }
        return name;
    }

    private static void produce(String topic, List<String> values) {
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(client(),
            Serdes.string().serializer(), Serdes.string().serializer()));
        try {
            Flux.fromIterable(values)
                .concatMap(v -> producer.send(ProducerRecord.of(topic, v, v)))
                .blockLast(WAIT);
        } finally {
            producer.closeNow();
        }
    }

    private static StreamsOptions options(String app) {
        return StreamsOptions.create(app, client())
            .defaultKeySerde(Serdes.string())
            .defaultValueSerde(Serdes.string());
    }

    private static StreamsOptions exactlyOnce(String app) {
        return options(app)
            .processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE_V2)
            .commitInterval(Duration.ofMillis(100));
    }

    /** Every record of {@code topic} as read_committed readers see it, read until none came for two seconds. */
    private static List<ReceivedRecord<String, String>> readCommitted(String topic) {
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(ConsumerOptions
            .create(client(), Serdes.string().deserializer(), Serdes.string().deserializer())
            .assignment(List.of(new TopicPartition(topic, 0)))
            .isolationLevel(IsolationLevel.READ_COMMITTED)
            .offsetReset(OffsetReset.EARLIEST));
        try {
            return consumer.receive()
                .timeout(Mono.delay(WAIT), r -> Mono.delay(Duration.ofSeconds(2)))
                .onErrorResume(TimeoutException.class, e -> Flux.empty())
                .collectList()
                .block(WAIT.plusSeconds(10));
        } finally {
            consumer.close().block(WAIT);
        }
    }

    private static long endOffset(String topic) {
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(client()));
        try {
            TopicPartition tp = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).block(WAIT).get(tp).offset();
        } finally {
            admin.close().block(WAIT);
        }
    }

    private static List<String> keyValues(List<ReceivedRecord<String, String>> records) {
        return records.stream().map(r -> r.key() + "=" + (r.value().length() > 20 ? "huge" : r.value())).toList();
    }

    private static Map<String, String> headers(ReceivedRecord<String, String> record) {
        Map<String, String> out = new HashMap<>();
        record.headers().forEach(h -> out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return out;
    }

    private static Topology mapping(String in, String out, java.util.function.UnaryOperator<String> mapper) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.string(), Serdes.string()))
            .mapValues(mapper::apply)
            .to(out, Produced.with(Serdes.string(), Serdes.string()));
        return builder.build();
    }

    @Test
    void underExactlyOnceAProcessingErrorsDeadLetterIsCommittedOnceWithTheOutputs() {
        String in = createTopic("in");
        String out = createTopic("out");
        String dlt = createTopic("dlt");
        Topology topology = mapping(in, out, v -> {
            if (v.equals("bad")) {
                throw new IllegalStateException("bad value");
            }
            return v;
        });
        TributaryStreams streams = TributaryStreams.create(topology, exactlyOnce("eos-dlt-" + UUID.randomUUID())
            .processingErrorHandling(ErrorHandling.LOG_AND_CONTINUE).deadLetterTopic(dlt));
        streams.start().block(WAIT);
        try {
            produce(in, List.of("a", "bad", "b"));
            assertThat(keyValues(readCommitted(out))).containsExactly("a=a", "b=b");
            List<ReceivedRecord<String, String>> letters = readCommitted(dlt);
            assertThat(keyValues(letters)).containsExactly("bad=bad");
            assertThat(headers(letters.get(0))).containsEntry("__streams.errors.topic", in)
                .containsEntry("__streams.errors.offset", "1")
                .containsEntry("__streams.errors.message", "bad value");
            assertThat(streams.state()).isEqualTo(TributaryStreams.State.RUNNING);
        } finally {
            streams.close().block(WAIT);
        }
        // Written in a transaction: a commit marker follows the letter.
        assertThat(endOffset(dlt)).isGreaterThan(1);
    }

    @Test
    void underExactlyOnceAnOutputThatCannotBeWrittenIsSkippedAndItsInputsDeadLetterCommittedInItsTransaction() {
        String in = createTopic("in");
        String out = createTopic("out");
        String dlt = createTopic("dlt");
        TributaryStreams streams = TributaryStreams.create(mapping(in, out, v -> v.equals("big") ? HUGE : v),
            exactlyOnce("eos-dlt-" + UUID.randomUUID())
                .productionErrorHandling(ErrorHandling.LOG_AND_CONTINUE).deadLetterTopic(dlt));
        streams.start().block(WAIT);
        try {
            produce(in, List.of("a", "big", "b"));
            assertThat(keyValues(readCommitted(out))).containsExactly("a=a", "b=b");
            List<ReceivedRecord<String, String>> letters = readCommitted(dlt);
            assertThat(keyValues(letters)).containsExactly("big=big");
            assertThat(headers(letters.get(0))).containsEntry("__streams.errors.topic", in)
                .containsEntry("__streams.errors.offset", "1")
                .containsKey("__streams.errors.exception");
            assertThat(streams.state()).isEqualTo(TributaryStreams.State.RUNNING);
        } finally {
            streams.close().block(WAIT);
        }
        assertThat(endOffset(dlt)).isGreaterThan(1);
    }

    @Test
    void underExactlyOnceAnOutputThatCannotBeWrittenFailsAndAbortsItsTransactionUnderFail() throws Exception {
        String in = createTopic("in");
        String out = createTopic("out");
        String app = "eos-fail-" + UUID.randomUUID();
        AtomicBoolean tooBig = new AtomicBoolean(true);
        Topology topology = mapping(in, out, v -> v.startsWith("big") && tooBig.get() ? HUGE : v);
        TributaryStreams first = TributaryStreams.create(topology, exactlyOnce(app));
        first.start().block(WAIT);
        try {
            produce(in, List.of("a"));
            assertThat(keyValues(readCommitted(out))).containsExactly("a=a");
            produce(in, List.of("b", "big"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (first.state() != TributaryStreams.State.FAILED && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(first.state()).isEqualTo(TributaryStreams.State.FAILED);
        } finally {
            first.close().block(WAIT);
        }
        tooBig.set(false);
        TributaryStreams second = TributaryStreams.create(topology, exactlyOnce(app));
        second.start().block(WAIT);
        try {
            // The failed transaction was aborted: its records are processed again, and each output is seen once.
            produce(in, List.of("c"));
            assertThat(keyValues(readCommitted(out))).containsExactly("a=a", "b=b", "big=big", "c=c");
        } finally {
            second.close().block(WAIT);
        }
    }

    @ParameterizedTest
    @EnumSource(ProcessingGuarantee.class)
    void aRecordFailingWhileTheCacheFlushesOnCommitGoesToTheDeadLetterTopicAsTheInputThatMadeIt(
        ProcessingGuarantee guarantee) {
        String in = createTopic("in");
        String out = createTopic("out");
        String dlt = createTopic("dlt");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.string(), Serdes.string()))
            .groupByKey()
            .count(Materialized.as("counts"))
            .toStream()
            .peek((k, n) -> {
                if (k.equals("bad")) {
                    throw new IllegalStateException("bad count");
                }
            })
            .mapValues(String::valueOf)
            .to(out, Produced.with(Serdes.string(), Serdes.string()));
        // A record cache: the counts go downstream when it flushes on commit, not while their inputs are processed.
        TributaryStreams streams = TributaryStreams.create(builder.build(), options("flush-" + UUID.randomUUID())
            .processingGuarantee(guarantee)
            .commitInterval(Duration.ofMillis(300))
            .cacheMaxBytes(1024 * 1024)
            .processingErrorHandling(ErrorHandling.LOG_AND_CONTINUE)
            .deadLetterTopic(dlt));
        streams.start().block(WAIT);
        try {
            produce(in, List.of("a", "bad", "b"));
            assertThat(keyValues(readCommitted(out))).containsExactlyInAnyOrder("a=1", "b=1");
            List<ReceivedRecord<String, String>> letters = readCommitted(dlt);
            assertThat(keyValues(letters)).containsExactly("bad=bad");
            assertThat(headers(letters.get(0))).containsEntry("__streams.errors.topic", in)
                .containsEntry("__streams.errors.offset", "1")
                .containsEntry("__streams.errors.message", "bad count");
            assertThat(streams.state()).isEqualTo(TributaryStreams.State.RUNNING);
        } finally {
            streams.close().block(WAIT);
        }
    }
}
