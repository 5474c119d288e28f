package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serdes;
import io.tributary.streams.DifferentialTest.In;
import io.tributary.streams.testing.TestInputTopic;
import io.tributary.streams.testing.TopologyTestDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream-stream joins with RocksDB buffers on the test driver: persistence across restarts, and how it is chosen. */
final class RocksDbJoinTest {
    private static final JoinWindows WINDOWS = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10),
        Duration.ofMillis(5));

    @TempDir
    Path stateDir;

    private StreamsOptions options(Materialized.StoreType defaultType) {
        return DriverFixture.OPTIONS.stateDir(stateDir).defaultDslStore(defaultType);
    }

    private static Topology join(String kind, StreamJoined<String, String, String> joined) {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> left = b.stream("left");
        KStream<String, String> right = b.stream("right");
        KStream<String, String> joinedStream = switch (kind) {
            case "inner" -> left.join(right, (l, r) -> l + "+" + r, WINDOWS, joined);
            case "left" -> left.leftJoin(right, (l, r) -> l + "+" + r, WINDOWS, joined);
            default -> left.outerJoin(right, (l, r) -> l + "+" + r, WINDOWS, joined);
        };
        joinedStream.to("out");
        return b.build();
    }

    /** Pipes {@code inputs} through a new driver, closed at the end; returns the output records. */
    private List<String> run(Topology topology, StreamsOptions options, List<In> inputs) {
        List<String> out = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, options, Instant.EPOCH)) {
            Map<String, TestInputTopic<String, String>> topics = new HashMap<>();
            for (In in : inputs) {
                topics.computeIfAbsent(in.topic(), t -> driver.createInputTopic(t, Serdes.string().serializer(),
                    Serdes.string().serializer())).pipeInput(in.key(), in.value(), in.timestamp());
            }
            driver.createOutputTopic("out", Serdes.string().deserializer(), Serdes.string().deserializer())
                .readRecordsToList()
                .forEach(r -> out.add(r.key() + "|" + r.value() + "|" + r.timestamp()));
        }
        return out;
    }

    private static List<In> randomInputs(long seed, int count) {
        Random random = new Random(seed);
        List<In> out = new ArrayList<>();
        long time = 0;
        for (int i = 0; i < count; i++) {
            time += random.nextInt(3);
            out.add(new In(random.nextBoolean() ? "left" : "right", "k" + random.nextInt(4), "v" + i,
                Math.max(0, time - random.nextInt(20))));
        }
        return out;
    }

    @Test
    void anInnerJoinRestartedAnywhereEmitsWhatAnUninterruptedOneEmits() {
        List<In> inputs = randomInputs(3, 300);
        Topology topology = join("inner", StreamJoined.as("pairs"));
        List<String> uninterrupted = run(topology, options(Materialized.StoreType.IN_MEMORY), inputs);
        assertThat(uninterrupted).hasSizeGreaterThan(100);
        List<String> restarted = new ArrayList<>();
        // Three drivers one after the other: the later ones join with what the earlier ones buffered on disk.
        for (List<In> part : List.of(inputs.subList(0, 100), inputs.subList(100, 217), inputs.subList(217, 300))) {
            restarted.addAll(run(topology, options(Materialized.StoreType.ROCKS_DB), part));
        }
        assertThat(restarted).containsExactlyElementsOf(uninterrupted);
    }

    @Test
    void inMemoryBuffersForgetTheRecordsOfADriverThatClosed() {
        Topology topology = join("inner", StreamJoined.as("pairs"));
        List<In> before = List.of(new In("left", "k", "a", 100));
        List<In> after = List.of(new In("right", "k", "b", 105));
        run(topology, options(Materialized.StoreType.IN_MEMORY), before);
        assertThat(run(topology, options(Materialized.StoreType.IN_MEMORY), after)).isEmpty();
        run(topology, options(Materialized.StoreType.ROCKS_DB), before);
        assertThat(run(topology, options(Materialized.StoreType.ROCKS_DB), after)).containsExactly("k|a+b|105");
    }

    @Test
    void aRecordWaitingForAPartnerInTheSharedStoreIsJoinedWithNullAfterARestart() {
        Topology topology = join("outer", StreamJoined.as("pairs"));
        StreamsOptions rocks = options(Materialized.StoreType.ROCKS_DB);
        assertThat(run(topology, rocks, List.of(new In("left", "a", "l1", 100), new In("right", "b", "r1", 102))))
            .isEmpty();
        // After the restart: "a" and "b" find no partner and their windows (10 + grace 5) have passed by 200.
        assertThat(run(topology, rocks, List.of(new In("right", "a", "r2", 105), new In("left", "c", "l2", 200))))
            .containsExactly("a|l1+r2|105", "b|null+r1|102");
    }

    @Test
    void streamJoinedChoosesTheStoreTypeOfOneJoinAndKeepsItsStoresAndChangelogs() {
        List<In> inputs = randomInputs(5, 200);
        Topology inMemory = join("left", StreamJoined.as("pairs"));
        Topology rocks = join("left", StreamJoined.<String, String, String>as("pairs")
            .withStoreType(Materialized.StoreType.ROCKS_DB));
        Map<String, List<String>> expected = changelogs(inMemory, options(Materialized.StoreType.IN_MEMORY), inputs);
        assertThat(expected).containsOnlyKeys("app-pairs-this-join-store-changelog",
            "app-pairs-outer-other-join-store-changelog", "app-pairs-left-shared-join-store-changelog", "out");
        assertThat(changelogs(rocks, options(Materialized.StoreType.IN_MEMORY), inputs)).isEqualTo(expected);
        Path task = stateDir.resolve("app").resolve("0_0").resolve("rocksdb");
        assertThat(task.resolve("pairs-this-join-store")).isDirectory();
        assertThat(task.resolve("pairs-outer-other-join-store")).isDirectory();
        assertThat(task.resolve("pairs-left-shared-join-store")).isDirectory();
        assertThat(stateDir.resolve("app").resolve("0_0").resolve(".checkpoint")).isRegularFile();
    }

    @Test
    void anInMemoryStreamJoinedOverridesARocksDbDefault() {
        Topology topology = join("inner", StreamJoined.<String, String, String>as("pairs")
            .withStoreType(Materialized.StoreType.IN_MEMORY));
        run(topology, options(Materialized.StoreType.ROCKS_DB), List.of(new In("left", "k", "a", 1)));
        assertThat(stateDir.resolve("app")).doesNotExist();
    }

    @Test
    void withoutLoggingTheBuffersHaveNoChangelogButStillPersist() {
        Topology topology = join("inner", StreamJoined.<String, String, String>as("pairs").withLoggingDisabled());
        StreamsOptions rocks = options(Materialized.StoreType.ROCKS_DB);
        assertThat(changelogs(topology, rocks, List.of(new In("left", "k", "a", 1)))).isEmpty();
        assertThat(run(topology, rocks, List.of(new In("right", "k", "b", 2)))).containsExactly("k|a+b|2");
    }

    @Test
    void aStoreNameNamesTheBuffersAndTheirChangelogsAndAloneNamesTheJoin() {
        List<In> inputs = List.of(new In("left", "k", "a", 1), new In("right", "k", "b", 2));
        Topology named = join("outer", StreamJoined.<String, String, String>as("pairs").withStoreName("buffers"));
        assertThat(changelogs(named, options(Materialized.StoreType.ROCKS_DB), inputs)).containsOnlyKeys(
            "app-buffers-outer-this-join-store-changelog", "app-buffers-outer-other-join-store-changelog",
            "app-buffers-outer-shared-join-store-changelog", "out");
        assertThat(stateDir.resolve("app").resolve("0_0").resolve("rocksdb").resolve("buffers-outer-this-join-store"))
            .isDirectory();
        // Without a join name, the store name is enough: building does not fail for a generated name.
        Topology storeNameOnly = join("inner", StreamJoined.<String, String, String>with(Serdes.string(),
            Serdes.string(), Serdes.string()).withStoreName("only"));
        assertThat(changelogs(storeNameOnly, options(Materialized.StoreType.IN_MEMORY), inputs)).containsOnlyKeys(
            "app-only-this-join-store-changelog", "app-only-other-join-store-changelog", "out");
    }

    /** Every record written per topic, values as hex, by a driver fed {@code inputs}. */
    private Map<String, List<String>> changelogs(Topology topology, StreamsOptions options, List<In> inputs) {
        Map<String, List<String>> out = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, options, Instant.EPOCH)) {
            Map<String, TestInputTopic<String, String>> topics = new HashMap<>();
            for (In in : inputs) {
                topics.computeIfAbsent(in.topic(), t -> driver.createInputTopic(t, Serdes.string().serializer(),
                    Serdes.string().serializer())).pipeInput(in.key(), in.value(), in.timestamp());
            }
            for (String topic : driver.producedTopicNames()) {
                List<String> records = new ArrayList<>();
                driver.createOutputTopic(topic, Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer())
                    .readRecordsToList()
                    .forEach(r -> records.add(hex(r.key()) + "=" + hex(r.value()) + "@" + r.timestamp()));
                out.put(topic, records);
            }
        }
        return out;
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "null" : java.util.HexFormat.of().formatHex(bytes);
    }
}
