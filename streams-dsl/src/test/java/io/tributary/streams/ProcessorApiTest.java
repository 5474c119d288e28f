package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.serdes.Serdes;
import io.tributary.streams.processor.Processor;
import io.tributary.streams.processor.ProcessorContext;
import io.tributary.streams.processor.PunctuationType;
import io.tributary.streams.processor.Record;
import io.tributary.streams.state.KeyValueStore;
import io.tributary.streams.state.SessionStore;
import io.tributary.streams.state.Stores;
import io.tributary.streams.testing.TestInputTopic;
import io.tributary.streams.testing.TestOutputTopic;
import io.tributary.streams.testing.TopologyTestDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ProcessorApiTest {
    private static final StreamsOptions OPTIONS = StreamsOptions.create("papi", "localhost:9092")
        .defaultKeySerde(Serdes.string())
        .defaultValueSerde(Serdes.string());

    /** Keeps the latest value per key in a store and emits it with the previous one. */
    static final class Remember implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.store = context.getStateStore("latest");
        }

        @Override
        public void process(Record<String, String> record) {
            String previous = store.get(record.key());
            store.put(record.key(), record.value());
            context.forward(record.withValue(previous + "->" + record.value()));
        }
    }

    private static Topology rememberTopology() {
        return new Topology()
            .addSource("in", "input")
            .addProcessor("remember", Remember::new, "in")
            .addStateStore(Stores.keyValueStoreBuilder("latest", Serdes.string(), Serdes.string()), "remember")
            .addSink("out", "output", "remember");
    }

    @Test
    void aProcessorWithAStoreSeesItsEarlierWrites() {
        try (TopologyTestDriver driver = new TopologyTestDriver(rememberTopology(), OPTIONS)) {
            TestInputTopic<String, String> in = driver.createInputTopic("input", Serdes.string().serializer(),
                Serdes.string().serializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("output", Serdes.string().deserializer(),
                Serdes.string().deserializer());
            in.pipeInput("k", "a", 1);
            in.pipeInput("k", "b", 2);
            in.pipeInput("j", "c", 3);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("k", "null->a"),
                KeyValue.pair("k", "a->b"), KeyValue.pair("j", "null->c"));
            assertThat(driver.<String, String>getKeyValueStore("latest").get("k")).isEqualTo("b");
        }
    }

    @Test
    void storeWritesGoToTheChangelogWithTheRecordTimestamp() {
        try (TopologyTestDriver driver = new TopologyTestDriver(rememberTopology(), OPTIONS)) {
            TestInputTopic<String, String> in = driver.createInputTopic("input", Serdes.string().serializer(),
                Serdes.string().serializer());
            in.pipeInput("k", "a", 42);
            var changelog = driver.createOutputTopic("papi-latest-changelog", Serdes.string().deserializer(),
                Serdes.string().deserializer());
            var record = changelog.readRecord();
            assertThat(record.key()).isEqualTo("k");
            assertThat(record.value()).isEqualTo("a");
            assertThat(record.timestamp()).isEqualTo(42);
        }
    }

    /** Emits the number of records seen at each stream-time punctuation. */
    static final class CountEvery implements Processor<String, String, String, String> {
        private final PunctuationType type;
        private int seen;

        CountEvery(PunctuationType type) {
            this.type = type;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            context.schedule(Duration.ofMillis(10), type,
                t -> context.forward(Record.of("tick", t + ":" + seen, Math.max(0, t))));
        }

        @Override
        public void process(Record<String, String> record) {
            seen++;
        }
    }

    @Test
    void streamTimePunctuationsFireAsRecordTimestampsAdvanceNotByTheClock() {
        Topology topology = new Topology()
            .addSource("in", "input")
            .addProcessor("count", () -> new CountEvery(PunctuationType.STREAM_TIME), "in")
            .addSink("out", "ticks", "count");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, OPTIONS, Instant.ofEpochMilli(0))) {
            TestInputTopic<String, String> in = driver.createInputTopic("input", Serdes.string().serializer(),
                Serdes.string().serializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("ticks", Serdes.string().deserializer(),
                Serdes.string().deserializer());
            in.pipeInput("a", "x", 100);   // first record: fires at once
            in.pipeInput("a", "x", 105);   // not yet due (next at 110)
            driver.advanceWallClockTime(Duration.ofHours(1));
            in.pipeInput("a", "x", 104);   // out of order: stream time stays 105
            in.pipeInput("a", "x", 131);   // 110, 120 and 130 missed: fires once
            assertThat(out.readValuesToList()).containsExactly("100:1", "131:4");
        }
    }

    @Test
    void wallClockPunctuationsFollowTheDriversMockClock() {
        Topology topology = new Topology()
            .addSource("in", "input")
            .addProcessor("count", () -> new CountEvery(PunctuationType.WALL_CLOCK_TIME), "in")
            .addSink("out", "ticks", "count");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, OPTIONS, Instant.ofEpochMilli(1000))) {
            TestInputTopic<String, String> in = driver.createInputTopic("input", Serdes.string().serializer(),
                Serdes.string().serializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("ticks", Serdes.string().deserializer(),
                Serdes.string().deserializer());
            in.pipeInput("a", "x", 5000);
            assertThat(out.isEmpty()).isTrue();
            driver.advanceWallClockTime(Duration.ofMillis(9));
            assertThat(out.isEmpty()).isTrue();
            driver.advanceWallClockTime(Duration.ofMillis(1));
            assertThat(out.readValuesToList()).containsExactly("1010:1");
        }
    }

    @Test
    void forwardToANamedChildReachesOnlyThatChild() {
        Topology topology = new Topology()
            .addSource("in", "input")
            .addProcessor("router", () -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;

                @Override
                public void init(ProcessorContext<String, String> c) {
                    context = c;
                }

                @Override
                public void process(Record<String, String> r) {
                    context.forward(r, r.value().startsWith("e") ? "evens" : "odds");
                }
            }, "in")
            .addSink("evens", "even-topic", "router")
            .addSink("odds", "odd-topic", "router");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, OPTIONS)) {
            TestInputTopic<String, String> in = driver.createInputTopic("input", Serdes.string().serializer(),
                Serdes.string().serializer());
            in.pipeInput("k", "e1");
            in.pipeInput("k", "o1");
            in.pipeInput("k", "e2");
            assertThat(driver.createOutputTopic("even-topic", Serdes.string().deserializer(),
                Serdes.string().deserializer()).readValuesToList()).containsExactly("e1", "e2");
            assertThat(driver.createOutputTopic("odd-topic", Serdes.string().deserializer(),
                Serdes.string().deserializer()).readValuesToList()).containsExactly("o1");
        }
    }

    @Test
    void aProcessorCannotReachAStoreNotConnectedToIt() {
        Topology topology = new Topology()
            .addSource("in", "input")
            .addProcessor("a", Remember::new, "in")
            .addProcessor("b", Remember::new, "in")
            .addStateStore(Stores.keyValueStoreBuilder("latest", Serdes.string(), Serdes.string()), "a");
        assertThatThrownBy(() -> new TopologyTestDriver(topology, OPTIONS))
            .hasMessageContaining("Processor b has no access to store latest");
    }

    @Test
    void describeSplitsSubTopologiesAtTopicsAndJoinsThemByStores() {
        Topology topology = new Topology()
            .addSource("in1", "one")
            .addProcessor("p1", Remember::new, "in1")
            .addSource("in2", "two")
            .addProcessor("p2", Remember::new, "in2")
            .addStateStore(Stores.keyValueStoreBuilder("latest", Serdes.string(), Serdes.string()), "p1")
            .addSource("in3", "three")
            .addSink("out3", "four", "in3");
        TopologyDescription description = topology.describe();
        assertThat(description.subtopologies()).hasSize(3);
        topology.connectProcessorAndStateStores("p2", "latest");
        description = topology.describe();
        assertThat(description.subtopologies()).hasSize(2);
        assertThat(description.subtopologies().get(0).nodes()).extracting(TopologyDescription.Node::name)
            .containsExactly("in1", "p1", "in2", "p2");
        assertThat(description.toString()).contains("Sub-topology: 0", "Source: in1 (topics: [one])",
            "Processor: p1 (stores: [latest])", "Sink: out3 (topic: four)", "--> p1", "<-- in3");
    }

    @Test
    void aTopicReadByTwoSourcesIsRejected() {
        Topology topology = new Topology().addSource("a", "t");
        assertThatThrownBy(() -> topology.addSource("b", "t"))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("Topic t is read by two sources");
    }

    @Test
    void recordMetadataTellsWhereTheRecordCameFrom() {
        List<String> seen = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("in", "input")
            .addProcessor("p", () -> new Processor<String, String, Void, Void>() {
                private ProcessorContext<Void, Void> context;

                @Override
                public void init(ProcessorContext<Void, Void> c) {
                    context = c;
                }

                @Override
                public void process(Record<String, String> r) {
                    seen.add(context.recordMetadata().orElseThrow() + " " + context.taskId()
                        + " " + context.currentStreamTimeMs());
                }
            }, "in");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, OPTIONS)) {
            TestInputTopic<String, String> in = driver.createInputTopic("input", Serdes.string().serializer(),
                Serdes.string().serializer());
            in.pipeInput("k", "v", 7);
            in.pipeInput("k", "v", 3);
        }
        assertThat(seen).containsExactly("RecordMetadata[topic=input, partition=0, offset=0] 0_0 7",
            "RecordMetadata[topic=input, partition=0, offset=1] 0_0 7");
    }

    @Test
    void aProcessorCanKeepSessionsInASessionStoreBuiltByStores() {
        Topology topology = new Topology()
            .addSource("in", "input")
            .addProcessor("track", () -> new Processor<String, String, Void, Void>() {
                private SessionStore<String, String> sessions;

                @Override
                public void init(ProcessorContext<Void, Void> c) {
                    sessions = c.getStateStore("visits");
                }

                @Override
                public void process(Record<String, String> r) {
                    sessions.put(new Windowed<>(r.key(), new Window(r.timestamp(), r.timestamp() + 5)), r.value());
                }
            }, "in")
            .addStateStore(Stores.sessionStoreBuilder("visits", Duration.ofMillis(100), Serdes.string(),
                Serdes.string()), "track");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, OPTIONS)) {
            TestInputTopic<String, String> in = driver.createInputTopic("input", Serdes.string().serializer(),
                Serdes.string().serializer());
            in.pipeInput("k", "a", 10);
            in.pipeInput("k", "b", 20);
            assertThat(driver.<String, String>getSessionStore("visits").findSessions("k", 16, 30))
                .extracting(kv -> kv.key() + "=" + kv.value()).containsExactly("[k@20/25]=b");
            assertThat(driver.producedTopicNames()).contains("papi-visits-changelog");
        }
    }
}

