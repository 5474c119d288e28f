package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.admin.AdminOptions;
import io.tributary.admin.NewTopic;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.IsolationLevel;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Serdes;
import io.tributary.streams.internal.runtime.DefaultTributaryStreams;
import io.tributary.streams.processor.TaskId;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * {@code num.standby.replicas}: with two instances each keeps a standby of the other's stateful task, and when one
 * leaves the other takes its task over replaying (next to) nothing; without standbys the whole changelog is replayed.
 */
@ExtendWith(BlockHoundExtension.class)
final class StandbyReplicasTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String STORE = "word-counts";
    private static final List<String> WORDS = IntStream.range(0, 20).mapToObj(i -> "w" + i).toList();

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0"));

    @TempDir
    Path stateDirA;
    @TempDir
    Path stateDirB;

    private static ClientOptions client() {
        return ClientOptions.create(BROKER.bootstrapServers());
    }

    @Test
    void aNegativeNumberOfStandbyReplicasIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> StreamsOptions.create("app", client()).numStandbyReplicas(-1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("num.standby.replicas")
            .hasMessageContaining("-1");
    }

    @Test
    void aStandbyTakesOverAnInMemoryTaskReplayingNothingOfItsChangelog() {
        Takeover t = takeOver(1, Materialized.StoreType.IN_MEMORY);
        // The instance hosted a standby of exactly the other's stateful task, never of its own.
        assertThat(t.standbyOfB).hasSize(1);
        assertThat(t.standbyOfA).hasSize(1).doesNotContainAnyElementsOf(t.standbyOfB);
        // The cooperative rebalance leaves the survivor's own task running, and the one taken over from the
        // standby replays nothing.
        assertThat(t.replayed).isZero();
    }

    @Test
    void withoutStandbysTheTakeoverReplaysTheWholeChangelog() {
        Takeover t = takeOver(0, Materialized.StoreType.IN_MEMORY);
        assertThat(t.standbyOfB).isEmpty();
        // Only the task taken over is replayed, in full; the survivor's own task keeps running.
        assertThat(t.replayed).isPositive().isIn(t.changelogEnd(0), t.changelogEnd(1));
    }

    @Test
    void underExactlyOnceAStandbyAppliesOnlyCommittedRecordsAndTheTakeoverReplaysNothingOfIt() {
        Takeover t = takeOver(1, Materialized.StoreType.IN_MEMORY, ProcessingGuarantee.EXACTLY_ONCE_V2);
        assertThat(t.standbyOfB).hasSize(1);
        // Neither the survivor's own task (it keeps running) nor the one taken over is replayed.
        assertThat(t.replayed).isZero();
    }

    @Test
    void aStandbyTakesOverAPersistentTaskReplayingNothing() {
        Takeover t = takeOver(1, Materialized.StoreType.ROCKS_DB);
        assertThat(t.standbyOfB).hasSize(1);
        // The survivor's own task restarts from its checkpoint, the other from the standby's position.
        assertThat(t.replayed).isZero();
    }

    @Test
    void withoutStandbysAPersistentTaskTakenOverIsRestoredInFull() {
        Takeover t = takeOver(0, Materialized.StoreType.ROCKS_DB);
        assertThat(t.replayed).isGreaterThanOrEqualTo(Math.min(t.changelogEnd(0), t.changelogEnd(1)))
            .isGreaterThanOrEqualTo(WORDS.size() / 4);
    }

    /** What a takeover left: the standbys before it, the records it replayed and the changelog's end offsets. */
    private record Takeover(Set<TaskId> standbyOfA, Set<TaskId> standbyOfB, long replayed, Map<Integer, Long> ends) {
        long changelogEnd(int partition) {
            return ends.get(partition);
        }
    }

    /**
     * Instance A counts, B joins (one partition each), both count more; then A closes and B takes A's task over.
     * Checks the counts stay right throughout; returns how many changelog records B's restores replayed for it.
     */
    private Takeover takeOver(int replicas, Materialized.StoreType storeType) {
        return takeOver(replicas, storeType, ProcessingGuarantee.AT_LEAST_ONCE);
    }

    private Takeover takeOver(int replicas, Materialized.StoreType storeType, ProcessingGuarantee guarantee) {
        IsolationLevel isolation = guarantee == ProcessingGuarantee.EXACTLY_ONCE_V2 ? IsolationLevel.READ_COMMITTED
            : IsolationLevel.READ_UNCOMMITTED;
        String lines = createTopic("lines");
        String counts = createTopic("counts");
        String app = "standby-" + UUID.randomUUID();
        String changelog = app + "-" + STORE + "-changelog";
        SimpleMeterRegistry metersB = new SimpleMeterRegistry();
        DefaultTributaryStreams a = start(lines, counts, options(app, client(), replicas, stateDirA, guarantee),
            storeType);
        DefaultTributaryStreams b = null;
        try {
            produceWords(lines);
            readUntil(counts, 1, isolation);
            b = start(lines, counts, options(app, client().meterRegistry(metersB), replicas, stateDirB,
                guarantee), storeType);
            produceWords(lines);
            readUntil(counts, 2, isolation);
            Set<TaskId> standbyOfA = Set.of();
            Set<TaskId> standbyOfB = Set.of();
            if (replicas > 0) {
                DefaultTributaryStreams sa = a;
                DefaultTributaryStreams sb = b;
                await(() -> sa.standbyTasks().size() == 1 && sb.standbyTasks().size() == 1);
                // Under exactly-once a commit marker follows the last record applied.
                long markers = guarantee == ProcessingGuarantee.EXACTLY_ONCE_V2 ? 1 : 0;
                await(() -> caughtUp(sb, changelog, markers));
                standbyOfA = sa.standbyTasks();
                standbyOfB = sb.standbyTasks();
            }
            Map<Integer, Long> ends = endOffsets(changelog);
            double before = replayed(metersB);
            a.close().block(WAIT);
            DefaultTributaryStreams survivor = b;
            // B now owns every task: its stores answer for every word.
            await(() -> WORDS.stream().allMatch(w -> Long.valueOf(2).equals(survivor.<String, Long>store(STORE)
                .get(w))));
            long replayedByTakeover = Math.round(replayed(metersB) - before);
            produceWords(lines);
            List<String> seen = readUntil(counts, 3, isolation);
            assertThat(seen).noneMatch(s -> s.endsWith("=4"));
            assertThat(b.<String, Long>store(STORE).get("w0")).isEqualTo(3L);
            return new Takeover(standbyOfA, standbyOfB, replayedByTakeover, ends);
        } finally {
            a.close().block(WAIT);
            if (b != null) {
                b.close().block(WAIT);
            }
        }
    }

    private static StreamsOptions options(String app, ClientOptions client, int replicas, Path stateDir,
                                          ProcessingGuarantee guarantee) {
        return StreamsOptions.create(app, client)
            .defaultKeySerde(Serdes.string())
            .defaultValueSerde(Serdes.string())
            .commitInterval(Duration.ofMillis(200))
            .cacheMaxBytes(0)   // one changelog record per update: the changelog's length is known
            .stateDir(stateDir)
            .processingGuarantee(guarantee)
            .numStandbyReplicas(replicas);
    }

    private static DefaultTributaryStreams start(String lines, String counts, StreamsOptions options,
                                                 Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(lines, Consumed.with(Serdes.string(), Serdes.string()))
            .flatMapValues(line -> List.of(line.split(" ")))
            .groupBy((key, word) -> word, Grouped.as("words"))
            .count(Materialized.<String, Long>as(STORE).withStoreType(storeType))
            .toStream()
            .to(counts, Produced.with(Serdes.string(), Serdes.longSerde()));
        DefaultTributaryStreams streams = (DefaultTributaryStreams) TributaryStreams.create(builder.build(), options);
        streams.start().block(WAIT);
        return streams;
    }

    private static double replayed(SimpleMeterRegistry meters) {
        Counter c = meters.find("tributary.streams.restore.records").tag("store", STORE).counter();
        return c == null ? 0 : c.count();
    }

    /** Whether B's standby has applied every changelog record of its partition. */
    private static boolean caughtUp(DefaultTributaryStreams streams, String changelog, long markers) {
        Map<Integer, Long> ends = endOffsets(changelog);
        Map<TopicPartition, Long> positions = streams.standbyPositions();
        return !positions.isEmpty() && positions.entrySet().stream()
            .allMatch(e -> e.getValue() + markers >= ends.get(e.getKey().partition()));
    }

    private static Map<Integer, Long> endOffsets(String topic) {
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(client()));
        try {
            Map<TopicPartition, OffsetSpec> specs = Map.of(new TopicPartition(topic, 0), OffsetSpec.latest(),
                new TopicPartition(topic, 1), OffsetSpec.latest());
            return admin.listOffsets(specs).block(WAIT).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        } finally {
            admin.close().block(WAIT);
        }
    }

    private static void await(BooleanSupplier condition) {
        Mono.fromCallable(condition::getAsBoolean)
            .filter(ok -> ok)
            .repeatWhenEmpty(r -> r.delayElements(Duration.ofMillis(50)))
            .block(WAIT);
    }

    private static String createTopic(String prefix) {
        String name = prefix + "-" + UUID.randomUUID();
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(client()));
        try {
            admin.createTopics(List.of(NewTopic.of(name, 2))).block(WAIT);
        } finally {
            admin.close().block(WAIT);
        }
        return name;
    }

    /** One line per word, keyed by the word, so both input partitions get some. */
    private static void produceWords(String topic) {
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(client(),
            Serdes.string().serializer(), Serdes.string().serializer()));
        try {
            reactor.core.publisher.Flux.fromIterable(WORDS)
                .concatMap(w -> producer.send(ProducerRecord.of(topic, w, w)))
                .blockLast(WAIT);
        } finally {
            producer.closeNow();
        }
    }

    /** Reads the counts until every word's latest count is {@code expected}; returns every read as word=count. */
    private static List<String> readUntil(String topic, long expected, IsolationLevel isolation) {
        TributaryConsumer<String, Long> consumer = TributaryConsumer.create(ConsumerOptions
            .create(client(), Serdes.string().deserializer(), Serdes.longSerde().deserializer())
            .assignment(List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1)))
            .isolationLevel(isolation)
            .offsetReset(OffsetReset.EARLIEST));
        Map<String, Long> want = new HashMap<>();
        WORDS.forEach(w -> want.put(w, expected));
        Map<String, Long> latest = new HashMap<>();
        List<String> seen = new java.util.ArrayList<>();
        try {
            consumer.receive()
                .doOnNext(r -> {
                    latest.put(r.key(), r.value());
                    seen.add(r.key() + "=" + r.value());
                })
                .takeUntil(r -> latest.equals(want))
                .blockLast(WAIT);
        } catch (IllegalStateException timedOut) {
            throw new AssertionError("Expected every count at " + expected + ", read " + seen, timedOut);
        } finally {
            consumer.close().block(WAIT);
        }
        return seen;
    }
}
