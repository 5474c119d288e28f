package io.tributary.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The reference side of the differential tests: the same topologies on Apache Kafka Streams' own
 * TopologyTestDriver, with caching disabled so that every update is emitted, as Tributary does.
 */
final class KafkaStreamsSide {
    private KafkaStreamsSide() {
    }

    static List<String> run(Consumer<StreamsBuilder> topology, List<DifferentialTest.In> inputs, String output,
                            boolean longValues) {
        StreamsBuilder builder = new StreamsBuilder();
        topology.accept(builder);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // Left/outer stream-stream joins look for closed windows at most once per (wall-clock) second, a
        // throttle that the driver's frozen clock would turn into "once ever"; Tributary looks on every record.
        props.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX, 0L);
        List<String> out = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(0))) {
            Map<String, TestInputTopic<String, String>> topics = new HashMap<>();
            for (DifferentialTest.In in : inputs) {
                topics.computeIfAbsent(in.topic(), t -> driver.createInputTopic(t, Serdes.String().serializer(),
                    Serdes.String().serializer())).pipeInput(in.key(), in.value(), in.timestamp());
            }
            org.apache.kafka.common.serialization.Deserializer<?> values = longValues ? Serdes.Long().deserializer()
                : Serdes.String().deserializer();
            TestOutputTopic<String, ?> topic = driver.createOutputTopic(output, Serdes.String().deserializer(),
                values);
            topic.readRecordsToList().forEach(r -> out.add(r.key() + "|" + r.value() + "|" + r.timestamp()));
        }
        return out;
    }

    static void wordCount(StreamsBuilder b) {
        b.<String, String>stream("lines")
            .flatMapValues(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\W+")))
            .groupBy((k, word) -> word, Grouped.as("words"))
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts").withCachingDisabled())
            .toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
    }

    static Consumer<StreamsBuilder> windowedCount(long size, long advance, long grace) {
        return b -> b.<String, String>stream("events")
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(size), Duration.ofMillis(grace))
                .advanceBy(Duration.ofMillis(advance)))
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("windowed").withCachingDisabled())
            .toStream()
            .map((w, c) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), c))
            .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    }

    static Consumer<StreamsBuilder> suppressedWindowedCount(long size, long grace) {
        return b -> b.<String, String>stream("events")
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(size), Duration.ofMillis(grace)))
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("windowed").withCachingDisabled()
                .withKeySerde(Serdes.String()))   // suppression serializes the windowed keys with it
            .suppress(org.apache.kafka.streams.kstream.Suppressed.untilWindowCloses(
                org.apache.kafka.streams.kstream.Suppressed.BufferConfig.unbounded()).withName("final"))
            .toStream()
            .map((w, c) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), c))
            .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    }

    /**
     * Counts per key, or the latest value per key of a table read from "events" ({@code table}), rate-limited by
     * {@code untilTimeLimit(limit)}; {@code maxRecords} &gt; 0 bounds the buffer, emitting early when full.
     */
    static Consumer<StreamsBuilder> timeLimited(long limit, long maxRecords, boolean table) {
        org.apache.kafka.streams.kstream.Suppressed.BufferConfig<?> buffer = maxRecords > 0
            ? org.apache.kafka.streams.kstream.Suppressed.BufferConfig.maxRecords(maxRecords)
            : org.apache.kafka.streams.kstream.Suppressed.BufferConfig.unbounded();
        org.apache.kafka.streams.kstream.Suppressed<Object> suppressed = org.apache.kafka.streams.kstream.Suppressed
            .untilTimeLimit(Duration.ofMillis(limit), buffer).withName("limited");
        if (table) {
            return b -> b.<String, String>table("events", Materialized.as("latest"))
                .suppress(suppressed)
                .toStream()
                .to("out");
        }
        return b -> b.<String, String>stream("events")
            .groupByKey()
            .count(Materialized.as("counts"))
            .suppress(suppressed)
            .toStream()
            .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    }

    /** Windowed counts rate-limited by {@code untilTimeLimit(limit)}, the windowed keys flattened. */
    static Consumer<StreamsBuilder> timeLimitedWindowedCount(long size, long limit) {
        return b -> b.<String, String>stream("events")
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(size)))
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("windowed").withCachingDisabled()
                .withKeySerde(Serdes.String()))
            .suppress(org.apache.kafka.streams.kstream.Suppressed.untilTimeLimit(Duration.ofMillis(limit),
                org.apache.kafka.streams.kstream.Suppressed.BufferConfig.unbounded()).withName("limited"))
            .toStream()
            .map((w, c) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), c))
            .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    }

    /** Inner stream-stream join with in-memory window stores, the kind Tributary has. */
    static Consumer<StreamsBuilder> streamStreamJoin(long before, long after, long grace) {
        return b -> {
            KStream<String, String> l = b.stream("left");
            KStream<String, String> r = b.stream("right");
            org.apache.kafka.streams.kstream.JoinWindows windows = org.apache.kafka.streams.kstream.JoinWindows
                .ofTimeDifferenceAndGrace(Duration.ofMillis(before), Duration.ofMillis(grace))
                .after(Duration.ofMillis(after));
            long retention = before + after + grace;
            org.apache.kafka.streams.kstream.StreamJoined<String, String, String> joined =
                org.apache.kafka.streams.kstream.StreamJoined.<String, String, String>with(Serdes.String(),
                        Serdes.String(), Serdes.String())
                    .withThisStoreSupplier(org.apache.kafka.streams.state.Stores.inMemoryWindowStore("this",
                        Duration.ofMillis(retention), Duration.ofMillis(before + after), true))
                    .withOtherStoreSupplier(org.apache.kafka.streams.state.Stores.inMemoryWindowStore("other",
                        Duration.ofMillis(retention), Duration.ofMillis(before + after), true));
            l.join(r, (a, c) -> a + "+" + c, windows, joined).to("out");
        };
    }

    static Consumer<StreamsBuilder> streamTableJoin(boolean left) {
        return b -> {
            KTable<String, String> users = b.table("users",
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("users-table").withCachingDisabled());
            KStream<String, String> clicks = b.stream("clicks");
            (left ? clicks.leftJoin(users, (c, u) -> c + "/" + u) : clicks.join(users, (c, u) -> c + "/" + u))
                .to("out");
        };
    }

    static Consumer<StreamsBuilder> tableTableJoin(String kind) {
        return b -> {
            KTable<String, String> l = b.table("left",
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("left-table").withCachingDisabled());
            KTable<String, String> r = b.table("right",
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("right-table").withCachingDisabled());
            KTable<String, String> joined = switch (kind) {
                case "inner" -> l.join(r, (a, c) -> a + "+" + c);
                case "left" -> l.leftJoin(r, (a, c) -> a + "+" + c);
                default -> l.outerJoin(r, (a, c) -> a + "+" + c);
            };
            joined.toStream().to("out");
        };
    }

    /** The user of an order: its key shifted by one, null for {@code k6}; orders without key go to {@code k0}. */
    static String userOf(String orderKey, String order) {
        if (orderKey == null) {
            return "k0";
        }
        return orderKey.equals("k6") ? null : "k" + (orderKey.charAt(1) - '0' + 1) % 6;
    }

    static Consumer<StreamsBuilder> streamGlobalTableJoin(boolean left) {
        return b -> {
            org.apache.kafka.streams.kstream.GlobalKTable<String, String> users = b.globalTable("users",
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("users-global").withCachingDisabled());
            KStream<String, String> orders = b.stream("orders");
            (left ? orders.leftJoin(users, KafkaStreamsSide::userOf, (o, u) -> o + "/" + u)
                : orders.join(users, KafkaStreamsSide::userOf, (o, u) -> o + "/" + u))
                .to("out");
        };
    }

    /** Session windows with in-memory session stores, the kind Tributary has; see the Tributary side's twin. */
    static Consumer<StreamsBuilder> sessionWindowed(String kind, long gap, long grace) {
        return b -> {
            org.apache.kafka.streams.kstream.SessionWindowedKStream<String, String> sessions = b
                .<String, String>stream("events")
                .groupByKey()
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(gap), Duration.ofMillis(grace)));
            org.apache.kafka.streams.state.SessionBytesStoreSupplier store = Stores.inMemorySessionStore("sessions",
                Duration.ofMillis(gap + grace));
            switch (kind) {
                case "count" -> toOut(sessions.count(Materialized.<String, Long>as(store).withCachingDisabled()),
                    Serdes.Long());
                case "suppress" -> toOut(sessions.count(Materialized.<String, Long>as(store).withCachingDisabled()
                        .withKeySerde(Serdes.String()))
                    .suppress(untilWindowCloses()), Serdes.Long());
                case "reduce" -> toOut(sessions.reduce((x, y) -> x + "+" + y,
                    Materialized.<String, String>as(store).withCachingDisabled()), Serdes.String());
                default -> toOut(sessions.aggregate(() -> "", (k, v, agg) -> agg + v + ",", (k, x, y) -> x + "|" + y,
                    Materialized.<String, String>as(store).withCachingDisabled()), Serdes.String());
            }
        };
    }

    /** Sliding windows with in-memory window stores, the kind Tributary has; see the Tributary side's twin. */
    static Consumer<StreamsBuilder> slidingWindowed(String kind, long difference, long grace) {
        return b -> {
            org.apache.kafka.streams.kstream.TimeWindowedKStream<String, String> windows = b
                .<String, String>stream("events")
                .groupByKey()
                .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(difference),
                    Duration.ofMillis(grace)));
            org.apache.kafka.streams.state.WindowBytesStoreSupplier store = Stores.inMemoryWindowStore("sliding",
                Duration.ofMillis(2 * difference + grace), Duration.ofMillis(difference), false);
            switch (kind) {
                case "count" -> toOut(windows.count(Materialized.<String, Long>as(store).withCachingDisabled()),
                    Serdes.Long());
                case "suppress" -> toOut(windows.count(Materialized.<String, Long>as(store).withCachingDisabled()
                        .withKeySerde(Serdes.String()))
                    .suppress(untilWindowCloses()), Serdes.Long());
                case "reduce" -> toOut(windows.reduce((x, y) -> x + "+" + y,
                    Materialized.<String, String>as(store).withCachingDisabled()), Serdes.String());
                default -> toOut(windows.aggregate(() -> "", (k, v, agg) -> agg + v + ",",
                    Materialized.<String, String>as(store).withCachingDisabled()), Serdes.String());
            }
        };
    }

    private static org.apache.kafka.streams.kstream.Suppressed<Windowed<?>> untilWindowCloses() {
        return org.apache.kafka.streams.kstream.Suppressed.untilWindowCloses(
            org.apache.kafka.streams.kstream.Suppressed.BufferConfig.unbounded()).withName("final");
    }

    /** Writes a windowed table's updates to {@code out}, keyed {@code key@start/end}. */
    private static <V> void toOut(KTable<Windowed<String>, V> table,
                                  org.apache.kafka.common.serialization.Serde<V> values) {
        table.toStream()
            .map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), v))
            .to("out", Produced.with(Serdes.String(), values));
    }

    /**
     * Left or outer stream-stream join with in-memory window stores (so an in-memory shared store too); either
     * side of the window may be negative.
     */
    static Consumer<StreamsBuilder> streamStreamOuterJoin(boolean outer, long before, long after, long grace) {
        return b -> {
            KStream<String, String> l = b.stream("left");
            KStream<String, String> r = b.stream("right");
            org.apache.kafka.streams.kstream.JoinWindows windows = org.apache.kafka.streams.kstream.JoinWindows
                .ofTimeDifferenceAndGrace(Duration.ofMillis(Math.max(before, after)), Duration.ofMillis(grace))
                .after(Duration.ofMillis(after)).before(Duration.ofMillis(before));
            long retention = before + after + grace;
            org.apache.kafka.streams.kstream.StreamJoined<String, String, String> joined =
                org.apache.kafka.streams.kstream.StreamJoined.<String, String, String>with(Serdes.String(),
                        Serdes.String(), Serdes.String())
                    .withThisStoreSupplier(Stores.inMemoryWindowStore("this", Duration.ofMillis(retention),
                        Duration.ofMillis(before + after), true))
                    .withOtherStoreSupplier(Stores.inMemoryWindowStore("other", Duration.ofMillis(retention),
                        Duration.ofMillis(before + after), true));
            (outer ? l.outerJoin(r, (a, c) -> a + "+" + c, windows, joined)
                : l.leftJoin(r, (a, c) -> a + "+" + c, windows, joined))
                .to("out");
        };
    }
}
