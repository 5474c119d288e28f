package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class NamingTest {
    @Test
    void buildFailsNamingEachUnnamedStatefulOperation() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> in = b.stream("in");
        in.groupByKey().count();
        in.selectKey((k, v) -> v).groupByKey().windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(1)))
            .count();
        in.join(in, (x, y) -> x, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(1)));
        in.toTable();
        assertThatThrownBy(b::build)
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("count() (name it with Materialized.as)")
            .hasMessageContaining("stream-stream join (name it with StreamJoined.as)")
            .hasMessageContaining("toTable() (name it with Materialized.as)")
            .hasMessageContaining("windowed count() (name it with Materialized.as)")
            .hasMessageContaining("StreamsOptions.allowGeneratedNames(true)");
    }

    @Test
    void allowGeneratedNamesBuildsWithPositionalNames() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").selectKey((k, v) -> v).groupByKey().count();
        Topology topology = b.build(DriverFixture.OPTIONS.allowGeneratedNames(true));
        assertThat(topology.describe().toString()).contains("KSTREAM-AGGREGATE-STATE-STORE-0000000001-repartition");
    }

    @Test
    void namesOfStoresAndInternalTopicsStayStableWhenOperationsAreAddedBeforeThem() {
        StreamsBuilder before = new StreamsBuilder();
        before.<String, String>stream("in").groupBy((k, v) -> v, Grouped.as("words")).count(Materialized.as("n"));
        StreamsBuilder after = new StreamsBuilder();
        after.<String, String>stream("in")
            .filter((k, v) -> true)
            .mapValues(v -> v)
            .groupBy((k, v) -> v, Grouped.as("words"))
            .count(Materialized.as("n"));
        for (StreamsBuilder b : new StreamsBuilder[] {before, after}) {
            String described = b.build().describe().toString();
            assertThat(described).contains("(topic: words-repartition)", "(stores: [n])");
        }
    }

    @Test
    void aSourceTableIsStoredUnderAStoreNamedAfterItsTopic() {
        StreamsBuilder b = new StreamsBuilder();
        b.table("users");
        assertThat(b.build().describe().toString()).contains("(stores: [users-table])");
    }

    @Test
    void twoOperationsWithTheSameNameAreRejected() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> in = b.stream("in");
        in.groupByKey().count(Materialized.as("n"));
        assertThatThrownBy(() -> in.groupByKey().count(Materialized.as("n")))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("Store name n is used twice");
    }

    @Test
    void namesThatCannotBePartOfATopicNameAreRejected() {
        assertThatThrownBy(() -> Materialized.as("bad name"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("storeName 'bad name'");
    }
}
