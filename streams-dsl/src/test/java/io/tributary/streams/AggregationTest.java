package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serdes;
import io.tributary.streams.testing.TestInputTopic;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AggregationTest {
    @Test
    void countByKeyEmitsEveryUpdateWithTheLargestTimestamp() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .groupByKey()
            .count(Materialized.as("counts"))
            .toStream()
            .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 10);
            in.pipeInput("b", "x", 20);
            in.pipeInput("a", "x", 5);
            var out = f.output("out", Serdes.longSerde()).readRecordsToList();
            assertThat(out).extracting(r -> r.key() + "=" + r.value() + "@" + r.timestamp())
                .containsExactly("a=1@10", "b=1@20", "a=2@10");
            assertThat(f.driver.<String, Long>getKeyValueStore("counts").get("a")).isEqualTo(2L);
        }
    }

    @Test
    void groupByKeyOnAStreamWithAnUnchangedKeyNeedsNoRepartitionTopic() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").mapValues(v -> v + "!").groupByKey().count(Materialized.as("counts"));
        assertThat(b.build().describe().subtopologies()).hasSize(1);
    }

    @Test
    void groupByRepartitionsThroughATopicNamedByTheGrouping() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .groupBy((k, v) -> v, Grouped.as("by-value"))
            .count(Materialized.as("counts"));
        Topology topology = b.build();
        assertThat(topology.describe().subtopologies()).hasSize(2);
        assertThat(topology.describe().toString()).contains("(topic: by-value-repartition)");
        try (DriverFixture f = new DriverFixture(topology)) {
            f.input("in").pipeInput("k1", "v");
            f.input("in").pipeInput("k2", "v");
            assertThat(f.output("app-by-value-repartition").readKeyValuesToList())
                .containsExactly(KeyValue.pair("v", "v"), KeyValue.pair("v", "v"));
            assertThat(f.output("app-counts-changelog", Serdes.longSerde()).readKeyValuesToList())
                .containsExactly(KeyValue.pair("v", 1L), KeyValue.pair("v", 2L));
        }
    }

    @Test
    void aRepartitionWithoutGroupingNameIsNamedAfterTheStore() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").selectKey((k, v) -> v).groupByKey().count(Materialized.as("counts"));
        assertThat(b.build().describe().toString()).contains("(topic: counts-repartition)");
    }

    @Test
    void aggregationsDropRecordsWithNullKeysOrValues() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").groupByKey().count(Materialized.as("counts"))
            .toStream().to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("in").pipeInput(null, "x");
            f.input("in").pipeInput("a", null);
            f.input("in").pipeInput("a", "x");
            assertThat(f.output("out", Serdes.longSerde()).readKeyValuesToList())
                .containsExactly(KeyValue.pair("a", 1L));
        }
    }

    @Test
    void reduceStartsFromTheFirstValue() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").groupByKey().reduce((a, c) -> a + "+" + c, Materialized.as("joined"))
            .toStream().to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("in").pipeKeyValueList(List.of(KeyValue.pair("k", "a"), KeyValue.pair("k", "b"),
                KeyValue.pair("k", "c")));
            assertThat(f.output("out").readValuesToList()).containsExactly("a", "a+b", "a+b+c");
        }
    }

    @Test
    void aggregateFoldsFromTheInitializer() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").groupByKey()
            .aggregate(() -> 100, (k, v, agg) -> agg + v.length(),
                Materialized.<String, Integer>as("lengths").withValueSerde(Serdes.integer()))
            .toStream().to("out", Produced.with(Serdes.string(), Serdes.integer()));
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("in").pipeInput("k", "ab");
            f.input("in").pipeInput("k", "abc");
            assertThat(f.output("out", Serdes.integer()).readValuesToList()).containsExactly(102, 105);
        }
    }

    @Test
    void aStoreWithLoggingDisabledWritesNoChangelog() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").groupByKey()
            .count(Materialized.<String, Long>as("counts").withLoggingDisabled());
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("in").pipeInput("a", "x");
            assertThat(f.driver.producedTopicNames()).isEmpty();
            assertThat(f.driver.<String, Long>getKeyValueStore("counts").get("a")).isEqualTo(1L);
        }
    }

    @Test
    void toTableKeepsTheLatestValueAndDeletesOnNull() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").toTable(Materialized.as("latest")).toStream().to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("in").pipeInput("k", "1");
            f.input("in").pipeInput("k", "2");
            assertThat(f.driver.<String, String>getKeyValueStore("latest").get("k")).isEqualTo("2");
            f.input("in").pipeInput("k", null);
            assertThat(f.driver.<String, String>getKeyValueStore("latest").get("k")).isNull();
            assertThat(f.output("out").readValuesToList()).containsExactly("1", "2", null);
        }
    }
}
