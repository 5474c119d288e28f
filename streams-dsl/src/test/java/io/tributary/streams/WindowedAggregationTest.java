package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serdes;
import io.tributary.streams.state.WindowStore;
import io.tributary.streams.testing.TestInputTopic;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class WindowedAggregationTest {
    private static StreamsBuilder windowedCount(TimeWindows windows) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .groupByKey()
            .windowedBy(windows)
            .count(Materialized.as("windowed"))
            .toStream()
            .map((w, count) -> KeyValue.pair(w.key() + "@" + w.window().start(), count))
            .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        return b;
    }

    @Test
    void tumblingWindowsCountPerKeyAndWindow() {
        StreamsBuilder b = windowedCount(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)));
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 1);
            in.pipeInput("a", "x", 9);
            in.pipeInput("a", "x", 10);
            in.pipeInput("b", "x", 12);
            var out = f.output("out", Serdes.longSerde()).readRecordsToList();
            assertThat(out).extracting(r -> r.key() + "=" + r.value() + "@" + r.timestamp())
                .containsExactly("a@0=1@1", "a@0=2@9", "a@10=1@10", "b@10=1@12");
        }
    }

    @Test
    void hoppingWindowsCountARecordInEveryWindowContainingIt() {
        StreamsBuilder b = windowedCount(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))
            .advanceBy(Duration.ofMillis(5)));
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("in").pipeInput("a", "x", 7);
            assertThat(f.output("out", Serdes.longSerde()).readKeyValuesToList())
                .containsExactly(KeyValue.pair("a@0", 1L), KeyValue.pair("a@5", 1L));
        }
    }

    @Test
    void outOfOrderRecordsWithinGraceCountAndLaterOnesAreDropped() {
        StreamsBuilder b = windowedCount(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)));
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 3);
            in.pipeInput("a", "x", 14);   // stream time 14: window [0,10) closes at 15
            in.pipeInput("a", "x", 4);    // within grace: counts
            in.pipeInput("a", "x", 15);   // stream time 15: window [0,10) closed
            in.pipeInput("a", "x", 5);    // late: dropped
            assertThat(f.output("out", Serdes.longSerde()).readKeyValuesToList()).containsExactly(
                KeyValue.pair("a@0", 1L), KeyValue.pair("a@10", 1L), KeyValue.pair("a@0", 2L),
                KeyValue.pair("a@10", 2L));
        }
    }

    @Test
    void theWindowStoreAnswersFetchesByKeyAndTimeRange() {
        StreamsBuilder b = windowedCount(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(100)));
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 1);
            in.pipeInput("a", "x", 21);
            in.pipeInput("a", "x", 22);
            WindowStore<String, Long> store = f.driver.getWindowStore("windowed");
            assertThat(store.fetch("a", 0)).isEqualTo(1L);
            assertThat(store.fetch("a", 0, 30)).containsExactly(KeyValue.pair(0L, 1L), KeyValue.pair(20L, 2L));
            assertThat(store.all()).extracting(kv -> kv.key().toString())
                .containsExactly("[a@0/10]", "[a@20/30]");
        }
    }

    @Test
    void windowsPastRetentionAreDroppedFromTheStore() {
        StreamsBuilder b = windowedCount(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)));
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 1);
            in.pipeInput("a", "x", 25);
            WindowStore<String, Long> store = f.driver.getWindowStore("windowed");
            assertThat(store.fetch("a", 0)).isNull();
            assertThat(store.fetch("a", 20)).isEqualTo(1L);
        }
    }

    @Test
    void suppressUntilWindowClosesEmitsOnlyTheFinalCountOfEachWindow() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)))
            .count(Materialized.as("windowed"))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final"))
            .toStream()
            .map((w, count) -> KeyValue.pair(w.key() + "@" + w.window().start(), count))
            .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 1);
            in.pipeInput("a", "x", 2);
            in.pipeInput("b", "x", 3);
            in.pipeInput("a", "x", 14);   // window [0,10) closes at stream time 15
            assertThat(f.output("out", Serdes.longSerde()).isEmpty()).isTrue();
            in.pipeInput("a", "x", 15);
            var out = f.output("out", Serdes.longSerde()).readRecordsToList();
            assertThat(out).extracting(r -> r.key() + "=" + r.value() + "@" + r.timestamp())
                .containsExactly("a@0=2@2", "b@0=1@3");
            assertThat(f.output("app-final-changelog", Serdes.string()).getQueueSize()).isPositive();
        }
    }

    @Test
    void suppressNeedsAWindowedTable() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, Long> counts = b.<String, String>stream("in").groupByKey().count(Materialized.as("n"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> counts.suppress(
                Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("s")))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("needs a windowed table");
    }
}
