package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serdes;
import io.tributary.streams.state.SessionStore;
import io.tributary.streams.state.Stores;
import io.tributary.streams.state.WindowStore;
import io.tributary.streams.testing.TestInputTopic;
import io.tributary.streams.testing.TopologyTestDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windowed and session aggregations on RocksDB window and session stores, on the test driver. */
final class RocksDbWindowedStateTest {
    @TempDir
    Path stateDir;

    private StreamsOptions options(String store) {
        return StreamsOptions.fromProperties(Map.of("application.id", "windows-app",
                "bootstrap.servers", "localhost:9092", "state.dir", stateDir.toString(), "default.dsl.store", store))
            .defaultKeySerde(Serdes.string())
            .defaultValueSerde(Serdes.string());
    }

    /** A tumbling count and a session count of one input, each with a generated-free store name. */
    private static Topology counts() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> in = b.stream("in");
        in.groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(100), Duration.ofMillis(50)))
            .count(Materialized.as("window-counts"))
            .toStream()
            .map((w, count) -> KeyValue.pair(w.key() + "@" + w.window().start(), count))
            .to("windows", Produced.with(Serdes.string(), Serdes.longSerde()));
        in.groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(30), Duration.ofMillis(50)))
            .count(Materialized.as("session-counts"))
            .toStream()
            .map((w, count) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), count))
            .to("sessions", Produced.with(Serdes.string(), Serdes.longSerde()));
        return b.build();
    }

    private record Input(String key, long timestamp) {
    }

    private static List<String> run(TopologyTestDriver driver, List<Input> inputs) {
        TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.string().serializer(),
            Serdes.string().serializer());
        inputs.forEach(i -> in.pipeInput(i.key(), "x", i.timestamp()));
        List<String> out = new ArrayList<>();
        for (String topic : List.of("windows", "sessions")) {
            driver.createOutputTopic(topic, Serdes.string().deserializer(), Serdes.longSerde().deserializer())
                .readRecordsToList()
                .forEach(r -> out.add(topic + ":" + r.key() + "=" + r.value() + "@" + r.timestamp()));
        }
        return out;
    }

    private static List<Input> randomInputs(long seed, int count) {
        Random random = new Random(seed);
        List<Input> out = new ArrayList<>();
        long time = 0;
        for (int i = 0; i < count; i++) {
            time += random.nextInt(40);
            // Out of order by up to 80 ms: some within grace, some late and dropped.
            out.add(new Input("k" + random.nextInt(4), Math.max(0, time - random.nextInt(80))));
        }
        return out;
    }

    @Test
    void windowedAndSessionCountsOnRocksDbEmitWhatInMemoryStoresEmit() {
        List<Input> inputs = randomInputs(7, 400);
        List<String> inMemory;
        try (TopologyTestDriver driver = new TopologyTestDriver(counts(), options("in_memory"), Instant.EPOCH)) {
            inMemory = run(driver, inputs);
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(counts(), options("rocksDB"), Instant.EPOCH)) {
            assertThat(run(driver, inputs)).isEqualTo(inMemory).isNotEmpty();
            WindowStore<String, Long> windows = driver.getWindowStore("window-counts");
            assertThat(windows.all()).isNotEmpty();
        }
        Path task = stateDir.resolve("windows-app").resolve("0_0").resolve("rocksdb");
        assertThat(task.resolve("window-counts")).isDirectory();
        assertThat(task.resolve("session-counts")).isDirectory();
    }

    @Test
    void aRestartedDriverCountsOnInTheWindowsAndSessionsItKept() {
        try (TopologyTestDriver driver = new TopologyTestDriver(counts(), options("rocksDB"), Instant.EPOCH)) {
            run(driver, List.of(new Input("a", 10), new Input("a", 20)));
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(counts(), options("rocksDB"), Instant.EPOCH)) {
            // Counted on from the files (the driver restores nothing): in memory these would be 1 and 1.
            assertThat(run(driver, List.of(new Input("a", 30)))).containsExactly(
                "windows:a@0=3@30",
                "sessions:a@10/20=null@20", "sessions:a@10/30=3@30");
            SessionStore<String, Long> sessions = driver.getSessionStore("session-counts");
            assertThat(sessions.fetchSession("a", 10, 30)).isEqualTo(3L);
        }
    }

    @Test
    void processorApiPersistentWindowAndSessionBuildersKeepTheirData() {
        StreamsBuilder first = new StreamsBuilder();
        first.addStateStore(Stores.persistentWindowStoreBuilder("w", Duration.ofMinutes(5), Duration.ofMinutes(1),
            Serdes.string(), Serdes.string()));
        first.addStateStore(Stores.persistentSessionStoreBuilder("s", Duration.ofMinutes(5), Serdes.string(),
            Serdes.string()));
        first.stream("in", Consumed.with(Serdes.string(), Serdes.string()))
            .process(() -> new io.tributary.streams.processor.Processor<String, String, Void, Void>() {
                private WindowStore<String, String> windows;
                private SessionStore<String, String> sessions;

                @Override
                public void init(io.tributary.streams.processor.ProcessorContext<Void, Void> context) {
                    windows = context.getStateStore("w");
                    sessions = context.getStateStore("s");
                }

                @Override
                public void process(io.tributary.streams.processor.Record<String, String> record) {
                    windows.put(record.key(), record.value(), 0);
                    sessions.put(new Windowed<>(record.key(), new Window(0, 5)), record.value());
                }
            }, "w", "s");
        Topology topology = first.build();
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, options("in_memory"), Instant.EPOCH)) {
            driver.createInputTopic("in", Serdes.string().serializer(), Serdes.string().serializer())
                .pipeInput("k", "v", 5);
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, options("in_memory"), Instant.EPOCH)) {
            WindowStore<String, String> windows = driver.getWindowStore("w");
            SessionStore<String, String> sessions = driver.getSessionStore("s");
            assertThat(windows.fetch("k", 0)).isEqualTo("v");
            assertThat(sessions.fetchSession("k", 0, 5)).isEqualTo("v");
        }
    }
}
