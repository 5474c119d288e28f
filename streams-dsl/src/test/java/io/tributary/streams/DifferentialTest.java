package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serdes;
import io.tributary.streams.testing.TestOutputTopic;
import io.tributary.streams.testing.TopologyTestDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same topologies and inputs on Tributary's and Apache Kafka Streams' test drivers must write the same output
 * records: keys, values and timestamps, in the same order.
 */
final class DifferentialTest {
    record In(String topic, @Nullable String key, @Nullable String value, long timestamp) {
    }

    @TempDir
    Path stateDir;

    static List<String> tributary(Consumer<StreamsBuilder> topology, List<In> inputs, String output,
                                  boolean longValues) {
        return tributary(topology, inputs, output, longValues, DriverFixture.OPTIONS);
    }

    /** The options of a driver whose stores (join buffers included) are RocksDB ones under {@code stateDir}. */
    static StreamsOptions rocksDb(Path stateDir) {
        return DriverFixture.OPTIONS.defaultDslStore(Materialized.StoreType.ROCKS_DB).stateDir(stateDir);
    }

    static List<String> tributary(Consumer<StreamsBuilder> topology, List<In> inputs, String output,
                                  boolean longValues, StreamsOptions options) {
        StreamsBuilder builder = new StreamsBuilder();
        topology.accept(builder);
        List<String> out = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), options,
            Instant.ofEpochMilli(0))) {
            Map<String, io.tributary.streams.testing.TestInputTopic<String, String>> topics = new HashMap<>();
            for (In in : inputs) {
                topics.computeIfAbsent(in.topic(), t -> driver.createInputTopic(t, Serdes.string().serializer(),
                    Serdes.string().serializer())).pipeInput(in.key(), in.value(), in.timestamp());
            }
            io.tributary.serdes.Deserializer<?> values = longValues ? Serdes.longSerde().deserializer()
                : Serdes.string().deserializer();
            TestOutputTopic<String, ?> topic = driver.createOutputTopic(output, Serdes.string().deserializer(),
                values);
            topic.readRecordsToList().forEach(r -> out.add(r.key() + "|" + r.value() + "|" + r.timestamp()));
        }
        return out;
    }

    private static List<In> randomInputs(long seed, int count, List<String> topics, int keys, int maxTime,
                                         boolean nulls) {
        Random random = new Random(seed);
        List<In> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String topic = topics.get(random.nextInt(topics.size()));
            String key = "k" + random.nextInt(keys);
            String value = nulls && random.nextInt(5) == 0 ? null : "v" + i;
            out.add(new In(topic, key, value, random.nextInt(maxTime)));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void wordCountMatchesKafkaStreams(long seed) {
        Random random = new Random(seed);
        String[] words = {"the", "Quick", "brown", "fox", "THE", "lazy", "dog"};
        List<In> inputs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            StringBuilder line = new StringBuilder();
            for (int w = random.nextInt(5); w >= 0; w--) {
                line.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : ", ");
            }
            inputs.add(new In("lines", null, line.toString().trim(), random.nextInt(1000)));
        }
        Consumer<StreamsBuilder> ours = b -> b.<String, String>stream("lines")
            .flatMapValues(line -> List.of(line.toLowerCase(Locale.ROOT).split("\\W+")))
            .groupBy((k, word) -> word, Grouped.as("words"))
            .count(Materialized.as("counts"))
            .toStream()
            .to("counts", Produced.with(Serdes.string(), Serdes.longSerde()));
        List<String> expected = KafkaStreamsSide.run(KafkaStreamsSide::wordCount, inputs, "counts", true);
        assertThat(expected).isNotEmpty();
        assertThat(tributary(ours, inputs, "counts", true)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10,10,0", "10,10,5", "10,5,3", "20,5,0"})
    void windowedCountsWithLateRecordsMatchKafkaStreams(String spec) {
        String[] p = spec.split(",");
        long size = Long.parseLong(p[0]);
        long advance = Long.parseLong(p[1]);
        long grace = Long.parseLong(p[2]);
        // Mostly increasing timestamps with jitter, so some records are out of order and some are late.
        Random random = new Random(spec.hashCode());
        List<In> inputs = new ArrayList<>();
        long time = 0;
        for (int i = 0; i < 120; i++) {
            time += random.nextInt(4);
            long t = Math.max(0, time - random.nextInt(15));
            inputs.add(new In("events", "k" + random.nextInt(3), "v", t));
        }
        Consumer<StreamsBuilder> ours = b -> b.<String, String>stream("events")
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(size), Duration.ofMillis(grace))
                .advanceBy(Duration.ofMillis(advance)))
            .count(Materialized.as("windowed"))
            .toStream()
            .map((w, c) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), c))
            .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        List<String> expected = KafkaStreamsSide.run(KafkaStreamsSide.windowedCount(size, advance, grace), inputs,
            "out", true);
        List<String> actual = tributary(ours, inputs, "out", true);
        assertThat(expected).isNotEmpty();
        // Late records must have been dropped: fewer updates than record-window pairs.
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10,0", "10,5", "30,7"})
    void suppressedWindowedCountsEmitTheSameFinalResultsAsKafkaStreams(String spec) {
        long size = Long.parseLong(spec.split(",")[0]);
        long grace = Long.parseLong(spec.split(",")[1]);
        Random random = new Random(spec.hashCode());
        List<In> inputs = new ArrayList<>();
        long time = 0;
        for (int i = 0; i < 150; i++) {
            time += random.nextInt(4);
            inputs.add(new In("events", "k" + random.nextInt(4), "v", Math.max(0, time - random.nextInt(12))));
        }
        Consumer<StreamsBuilder> ours = b -> b.<String, String>stream("events")
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(size), Duration.ofMillis(grace)))
            .count(Materialized.as("windowed"))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final"))
            .toStream()
            .map((w, c) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), c))
            .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        List<String> expected = KafkaStreamsSide.run(KafkaStreamsSide.suppressedWindowedCount(size, grace), inputs,
            "out", true);
        assertThat(expected).isNotEmpty();
        assertThat(tributary(ours, inputs, "out", true)).containsExactlyElementsOf(expected);
    }

    /** limit, maxRecords (0: unbounded), table (latest values with deletions) or counts. */
    @ParameterizedTest
    @ValueSource(strings = {"10,0,false", "0,0,false", "25,2,false", "7,0,true", "15,3,true"})
    void timeLimitedSuppressionEmitsTheSameUpdatesAsKafkaStreams(String spec) {
        String[] p = spec.split(",");
        long limit = Long.parseLong(p[0]);
        long maxRecords = Long.parseLong(p[1]);
        boolean table = Boolean.parseBoolean(p[2]);
        Random random = new Random(spec.hashCode());
        List<In> inputs = new ArrayList<>();
        long time = 0;
        for (int i = 0; i < 200; i++) {
            time += random.nextInt(4);
            String value = table && random.nextInt(6) == 0 ? null : "v" + i;
            inputs.add(new In("events", "k" + random.nextInt(6), value, Math.max(0, time - random.nextInt(10))));
        }
        Suppressed<Object> suppressed = Suppressed.untilTimeLimit(Duration.ofMillis(limit), maxRecords > 0
            ? Suppressed.BufferConfig.maxRecords(maxRecords) : Suppressed.BufferConfig.unbounded()).withName("limited");
        Consumer<StreamsBuilder> ours = table
            ? b -> b.<String, String>table("events", Materialized.as("latest")).suppress(suppressed).toStream()
                .to("out")
            : b -> b.<String, String>stream("events")
                .groupByKey()
                .count(Materialized.as("counts"))
                .suppress(suppressed)
                .toStream()
                .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        List<String> expected = KafkaStreamsSide.run(KafkaStreamsSide.timeLimited(limit, maxRecords, table), inputs,
            "out", !table);
        assertThat(expected).isNotEmpty();
        if (table) {
            assertThat(expected).anyMatch(r -> r.contains("|null|"));
        }
        assertThat(tributary(ours, inputs, "out", !table)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 20})
    void timeLimitedWindowedCountsEmitTheSameUpdatesAsKafkaStreams(long limit) {
        Random random = new Random(limit);
        List<In> inputs = new ArrayList<>();
        long time = 0;
        for (int i = 0; i < 150; i++) {
            time += random.nextInt(3);
            inputs.add(new In("events", "k" + random.nextInt(3), "v", Math.max(0, time - random.nextInt(6))));
        }
        Consumer<StreamsBuilder> ours = b -> b.<String, String>stream("events")
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
            .count(Materialized.as("windowed"))
            .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(limit), Suppressed.BufferConfig.unbounded())
                .withName("limited"))
            .toStream()
            .map((w, c) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), c))
            .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        List<String> expected = KafkaStreamsSide.run(KafkaStreamsSide.timeLimitedWindowedCount(10, limit), inputs,
            "out", true);
        assertThat(expected).isNotEmpty();
        assertThat(tributary(ours, inputs, "out", true)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5,5,0", "10,3,4", "0,8,20"})
    void streamStreamInnerJoinMatchesKafkaStreams(String spec) {
        String[] p = spec.split(",");
        long before = Long.parseLong(p[0]);
        long after = Long.parseLong(p[1]);
        long grace = Long.parseLong(p[2]);
        Random random = new Random(spec.hashCode());
        List<In> inputs = new ArrayList<>();
        long time = 0;
        for (int i = 0; i < 200; i++) {
            time += random.nextInt(3);
            String value = random.nextInt(10) == 0 ? null : "v" + i;
            inputs.add(new In(random.nextBoolean() ? "left" : "right", "k" + random.nextInt(4), value,
                Math.max(0, time - random.nextInt(20))));
        }
        Consumer<StreamsBuilder> ours = b -> {
            KStream<String, String> l = b.stream("left");
            KStream<String, String> r = b.stream("right");
            l.join(r, (a, c) -> a + "+" + c, JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(before),
                    Duration.ofMillis(grace)).after(Duration.ofMillis(after)), StreamJoined.as("pairs"))
                .to("out");
        };
        List<String> expected = KafkaStreamsSide.run(KafkaStreamsSide.streamStreamJoin(before, after, grace), inputs,
            "out", false);
        assertThat(expected).isNotEmpty();
        assertThat(tributary(ours, inputs, "out", false)).containsExactlyElementsOf(expected);
        // The same with the join's buffers in RocksDB (default.dsl.store=rocksDB).
        assertThat(tributary(ours, inputs, "out", false, rocksDb(stateDir))).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void streamTableJoinMatchesKafkaStreams(boolean left) {
        List<In> inputs = randomInputs(left ? 11 : 12, 200, List.of("users", "clicks"), 6, 500, true);
        Consumer<StreamsBuilder> ours = b -> {
            KTable<String, String> users = b.table("users", Materialized.as("users-table"));
            KStream<String, String> clicks = b.stream("clicks");
            (left ? clicks.leftJoin(users, (c, u) -> c + "/" + u) : clicks.join(users, (c, u) -> c + "/" + u))
                .to("out");
        };
        List<String> expected = KafkaStreamsSide.run(KafkaStreamsSide.streamTableJoin(left), inputs, "out", false);
        assertThat(expected).isNotEmpty();
        assertThat(tributary(ours, inputs, "out", false)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inner", "left", "outer"})
    void tableTableJoinMatchesKafkaStreams(String kind) {
        List<In> inputs = randomInputs(kind.hashCode(), 200, List.of("left", "right"), 5, 500, true);
        Consumer<StreamsBuilder> ours = b -> {
            KTable<String, String> l = b.table("left", Materialized.as("left-table"));
            KTable<String, String> r = b.table("right", Materialized.as("right-table"));
            KTable<String, String> joined = switch (kind) {
                case "inner" -> l.join(r, (a, c) -> a + "+" + c);
                case "left" -> l.leftJoin(r, (a, c) -> a + "+" + c);
                default -> l.outerJoin(r, (a, c) -> a + "+" + c);
            };
            joined.toStream().to("out");
        };
        List<String> expected = KafkaStreamsSide.run(KafkaStreamsSide.tableTableJoin(kind), inputs, "out", false);
        assertThat(expected).isNotEmpty();
        assertThat(tributary(ours, inputs, "out", false)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void streamGlobalTableJoinMatchesKafkaStreams(boolean left) {
        List<In> inputs = new ArrayList<>();
        int i = 0;
        for (In in : randomInputs(left ? 21 : 22, 300, List.of("users", "orders"), 7, 500, true)) {
            // Some null keys on both sides: the global table skips them, the left join keeps them.
            boolean nullKey = i++ % 9 == 0;
            inputs.add(nullKey ? new In(in.topic(), null, in.value(), in.timestamp()) : in);
        }
        Consumer<StreamsBuilder> ours = b -> {
            GlobalKTable<String, String> users = b.globalTable("users", Materialized.as("users-global"));
            KStream<String, String> orders = b.stream("orders");
            (left ? orders.leftJoin(users, KafkaStreamsSide::userOf, (o, u) -> o + "/" + u)
                : orders.join(users, KafkaStreamsSide::userOf, (o, u) -> o + "/" + u))
                .to("out");
        };
        List<String> expected = KafkaStreamsSide.run(KafkaStreamsSide.streamGlobalTableJoin(left), inputs, "out",
            false);
        assertThat(expected).isNotEmpty();
        assertThat(tributary(ours, inputs, "out", false)).containsExactlyElementsOf(expected);
    }
}
