package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.serdes.Serdes;
import io.tributary.streams.state.SessionStore;
import io.tributary.streams.testing.TestInputTopic;
import io.tributary.streams.testing.TestRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SessionWindowsTest {
    private static StreamsBuilder sessionCounts(SessionWindows windows) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .groupByKey()
            .windowedBy(windows)
            .count(Materialized.as("sessions"))
            .toStream()
            .map((w, count) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), count))
            .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        return b;
    }

    private static List<String> described(List<TestRecord<String, Long>> records) {
        return records.stream().map(r -> r.key() + "=" + r.value() + "@" + r.timestamp()).toList();
    }

    @Test
    void aRecordJoinsTheSessionWithinTheGapAndABridgingRecordMergesTwoSessions() {
        try (DriverFixture f = new DriverFixture(sessionCounts(SessionWindows.ofInactivityGapAndGrace(
            Duration.ofMillis(10), Duration.ofMillis(10))))) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "x", 5);    // within the gap: the session grows to [0, 5]
            in.pipeInput("a", "x", 20);   // 15 after the session's end: a new session
            in.pipeInput("a", "x", 12);   // out of order, within the gap of both (and within grace): they merge
            // Each replaced session is deleted first, with its own end as timestamp, then the new one follows.
            assertThat(described(f.output("out", Serdes.longSerde()).readRecordsToList())).containsExactly(
                "a@0/0=1@0",
                "a@0/0=null@0", "a@0/5=2@5",
                "a@20/20=1@20",
                "a@0/5=null@5", "a@20/20=null@20", "a@0/20=4@20");
            SessionStore<String, Long> store = f.driver.getSessionStore("sessions");
            assertThat(store.fetch("a")).extracting(kv -> kv.key() + "=" + kv.value()).containsExactly("[a@0/20]=4");
            assertThat(store.fetchSession("a", 0, 20)).isEqualTo(4L);
            assertThat(f.driver.producedTopicNames()).contains("app-sessions-changelog");
        }
    }

    @Test
    void outOfOrderRecordsWithinGraceCountAndLaterOnesAreDropped() {
        try (DriverFixture f = new DriverFixture(sessionCounts(SessionWindows.ofInactivityGapAndGrace(
            Duration.ofMillis(5), Duration.ofMillis(2))))) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 0);
            in.pipeInput("b", "x", 20);   // stream time 20: sessions ending before 20 - 5 - 2 = 13 are closed
            in.pipeInput("a", "x", 14);   // a session of its own, still open
            in.pipeInput("a", "x", 8);    // its session [8, 8] would be closed: dropped
            in.pipeInput("a", "x", 9);    // joins [14, 14], which stays open: counts
            assertThat(described(f.output("out", Serdes.longSerde()).readRecordsToList())).containsExactly(
                "a@0/0=1@0", "b@20/20=1@20", "a@14/14=1@14", "a@14/14=null@14", "a@9/14=2@14");
        }
    }

    @Test
    void aggregateMergesTheAggregatesOfMergedSessionsWithTheMerger() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(10), Duration.ofMillis(20)))
            .aggregate(() -> "", (k, v, agg) -> agg + v, (k, one, two) -> one + "|" + two, Materialized.as("s"))
            .toStream()
            .filter((w, v) -> v != null)
            .map((w, v) -> KeyValue.pair(w.window().start() + "/" + w.window().end(), v))
            .to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "y", 20);
            in.pipeInput("a", "z", 10);
            // The new session's aggregate starts from the initializer, merges each old session, then adds z.
            assertThat(f.output("out").readKeyValuesToList()).containsExactly(KeyValue.pair("0/0", "x"),
                KeyValue.pair("20/20", "y"), KeyValue.pair("0/20", "|x|yz"));
        }
    }

    @Test
    void suppressEmitsEachSessionOnceItClosedAndNeverTheMergedAwayOnes() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5), Duration.ofMillis(1)))
            .count(Materialized.as("sessions"))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final"))
            .toStream()
            .map((w, count) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), count))
            .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "x", 3);
            in.pipeInput("b", "x", 8);    // [0, 3] closes once stream time passes 3 + 5 + 1 = 9
            assertThat(f.output("out", Serdes.longSerde()).isEmpty()).isTrue();
            in.pipeInput("b", "x", 9);
            assertThat(described(f.output("out", Serdes.longSerde()).readRecordsToList()))
                .containsExactly("a@0/3=2@3");
        }
    }

    @Test
    void recordsWithANullKeyAreDroppedAndNullValuesCount() {
        try (DriverFixture f = new DriverFixture(sessionCounts(SessionWindows.ofInactivityGapWithNoGrace(
            Duration.ofMillis(10))))) {
            f.input("in").pipeInput(null, "x", 1);
            f.input("in").pipeInput("a", null, 2);
            assertThat(described(f.output("out", Serdes.longSerde()).readRecordsToList()))
                .containsExactly("a@2/2=1@2");
        }
    }

    @Test
    void sessionWindowsRejectAGapThatIsNotPositiveAndANegativeGrace() {
        assertThatThrownBy(() -> SessionWindows.ofInactivityGapWithNoGrace(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inactivity gap");
        assertThatThrownBy(() -> SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(1), Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grace");
    }

    @Test
    void aRetentionShorterThanGapPlusGraceIsRejected() {
        StreamsBuilder b = new StreamsBuilder();
        SessionWindowedKStream<String, String> sessions = b.<String, String>stream("in").groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)));
        assertThatThrownBy(() -> sessions.count(Materialized.<String, Long>as("s").withRetention(
            Duration.ofMillis(14))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("at least the inactivity gap plus grace, 15 ms");
    }
}
