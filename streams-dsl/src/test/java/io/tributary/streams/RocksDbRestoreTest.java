package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.admin.AdminOptions;
import io.tributary.admin.NewTopic;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Serdes;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** Persistent stores in the runtime: checkpoints on close, so a restart replays only the changelog's tail. */
@ExtendWith(BlockHoundExtension.class)
final class RocksDbRestoreTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0"));

    @TempDir
    Path stateDir;

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

    private static <V> void produce(String topic, String key, V value, io.tributary.serdes.Serde<V> serde) {
        TributaryProducer<String, V> producer = TributaryProducer.create(ProducerOptions.create(client(),
            Serdes.string().serializer(), serde.serializer()));
        try {
            producer.send(ProducerRecord.of(topic, key, value)).block(WAIT);
        } finally {
            producer.closeNow();
        }
    }

    private StreamsOptions options(String app, ClientOptions client) {
        return StreamsOptions.create(app, client)
            .defaultKeySerde(Serdes.string())
            .defaultValueSerde(Serdes.string())
            .commitInterval(Duration.ofMillis(200))
            .stateDir(stateDir);
    }

    private static Topology wordCount(String lines) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(lines, Consumed.with(Serdes.string(), Serdes.string()))
            .flatMapValues(line -> List.of(line.toLowerCase(Locale.ROOT).split("\\W+")))
            .groupBy((key, word) -> word, Grouped.as("words"))
            .count(Materialized.<String, Long>as("word-counts").withStoreType(Materialized.StoreType.ROCKS_DB));
        return builder.build();
    }

    private static void awaitCount(TributaryStreams streams, String word, long expected) {
        Mono.fromCallable(() -> streams.<String, Long>store("word-counts").get(word))
            .repeatWhenEmpty(r -> r.delayElements(Duration.ofMillis(50)))
            .filter(n -> n == expected)
            .repeatWhenEmpty(r -> r.delayElements(Duration.ofMillis(50)))
            .block(WAIT);
    }

    @Test
    void aRestartRestoresOnlyTheChangelogWrittenAfterTheCheckpoint() {
        String lines = createTopic("lines");
        String app = "rocks-restart-" + UUID.randomUUID();
        TributaryStreams first = TributaryStreams.create(wordCount(lines), options(app, client()));
        first.start().block(WAIT);
        try {
            produce(lines, "k", "a b a", Serdes.string());
            awaitCount(first, "a", 2L);
            awaitCount(first, "b", 1L);
        } finally {
            first.close().block(WAIT);
        }
        assertThat(stateDir.resolve(app).resolve("1_0").resolve(".checkpoint")).isRegularFile();
        // One write after the checkpoint, as if another instance had counted on: the only record to replay.
        produce(app + "-word-counts-changelog", "z", 5L, Serdes.longSerde());

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TributaryStreams second = TributaryStreams.create(wordCount(lines),
            options(app, client().meterRegistry(meters)));
        second.start().block(WAIT);
        try {
            assertThat(second.<String, Long>store("word-counts").get("a")).isEqualTo(2L);
            assertThat(second.<String, Long>store("word-counts").get("b")).isEqualTo(1L);
            assertThat(second.<String, Long>store("word-counts").get("z")).isEqualTo(5L);
            // A full replay would be at least three records (a=1 or a=2, b=1, z=5).
            assertThat(meters.get("tributary.streams.restore.records").tag("store", "word-counts").counter().count())
                .isEqualTo(1.0);
            produce(lines, "k", "a z", Serdes.string());
            awaitCount(second, "a", 3L);
            awaitCount(second, "z", 6L);
        } finally {
            second.close().block(WAIT);
        }
    }

    private static Topology join(String left, String right, String out) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> l = builder.stream(left, Consumed.with(Serdes.string(), Serdes.string()));
        KStream<String, String> r = builder.stream(right, Consumed.with(Serdes.string(), Serdes.string()));
        l.join(r, (a, b) -> a + "+" + b, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMinutes(5)),
                StreamJoined.<String, String, String>as("pairs").withStoreType(Materialized.StoreType.ROCKS_DB))
            .to(out, Produced.with(Serdes.string(), Serdes.string()));
        return builder.build();
    }

    /** Reads {@code topic} from the start until {@code expected} was read. */
    private static void awaitRecord(String topic, String expected) {
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(ConsumerOptions
            .create(client(), Serdes.string().deserializer(), Serdes.string().deserializer())
            .assignment(List.of(new TopicPartition(topic, 0)))
            .offsetReset(OffsetReset.EARLIEST));
        try {
            consumer.receive()
                .map(r -> r.key() + "=" + r.value())
                .filter(expected::equals)
                .next()
                .block(WAIT);
        } finally {
            consumer.close().block(WAIT);
        }
    }

    @Test
    void aRestartedJoinKeepsItsRocksDbBuffersAndRestoresOnlyWhatFollowsTheCheckpoint() {
        String left = createTopic("left");
        String right = createTopic("right");
        String out = createTopic("out");
        String app = "rocks-join-" + UUID.randomUUID();
        TributaryStreams first = TributaryStreams.create(join(left, right, out), options(app, client()));
        first.start().block(WAIT);
        try {
            produce(left, "k", "a", Serdes.string());
            produce(right, "k", "b", Serdes.string());
            awaitRecord(out, "k=a+b");
        } finally {
            first.close().block(WAIT);
        }
        assertThat(stateDir.resolve(app).resolve("0_0").resolve(".checkpoint")).content()
            .contains("pairs-this-join-store ").contains("pairs-other-join-store ");
        // Written while the application is down: "c" joins with "a", which the restarted application reads from disk.
        produce(right, "k", "c", Serdes.string());

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TributaryStreams second = TributaryStreams.create(join(left, right, out),
            options(app, client().meterRegistry(meters)));
        second.start().block(WAIT);
        try {
            awaitRecord(out, "k=a+c");
            // Both buffers were current on disk: nothing of their changelogs was replayed.
            for (String store : List.of("pairs-this-join-store", "pairs-other-join-store")) {
                assertThat(meters.get("tributary.streams.restore.records").tag("store", store).counter().count())
                    .isZero();
            }
        } finally {
            second.close().block(WAIT);
        }
    }
}
