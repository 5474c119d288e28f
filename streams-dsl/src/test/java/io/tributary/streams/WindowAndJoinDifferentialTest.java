package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serde;
import io.tributary.serdes.Serdes;
import io.tributary.streams.DifferentialTest.In;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Session windows, sliding windows and left/outer stream-stream joins on Tributary's and Apache Kafka Streams' test
 * drivers must write the same output records, in the same order, for random inputs: timestamps out of order within
 * and beyond grace, null keys and null values.
 */
final class WindowAndJoinDifferentialTest {
    @TempDir
    Path stateDir;

    /**
     * Mostly increasing timestamps with jitter; one record in ten far in the past (late beyond any grace here), one
     * in twelve with a null key, one in nine with a null value.
     */
    private static List<In> events(String seed, int count, List<String> topics, int keys) {
        Random random = new Random(seed.hashCode());
        List<In> out = new ArrayList<>();
        long time = 0;
        for (int i = 0; i < count; i++) {
            time += random.nextInt(4);
            long t = Math.max(0, time - (random.nextInt(10) == 0 ? 20 + random.nextInt(40) : random.nextInt(12)));
            String key = random.nextInt(12) == 0 ? null : "k" + random.nextInt(keys);
            String value = random.nextInt(9) == 0 ? null : "v" + i;
            out.add(new In(topics.get(random.nextInt(topics.size())), key, value, t));
        }
        return out;
    }

    private static <V> void toOut(KTable<Windowed<String>, V> table, Serde<V> values) {
        table.toStream()
            .map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), v))
            .to("out", Produced.with(Serdes.string(), values));
    }

    private static boolean countsLongs(String kind) {
        return kind.equals("count") || kind.equals("suppress");
    }

    @ParameterizedTest
    @CsvSource({"count,5,0", "count,1,10", "count,10,3", "reduce,5,3", "reduce,20,0", "aggregate,4,8",
        "aggregate,10,0", "suppress,5,0", "suppress,8,6"})
    void sessionWindowsMatchKafkaStreams(String kind, long gap, long grace) {
        List<In> inputs = events("session" + kind + gap + grace, 250, List.of("events"), 3);
        Consumer<StreamsBuilder> ours = b -> {
            SessionWindowedKStream<String, String> sessions = b.<String, String>stream("events")
                .groupByKey()
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(gap), Duration.ofMillis(grace)));
            switch (kind) {
                case "count" -> toOut(sessions.count(Materialized.as("sessions")), Serdes.longSerde());
                case "suppress" -> toOut(sessions.count(Materialized.as("sessions")).suppress(
                    Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final")),
                    Serdes.longSerde());
                case "reduce" -> toOut(sessions.reduce((x, y) -> x + "+" + y, Materialized.as("sessions")),
                    Serdes.string());
                default -> toOut(sessions.aggregate(() -> "", (k, v, agg) -> agg + v + ",", (k, x, y) -> x + "|" + y,
                    Materialized.as("sessions")), Serdes.string());
            }
        };
        List<String> expected = KafkaStreamsSide.run(KafkaStreamsSide.sessionWindowed(kind, gap, grace), inputs,
            "out", countsLongs(kind));
        assertThat(expected).hasSizeGreaterThan(kind.equals("suppress") ? 10 : 100);
        assertThat(DifferentialTest.tributary(ours, inputs, "out", countsLongs(kind)))
            .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @CsvSource({"count,10,0", "count,10,5", "count,1,0", "reduce,5,3", "reduce,30,0", "aggregate,3,30",
        "aggregate,8,2", "suppress,10,5", "suppress,4,0"})
    void slidingWindowsMatchKafkaStreams(String kind, long difference, long grace) {
        List<In> inputs = events("sliding" + kind + difference + grace, 250, List.of("events"), 3);
        Consumer<StreamsBuilder> ours = b -> {
            TimeWindowedKStream<String, String> windows = b.<String, String>stream("events")
                .groupByKey()
                .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(difference),
                    Duration.ofMillis(grace)));
            switch (kind) {
                case "count" -> toOut(windows.count(Materialized.as("sliding")), Serdes.longSerde());
                case "suppress" -> toOut(windows.count(Materialized.as("sliding")).suppress(
                    Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final")),
                    Serdes.longSerde());
                case "reduce" -> toOut(windows.reduce((x, y) -> x + "+" + y, Materialized.as("sliding")),
                    Serdes.string());
                default -> toOut(windows.aggregate(() -> "", (k, v, agg) -> agg + v + ",",
                    Materialized.as("sliding")), Serdes.string());
            }
        };
        List<String> expected = KafkaStreamsSide.run(KafkaStreamsSide.slidingWindowed(kind, difference, grace),
            inputs, "out", countsLongs(kind));
        assertThat(expected).hasSizeGreaterThan(kind.equals("suppress") ? 10 : 100);
        assertThat(DifferentialTest.tributary(ours, inputs, "out", countsLongs(kind)))
            .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @CsvSource({"left,5,5,0", "left,10,3,4", "left,0,8,20", "left,2,0,0", "left,-3,8,2", "outer,5,5,0",
        "outer,10,3,4", "outer,0,8,20", "outer,3,0,2", "outer,1,0,0", "outer,6,-2,3"})
    void leftAndOuterStreamStreamJoinsMatchKafkaStreams(String kind, long before, long after, long grace) {
        boolean outer = kind.equals("outer");
        List<In> inputs = events("join" + kind + before + after + grace, 300, List.of("left", "right"), 4);
        Consumer<StreamsBuilder> ours = b -> {
            KStream<String, String> l = b.stream("left");
            KStream<String, String> r = b.stream("right");
            JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(Math.max(before, after)),
                Duration.ofMillis(grace)).after(Duration.ofMillis(after)).before(Duration.ofMillis(before));
            (outer ? l.outerJoin(r, (a, c) -> a + "+" + c, windows, StreamJoined.as("pairs"))
                : l.leftJoin(r, (a, c) -> a + "+" + c, windows, StreamJoined.as("pairs")))
                .to("out");
        };
        List<String> expected = KafkaStreamsSide.run(KafkaStreamsSide.streamStreamOuterJoin(outer, before, after,
            grace), inputs, "out", false);
        // Null-joined results must be among them, and not all of them.
        assertThat(expected).anyMatch(s -> s.contains("+null|")).anyMatch(s -> !s.contains("null"));
        assertThat(DifferentialTest.tributary(ours, inputs, "out", false)).containsExactlyElementsOf(expected);
        // The same with the join's buffers, the shared one included, in RocksDB (default.dsl.store=rocksDB).
        assertThat(DifferentialTest.tributary(ours, inputs, "out", false, DifferentialTest.rocksDb(stateDir)))
            .containsExactlyElementsOf(expected);
    }
}
