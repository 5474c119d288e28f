package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.serdes.Serdes;
import io.tributary.streams.state.KeyValueStore;
import io.tributary.streams.state.Stores;
import io.tributary.streams.testing.TestInputTopic;
import io.tributary.streams.testing.TestOutputTopic;
import io.tributary.streams.testing.TopologyTestDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Persistent (RocksDB) stores through the DSL, the Processor API builders and the options, on the test driver. */
final class RocksDbStateTest {
    @TempDir
    Path stateDir;

    private StreamsOptions options() {
        return StreamsOptions.create("rocks-app", "localhost:9092")
            .defaultKeySerde(Serdes.string())
            .defaultValueSerde(Serdes.string())
            .stateDir(stateDir);
    }

    private static Topology wordCount(Materialized<String, Long> materialized) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("lines", Consumed.with(Serdes.string(), Serdes.string()))
            .flatMapValues(line -> List.of(line.toLowerCase(Locale.ROOT).split("\\W+")))
            .groupBy((key, word) -> word, Grouped.as("words"))
            .count(materialized)
            .toStream()
            .to("counts", Produced.with(Serdes.string(), Serdes.longSerde()));
        return builder.build();
    }

    private static Map<String, Long> run(TopologyTestDriver driver, String line) {
        TestInputTopic<String, String> lines = driver.createInputTopic("lines", Serdes.string().serializer(),
            Serdes.string().serializer());
        TestOutputTopic<String, Long> counts = driver.createOutputTopic("counts", Serdes.string().deserializer(),
            Serdes.longSerde().deserializer());
        lines.pipeInput(line);
        return counts.readKeyValuesToMap();
    }

    @Test
    void aRestartedDriverKeepsTheCountsOfAPersistentStore() {
        Topology topology = wordCount(Materialized.<String, Long>as("counts-store")
            .withStoreType(Materialized.StoreType.ROCKS_DB));
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, options(), Instant.EPOCH)) {
            assertThat(run(driver, "a b a")).containsEntry("a", 2L).containsEntry("b", 1L);
        }
        assertThat(stateDir.resolve("rocks-app").resolve("1_0").resolve("rocksdb").resolve("counts-store"))
            .isDirectory();
        assertThat(stateDir.resolve("rocks-app").resolve("1_0").resolve(".checkpoint")).isRegularFile();
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, options(), Instant.EPOCH)) {
            // Counted on from the files: the driver restores nothing, so an in-memory store would say a=1.
            assertThat(run(driver, "a c")).containsEntry("a", 3L).containsEntry("c", 1L);
            KeyValueStore<String, Long> store = driver.getKeyValueStore("counts-store");
            assertThat(store.get("b")).isEqualTo(1L);
        }
    }

    @Test
    void theDefaultDslStoreOptionMakesUnconfiguredStoresPersistent() {
        Topology topology = wordCount(Materialized.as("counts-store"));
        StreamsOptions rocks = StreamsOptions.fromProperties(Map.of("application.id", "rocks-app",
            "bootstrap.servers", "localhost:9092", "state.dir", stateDir.toString(), "default.dsl.store", "rocksDB"))
            .defaultKeySerde(Serdes.string())
            .defaultValueSerde(Serdes.string());
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, rocks, Instant.EPOCH)) {
            run(driver, "x");
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, rocks, Instant.EPOCH)) {
            assertThat(run(driver, "x")).containsEntry("x", 2L);
        }
        // In memory by default: nothing on disk, and a restarted driver starts from zero.
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, options().stateDir(stateDir.resolve("m")),
            Instant.EPOCH)) {
            assertThat(run(driver, "x")).containsEntry("x", 1L);
        }
        assertThat(stateDir.resolve("m")).doesNotExist();
    }

    @Test
    void aPersistentProcessorApiStoreKeepsItsData() {
        Topology first = storeWriter();
        try (TopologyTestDriver driver = new TopologyTestDriver(first, options(), Instant.EPOCH)) {
            driver.createInputTopic("in", Serdes.string().serializer(), Serdes.string().serializer())
                .pipeInput("k", "v");
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(storeWriter(), options(), Instant.EPOCH)) {
            KeyValueStore<String, String> store = driver.getKeyValueStore("seen");
            assertThat(store.get("k")).isEqualTo("v");
        }
    }

    private static Topology storeWriter() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.persistentKeyValueStoreBuilder("seen", Serdes.string(), Serdes.string()));
        builder.stream("in", Consumed.with(Serdes.string(), Serdes.string()))
            .process(() -> new io.tributary.streams.processor.Processor<String, String, Void, Void>() {
                private KeyValueStore<String, String> store;

                @Override
                public void init(io.tributary.streams.processor.ProcessorContext<Void, Void> context) {
                    store = context.getStateStore("seen");
                }

                @Override
                public void process(io.tributary.streams.processor.Record<String, String> record) {
                    store.put(record.key(), record.value());
                }
            }, "seen");
        return builder.build();
    }

    @Test
    void aFileWhereTheStateDirectoryShouldBeFailsAtOnceNamingIt() throws Exception {
        Path file = Files.writeString(stateDir.resolve("not-a-dir"), "x");
        Topology topology = wordCount(Materialized.<String, Long>as("counts-store")
            .withStoreType(Materialized.StoreType.ROCKS_DB));
        assertThatThrownBy(() -> new TopologyTestDriver(topology, options().stateDir(file), Instant.EPOCH))
            .isInstanceOf(StreamsException.class)
            .hasMessageContaining("state.dir")
            .hasMessageContaining(file.toString());
    }

    @Test
    void rocksDbOptionsAreValidatedAndReadFromProperties() {
        assertThatThrownBy(() -> options().rocksDbMemoryMaxBytes(1000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(options().rocksDbMemoryMaxBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(options().defaultDslStore()).isEqualTo(Materialized.StoreType.IN_MEMORY);
        assertThatThrownBy(() -> StreamsOptions.fromProperties(Map.of("application.id", "a", "bootstrap.servers",
            "h:1", "default.dsl.store", "disk"))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("default.dsl.store");
        assertThat(StreamsOptions.fromProperties(Map.of("application.id", "a", "bootstrap.servers", "h:1",
            "tributary.rocksdb.memory.max.bytes", "2097152")).rocksDbMemoryMaxBytes()).isEqualTo(2097152L);
    }
}
