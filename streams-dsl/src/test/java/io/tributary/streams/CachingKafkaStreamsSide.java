package io.tributary.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SessionWindowedKStream;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.TimeWindowedKStream;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;

/**
 * The reference side of {@link CachingDifferentialTest}: the same topologies on Apache Kafka Streams' own
 * TopologyTestDriver with the record cache on. That driver commits (flushes its caches) after each input record, so
 * the updates one input record makes (a batch, spread by {@link Explode}) are what its cache de-duplicates.
 */
final class CachingKafkaStreamsSide {
    private CachingKafkaStreamsSide() {
    }

    static List<String> run(Consumer<StreamsBuilder> topology, List<CachingDifferentialTest.In> inputs,
                            boolean longValues) {
        StreamsBuilder builder = new StreamsBuilder();
        topology.accept(builder);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, CachingDifferentialTest.CACHE_BYTES);
        List<String> out = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(0))) {
            Map<String, TestInputTopic<String, String>> topics = new HashMap<>();
            for (CachingDifferentialTest.In in : inputs) {
                topics.computeIfAbsent(in.topic(), t -> driver.createInputTopic(t, Serdes.String().serializer(),
                    Serdes.String().serializer())).pipeInput(in.key(), in.value(), in.timestamp());
            }
            org.apache.kafka.common.serialization.Deserializer<?> values = longValues ? Serdes.Long().deserializer()
                : Serdes.String().deserializer();
            TestOutputTopic<String, ?> topic = driver.createOutputTopic("out", Serdes.String().deserializer(),
                values);
            topic.readRecordsToList().forEach(r -> out.add(r.key() + "|" + r.value() + "|" + r.timestamp()));
        }
        return out;
    }

    /** Spreads a batch ({@code value@timestamp;...}, {@code ~} for null) into records of the same key. */
    static final class Explode implements FixedKeyProcessor<String, String, String> {
        private FixedKeyProcessorContext<String, String> context;

        @Override
        public void init(FixedKeyProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, String> record) {
            CachingDifferentialTest.Batch.parse(record.value()).forEach(e -> context.forward(
                record.withValue(e.value()).withTimestamp(e.timestamp())));
        }
    }

    private static KGroupedStream<String, String> batches(StreamsBuilder b) {
        return exploded(b).groupByKey();
    }

    private static KStream<String, String> exploded(StreamsBuilder b) {
        return b.<String, String>stream("events").processValues(Explode::new);
    }

    static Consumer<StreamsBuilder> sessions(String kind, long gap, long grace) {
        return b -> {
            SessionWindowedKStream<String, String> sessions = batches(b)
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(gap), Duration.ofMillis(grace)));
            org.apache.kafka.streams.state.SessionBytesStoreSupplier store = Stores.inMemorySessionStore("sessions",
                Duration.ofMillis(CachingDifferentialTest.retention(gap + grace)));
            switch (kind) {
                case "count" -> toOut(sessions.count(Materialized.as(store)), Serdes.Long());
                case "reduce" -> toOut(sessions.reduce((x, y) -> x + "+" + y, Materialized.as(store)),
                    Serdes.String());
                default -> toOut(sessions.aggregate(() -> "", (k, v, agg) -> agg + v + ",", (k, x, y) -> x + "|" + y,
                    Materialized.as(store)), Serdes.String());
            }
        };
    }

    static Consumer<StreamsBuilder> sliding(String kind, long difference, long grace) {
        return b -> {
            TimeWindowedKStream<String, String> windows = batches(b)
                .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(difference),
                    Duration.ofMillis(grace)));
            org.apache.kafka.streams.state.WindowBytesStoreSupplier store = Stores.inMemoryWindowStore("sliding",
                Duration.ofMillis(CachingDifferentialTest.retention(2 * difference + grace)),
                Duration.ofMillis(difference), false);
            if (kind.equals("count")) {
                toOut(windows.count(Materialized.as(store)), Serdes.Long());
            } else {
                toOut(windows.aggregate(() -> "", (k, v, agg) -> agg + v + ",", Materialized.as(store)),
                    Serdes.String());
            }
        };
    }

    static Consumer<StreamsBuilder> hopping(long size, long advance, long grace) {
        return b -> toOut(batches(b)
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(size), Duration.ofMillis(grace))
                .advanceBy(Duration.ofMillis(advance)))
            .count(Materialized.as(Stores.inMemoryWindowStore("windowed", Duration.ofMillis(size + grace),
                Duration.ofMillis(size), false))), Serdes.Long());
    }

    /** The batches as a table; {@code join}: left-joined with the table of topic {@code right}. */
    static Consumer<StreamsBuilder> table(String join) {
        return b -> {
            KTable<String, String> table = exploded(b).toTable(Materialized.as(Stores.inMemoryKeyValueStore("t")));
            KTable<String, String> right = b.table("right", Materialized.as(Stores.inMemoryKeyValueStore("r")));
            KTable<String, String> out = switch (join) {
                case "left" -> table.leftJoin(right, (x, y) -> x + "+" + y);
                case "outer" -> table.outerJoin(right, (x, y) -> x + "+" + y);
                default -> table;
            };
            out.toStream().to("out", Produced.with(Serdes.String(), Serdes.String()));
        };
    }

    private static <V> void toOut(KTable<Windowed<String>, V> table, Serde<V> values) {
        table.toStream()
            .map((w, v) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), v))
            .to("out", Produced.with(Serdes.String(), values));
    }
}
