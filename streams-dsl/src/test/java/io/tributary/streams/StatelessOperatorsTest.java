package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serdes;
import io.tributary.streams.testing.TestInputTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class StatelessOperatorsTest {
    @Test
    void filterKeepsAndFilterNotDropsMatchingRecords() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> in = b.stream("in");
        in.filter((k, v) -> v.startsWith("a")).to("kept");
        in.filterNot((k, v) -> v.startsWith("a")).to("rest");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("in").pipeValueList(List.of("ab", "b", "ac"));
            assertThat(f.output("kept").readValuesToList()).containsExactly("ab", "ac");
            assertThat(f.output("rest").readValuesToList()).containsExactly("b");
        }
    }

    @Test
    void mapMapValuesAndSelectKeyChangeKeysAndValuesKeepingTimestamps() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> in = b.stream("in");
        in.map((k, v) -> KeyValue.pair(v, k)).to("swapped");
        in.mapValues(v -> v.length()).to("lengths", Produced.with(Serdes.string(), Serdes.integer()));
        in.selectKey((k, v) -> k + v).to("rekeyed");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("in").pipeInput("k", "value", 77);
            var swapped = f.output("swapped").readRecord();
            assertThat(swapped.key()).isEqualTo("value");
            assertThat(swapped.value()).isEqualTo("k");
            assertThat(swapped.timestamp()).isEqualTo(77);
            assertThat(f.output("lengths", Serdes.integer()).readKeyValue()).isEqualTo(KeyValue.pair("k", 5));
            assertThat(f.output("rekeyed").readKeyValue()).isEqualTo(KeyValue.pair("kvalue", "value"));
        }
    }

    @Test
    void flatMapAndFlatMapValuesEmitZeroOrMoreRecords() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> in = b.stream("in");
        in.flatMapValues(v -> List.of(v.split(" "))).to("words");
        in.flatMap((k, v) -> v.isEmpty() ? List.<KeyValue<String, String>>of()
            : List.of(KeyValue.pair(v, "1"), KeyValue.pair(v, "2"))).to("pairs");
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in2 = f.input("in");
            in2.pipeInput("k", "x y z");
            in2.pipeInput("k", "");
            assertThat(f.output("words").readKeyValuesToList()).containsExactly(KeyValue.pair("k", "x"),
                KeyValue.pair("k", "y"), KeyValue.pair("k", "z"), KeyValue.pair("k", ""));
            assertThat(f.output("pairs").readKeyValuesToList()).containsExactly(KeyValue.pair("x y z", "1"),
                KeyValue.pair("x y z", "2"));
        }
    }

    @Test
    void peekSeesRecordsAndPassesThemOnWhileForeachEndsTheStream() {
        List<String> peeked = new ArrayList<>();
        List<String> each = new ArrayList<>();
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> in = b.stream("in");
        in.peek((k, v) -> peeked.add(k + "=" + v)).to("out");
        in.foreach((k, v) -> each.add(v));
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("in").pipeInput("a", "1");
            f.input("in").pipeInput("b", "2");
            assertThat(f.output("out").readValuesToList()).containsExactly("1", "2");
        }
        assertThat(peeked).containsExactly("a=1", "b=2");
        assertThat(each).containsExactly("1", "2");
    }

    @Test
    void splitSendsEachRecordToTheFirstMatchingBranchOrTheDefault() {
        StreamsBuilder b = new StreamsBuilder();
        Map<String, KStream<String, String>> branches = b.<String, String>stream("in")
            .split(Named.as("by-"))
            .branch((k, v) -> v.startsWith("a"), Branched.as("a"))
            .branch((k, v) -> v.contains("b"))
            .defaultBranch();
        assertThat(branches).containsOnlyKeys("by-a", "by-2", "by-0");
        branches.get("by-a").to("a");
        branches.get("by-2").to("b");
        branches.get("by-0").to("other");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("in").pipeValueList(List.of("ab", "b", "c", "a"));
            assertThat(f.output("a").readValuesToList()).containsExactly("ab", "a");
            assertThat(f.output("b").readValuesToList()).containsExactly("b");
            assertThat(f.output("other").readValuesToList()).containsExactly("c");
        }
    }

    @Test
    void splitWithoutDefaultBranchDropsUnmatchedRecords() {
        StreamsBuilder b = new StreamsBuilder();
        Map<String, KStream<String, String>> branches = b.<String, String>stream("in")
            .split()
            .branch((k, v) -> v.equals("x"))
            .noDefaultBranch();
        assertThat(branches).hasSize(1);
        branches.values().iterator().next().to("x");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("in").pipeValueList(List.of("x", "y"));
            assertThat(f.output("x").readValuesToList()).containsExactly("x");
            assertThat(f.driver.producedTopicNames()).containsExactly("x");
        }
    }

    @Test
    void mergeInterleavesTwoStreamsInProcessingOrder() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> one = b.stream("one");
        KStream<String, String> two = b.stream("two");
        one.merge(two).to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("one").pipeInput("1");
            f.input("two").pipeInput("2");
            f.input("one").pipeInput("3");
            assertThat(f.output("out").readValuesToList()).containsExactly("1", "2", "3");
        }
    }

    @Test
    void toWithATopicNameExtractorRoutesEachRecord() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").to(r -> "topic-" + r.key());
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("in").pipeInput("x", "1");
            f.input("in").pipeInput("y", "2");
            assertThat(f.output("topic-x").readValuesToList()).containsExactly("1");
            assertThat(f.output("topic-y").readValuesToList()).containsExactly("2");
        }
    }

    @Test
    void repartitionWritesThroughANamedInternalTopicAndReadsItBack() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .selectKey((k, v) -> v)
            .repartition(Repartitioned.as("by-value"))
            .to("out");
        Topology topology = b.build();
        assertThat(topology.describe().subtopologies()).hasSize(2);
        try (DriverFixture f = new DriverFixture(topology)) {
            f.input("in").pipeInput("k", "v", 5);
            assertThat(f.output("app-by-value-repartition").readKeyValue()).isEqualTo(KeyValue.pair("v", "v"));
            var out = f.output("out").readRecord();
            assertThat(out.key()).isEqualTo("v");
            assertThat(out.timestamp()).isEqualTo(5);
        }
    }

    @Test
    void processConnectsAProcessorApiProcessorToTheDsl() {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(io.tributary.streams.state.Stores.keyValueStoreBuilder("latest", Serdes.string(),
            Serdes.string()));
        b.<String, String>stream("in")
            .process(ProcessorApiTest.Remember::new, "latest")
            .to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("in").pipeInput("k", "a");
            f.input("in").pipeInput("k", "b");
            assertThat(f.output("out").readValuesToList()).containsExactly("null->a", "a->b");
        }
    }

    @Test
    void aRecordThatFailsToDeserializeCanBeSkippedWithLogAndContinue() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.string(), Serdes.integer())).to("out",
            Produced.with(Serdes.string(), Serdes.integer()));
        StreamsOptions options = DriverFixture.OPTIONS.deserializationErrorHandling(ErrorHandling.LOG_AND_CONTINUE);
        try (var driver = new io.tributary.streams.testing.TopologyTestDriver(b.build(), options)) {
            var in = driver.createInputTopic("in", Serdes.string().serializer(), Serdes.string().serializer());
            in.pipeInput("k", "abc");   // 3 bytes: not an int
            in.pipeInput("k", "abcd");  // 4 bytes: an int
            assertThat(driver.createOutputTopic("out", Serdes.string().deserializer(), Serdes.integer().deserializer())
                .readValuesToList()).hasSize(1);
        }
    }

    @Test
    void aRecordThatFailsToDeserializeFailsByDefaultNamingItsOffset() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.string(), Serdes.integer())).to("out",
            Produced.with(Serdes.string(), Serdes.integer()));
        try (DriverFixture f = new DriverFixture(b)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.input("in").pipeInput("k", "abc"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("Failed to deserialize record in-0@0");
        }
    }

    @Test
    void aRecordWhoseProcessingThrowsIsSkippedWithLogAndContinueAndFailsByDefault() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").mapValues(v -> {
            if (v.equals("boom")) {
                throw new IllegalStateException("boom");
            }
            return v;
        }).to("out");
        StreamsOptions options = DriverFixture.OPTIONS.processingErrorHandling(ErrorHandling.LOG_AND_CONTINUE);
        try (var driver = new io.tributary.streams.testing.TopologyTestDriver(b.build(), options)) {
            var in = driver.createInputTopic("in", Serdes.string().serializer(), Serdes.string().serializer());
            in.pipeInput("k", "boom");
            in.pipeInput("k", "ok");
            assertThat(driver.createOutputTopic("out", Serdes.string().deserializer(), Serdes.string().deserializer())
                .readValuesToList()).containsExactly("ok");
        }
        try (DriverFixture f = new DriverFixture(b)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.input("in").pipeInput("k", "boom"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("Failed to process record in-0@0 in task 0_0: boom");
        }
    }

    @Test
    void skippedRecordsGoToTheDeadLetterTopicWithWhatFailedInTheirHeaders() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.string(), Serdes.integer())).mapValues(v -> {
            if (v == 13) {
                throw new IllegalStateException("unlucky");
            }
            return v;
        }).to("out", Produced.with(Serdes.string(), Serdes.integer()));
        StreamsOptions options = DriverFixture.OPTIONS.deadLetterTopic("in-dlt")
            .deserializationErrorHandling(ErrorHandling.LOG_AND_CONTINUE)
            .processingErrorHandling(ErrorHandling.LOG_AND_CONTINUE);
        try (var driver = new io.tributary.streams.testing.TopologyTestDriver(b.build(), options)) {
            var in = driver.createInputTopic("in", Serdes.string().serializer(), Serdes.byteArray().serializer());
            in.pipeInput("a", new byte[] {1, 2, 3});                                 // not an int
            in.pipeInput(new io.tributary.streams.testing.TestRecord<>("b", Serdes.integer().serializer()
                .serialize("in", 13), 5L, List.of(new io.tributary.common.Header("trace", new byte[] {7}))));
            in.pipeInput("c", Serdes.integer().serializer().serialize("in", 1));
            assertThat(driver.createOutputTopic("out", Serdes.string().deserializer(), Serdes.integer().deserializer())
                .readValuesToList()).containsExactly(1);
            var dead = driver.createOutputTopic("in-dlt", Serdes.string().deserializer(),
                Serdes.byteArray().deserializer()).readRecordsToList();
            assertThat(dead).extracting(r -> r.key()).containsExactly("a", "b");
            assertThat(dead.get(0).value()).containsExactly(1, 2, 3);
            assertThat(header(dead.get(0).headers(), "__streams.errors.offset")).isEqualTo("0");
            assertThat(header(dead.get(0).headers(), "__streams.errors.topic")).isEqualTo("in");
            assertThat(header(dead.get(0).headers(), "__streams.errors.exception")).contains("Exception");
            assertThat(header(dead.get(1).headers(), "__streams.errors.message")).isEqualTo("unlucky");
            assertThat(header(dead.get(1).headers(), "__streams.errors.offset")).isEqualTo("1");
            assertThat(header(dead.get(1).headers(), "__streams.errors.stacktrace"))
                .contains("IllegalStateException: unlucky");
            assertThat(header(dead.get(1).headers(), "trace")).isEqualTo("\u0007");
        }
    }

    private static String header(List<io.tributary.common.Header> headers, String key) {
        return headers.stream().filter(h -> h.key().equals(key)).map(h -> new String(h.value(),
            java.nio.charset.StandardCharsets.UTF_8)).findFirst().orElseThrow();
    }
}
