package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serde;
import io.tributary.serdes.Serdes;
import io.tributary.streams.processor.Processor;
import io.tributary.streams.processor.ProcessorContext;
import io.tributary.streams.processor.Record;
import io.tributary.streams.testing.TestInputTopic;
import io.tributary.streams.testing.TopologyTestDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With the record cache on, Tributary's and Apache Kafka Streams' test drivers must write the same output records
 * (keys, values, timestamps, in the same order) for random inputs. Each input is a batch of updates of one key, spread
 * into records by a processor, so that many updates of one session, window or row fall between two commits: the
 * drivers commit after each input (Tributary's after the repartition its processor causes, Kafka Streams' without
 * one, through {@code processValues}).
 */
final class CachingDifferentialTest {
    static final long CACHE_BYTES = 10 * 1024 * 1024;
    private static final StreamsOptions CACHED = DriverFixture.OPTIONS.cacheMaxBytes(CACHE_BYTES);

    record In(String topic, String key, @Nullable String value, long timestamp) {
    }

    /** Updates written {@code value@timestamp;...}, {@code ~} for a null value. */
    record Batch(@Nullable String value, long timestamp) {
        static List<Batch> parse(String batch) {
            List<Batch> out = new ArrayList<>();
            for (String entry : batch.split(";")) {
                int at = entry.lastIndexOf('@');
                String value = entry.substring(0, at);
                out.add(new Batch(value.equals("~") ? null : value, Long.parseLong(entry.substring(at + 1))));
            }
            return out;
        }
    }

    /** Spreads a batch into records of the same key, each with its own timestamp. */
    static final class Explode implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            Batch.parse(record.value()).forEach(e -> context.forward(record.withValue(e.value())
                .withTimestamp(e.timestamp())));
        }
    }

    /**
     * Batches of up to six updates of three keys, timestamps mostly increasing with jitter, one in ten far in the
     * past; with {@code nulls}, one value in six is null; with {@code right}, one input in four is a plain update of
     * topic {@code right}.
     */
    private static List<In> inputs(String seed, int count, boolean nulls, boolean right) {
        Random random = new Random(seed.hashCode());
        List<In> out = new ArrayList<>();
        long time = 0;
        for (int i = 0; i < count; i++) {
            String key = "k" + random.nextInt(3);
            if (right && random.nextInt(4) == 0) {
                out.add(new In("right", key, random.nextInt(3) == 0 ? null : "r" + i, time));
                continue;
            }
            List<String> entries = new ArrayList<>();
            for (int j = random.nextInt(6); j >= 0; j--) {
                time += random.nextInt(3);
                long t = Math.max(0, time - (random.nextInt(10) == 0 ? 20 + random.nextInt(40) : random.nextInt(12)));
                entries.add((nulls && random.nextInt(6) == 0 ? "~" : "v" + i + "." + j) + "@" + t);
            }
            out.add(new In("events", key, String.join(";", entries), time));
        }
        return out;
    }

    private static List<String> tributary(Consumer<StreamsBuilder> topology, List<In> inputs, boolean longValues) {
        StreamsBuilder builder = new StreamsBuilder();
        topology.accept(builder);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), CACHED, Instant.EPOCH)) {
            Map<String, TestInputTopic<String, String>> topics = new HashMap<>();
            for (In in : inputs) {
                topics.computeIfAbsent(in.topic(), t -> driver.createInputTopic(t, Serdes.string().serializer(),
                    Serdes.string().serializer())).pipeInput(in.key(), in.value(), in.timestamp());
            }
            Serde<?> values = longValues ? Serdes.longSerde() : Serdes.string();
            return driver.createOutputTopic("out", Serdes.string().deserializer(), values.deserializer())
                .readRecordsToList().stream()
                .map(r -> r.key() + "|" + r.value() + "|" + r.timestamp())
                .toList();
        }
    }

    private static KStream<String, String> exploded(StreamsBuilder b) {
        return b.<String, String>stream("events").process(Explode::new);
    }

    private static KGroupedStream<String, String> batches(StreamsBuilder b) {
        return exploded(b).groupByKey(Grouped.as("batches"));
    }

    /**
     * The retention of the window and session stores: longer than the inputs' time span. Kafka Streams' caching stores
     * also return windows that expired from the store while the cache still holds them (its LRU keeps flushed
     * entries), so with caching on a late record may still merge with, or build on, windows its uncached store has
     * dropped; Tributary's stores drop them either way. Nothing expires here, so the comparison is of the caching.
     */
    static long retention(long minimum) {
        return Math.max(minimum, Duration.ofHours(1).toMillis());
    }

    private static <V> Materialized<String, V> kept(String store, long minimumRetention) {
        return Materialized.<String, V>as(store).withRetention(Duration.ofMillis(retention(minimumRetention)));
    }

    private static <V> void toOut(KTable<Windowed<String>, V> table, Serde<V> values) {
        table.toStream()
            .map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), v))
            .to("out", Produced.with(Serdes.string(), values));
    }

    private static void assertSame(Consumer<StreamsBuilder> ours, Consumer<org.apache.kafka.streams.StreamsBuilder>
        theirs, List<In> inputs, boolean longValues) {
        List<String> expected = CachingKafkaStreamsSide.run(theirs, inputs, longValues);
        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(tributary(ours, inputs, longValues)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @CsvSource({"count,5,0", "count,10,3", "count,2,20", "reduce,5,3", "reduce,20,0", "aggregate,4,8",
        "aggregate,10,0"})
    void cachedSessionWindowsMatchKafkaStreams(String kind, long gap, long grace) {
        Consumer<StreamsBuilder> ours = b -> {
            SessionWindowedKStream<String, String> sessions = batches(b)
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(gap), Duration.ofMillis(grace)));
            switch (kind) {
                case "count" -> toOut(sessions.count(kept("sessions", gap + grace)), Serdes.longSerde());
                case "reduce" -> toOut(sessions.reduce((x, y) -> x + "+" + y, kept("sessions", gap + grace)),
                    Serdes.string());
                default -> toOut(sessions.aggregate(() -> "", (k, v, agg) -> agg + v + ",", (k, x, y) -> x + "|" + y,
                    kept("sessions", gap + grace)), Serdes.string());
            }
        };
        assertSame(ours, CachingKafkaStreamsSide.sessions(kind, gap, grace),
            inputs("session" + kind + gap + grace, 200, true, false), kind.equals("count"));
    }

    @ParameterizedTest
    @CsvSource({"count,10,0", "count,5,5", "count,1,0", "aggregate,3,30", "aggregate,8,2"})
    void cachedSlidingWindowsMatchKafkaStreams(String kind, long difference, long grace) {
        Consumer<StreamsBuilder> ours = b -> {
            TimeWindowedKStream<String, String> windows = batches(b)
                .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(difference),
                    Duration.ofMillis(grace)));
            long minimumRetention = 2 * difference + grace;
            if (kind.equals("count")) {
                toOut(windows.count(kept("sliding", minimumRetention)), Serdes.longSerde());
            } else {
                toOut(windows.aggregate(() -> "", (k, v, agg) -> agg + v + ",", kept("sliding", minimumRetention)),
                    Serdes.string());
            }
        };
        assertSame(ours, CachingKafkaStreamsSide.sliding(kind, difference, grace),
            inputs("sliding" + kind + difference + grace, 200, true, false), kind.equals("count"));
    }

    @ParameterizedTest
    @CsvSource({"10,5,0", "10,3,4", "6,6,2"})
    void cachedHoppingWindowsMatchKafkaStreams(long size, long advance, long grace) {
        Consumer<StreamsBuilder> ours = b -> toOut(batches(b)
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(size), Duration.ofMillis(grace))
                .advanceBy(Duration.ofMillis(advance)))
            .count(Materialized.as("windowed")), Serdes.longSerde());
        assertSame(ours, CachingKafkaStreamsSide.hopping(size, advance, grace),
            inputs("hopping" + size + advance + grace, 200, false, false), true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "left", "outer"})
    void cachedTablesMatchKafkaStreams(String join) {
        Consumer<StreamsBuilder> ours = b -> {
            KTable<String, String> table = exploded(b).toTable(Materialized.as("t"));
            KTable<String, String> right = b.table("right", Materialized.as("r"));
            KTable<String, String> out = switch (join) {
                case "left" -> table.leftJoin(right, (x, y) -> x + "+" + y);
                case "outer" -> table.outerJoin(right, (x, y) -> x + "+" + y);
                default -> table;
            };
            out.toStream().to("out", Produced.with(Serdes.string(), Serdes.string()));
        };
        assertSame(ours, CachingKafkaStreamsSide.table(join), inputs("table" + join, 300, true, true), false);
    }
}
