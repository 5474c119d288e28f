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

    @Test
    void unnamedSessionAndSlidingAggregationsAndLeftAndOuterJoinsAreListed() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> in = b.stream("in");
        in.groupByKey().windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofSeconds(1))).count();
        in.groupByKey().windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(1))).count();
        in.leftJoin(in, (x, y) -> x, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(1)));
        in.outerJoin(in, (x, y) -> x, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(1)));
        assertThatThrownBy(b::build)
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("session windowed count() (name it with Materialized.as)")
            .hasMessageContaining("sliding windowed count() (name it with Materialized.as)")
            .hasMessageContaining("stream-stream left join (name it with StreamJoined.as)")
            .hasMessageContaining("stream-stream outer join (name it with StreamJoined.as)");
    }

    @Test
    void windowedAggregationsAndOuterJoinsNameTheirStoresAndTopicsAfterTheUsersNames() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> in = b.<String, String>stream("in").filter((k, v) -> true);
        KStream<String, String> rekeyed = in.selectKey((k, v) -> v);
        rekeyed.groupByKey(Grouped.as("by-value"))
            .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofSeconds(1)))
            .count(Materialized.as("sessions"))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final-sessions"));
        in.groupByKey().windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(1)))
            .count(Materialized.as("sliding"));
        rekeyed.leftJoin(in, (x, y) -> x, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(1)),
            StreamJoined.as("left"));
        in.outerJoin(in, (x, y) -> x, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(1)),
            StreamJoined.as("outer"));
        String described = b.build().describe().toString();
        assertThat(described).contains(
            "(topic: by-value-repartition)", "(stores: [sessions])", "Processor: final-sessions-suppress "
                + "(stores: [final-sessions])", "(stores: [sliding])",
            "(topic: left-left-repartition)",
            "Processor: left-this-join (stores: [left-outer-other-join-store, left-left-shared-join-store])",
            "Processor: left-outer-other-join (stores: [left-this-join-store, left-left-shared-join-store])",
            "Processor: outer-outer-this-join (stores: [outer-outer-other-join-store, outer-outer-shared-join-store])",
            "Processor: outer-outer-other-join (stores: [outer-outer-this-join-store, outer-outer-shared-join-store])",
            "Processor: outer-merge");
    }
}

