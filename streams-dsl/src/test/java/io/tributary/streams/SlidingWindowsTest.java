package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.serdes.Serdes;
import io.tributary.streams.testing.TestInputTopic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SlidingWindowsTest {
    private static DriverFixture slidingCounts(SlidingWindows windows) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .groupByKey()
            .windowedBy(windows)
            .count(Materialized.as("sliding"))
            .toStream()
            .map((w, count) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), count))
            .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        return new DriverFixture(b);
    }

    private static List<String> read(DriverFixture f) {
        return f.output("out", Serdes.longSerde()).readRecordsToList().stream()
            .map(r -> r.key() + "=" + r.value() + "@" + r.timestamp())
            .toList();
    }

    @Test
    void eachRecordGetsALeftWindowAndCompletesTheRightWindowOfTheRecordBefore() {
        try (DriverFixture f = slidingCounts(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10)))) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 20);
            assertThat(read(f)).containsExactly("a@10/20=1@20");
            in.pipeInput("a", "x", 25);
            // The right window of 20 now holds 25; the left window of 25 holds both.
            assertThat(read(f)).containsExactly("a@21/31=1@25", "a@15/25=2@25");
        }
    }

    @Test
    void anOutOfOrderRecordUpdatesTheWindowsContainingItAndGetsItsOwnWindows() {
        try (DriverFixture f = slidingCounts(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10),
            Duration.ofMillis(10)))) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 20);
            in.pipeInput("a", "x", 25);
            read(f);
            in.pipeInput("a", "x", 22);
            // Updated from the latest window back, then its left window, then its right window (holding 25 only).
            assertThat(read(f)).containsExactly("a@21/31=2@25", "a@15/25=3@25", "a@12/22=2@22", "a@23/33=1@25");
        }
    }

    @Test
    void recordsBeforeTheTimeDifferenceShareTheFirstWindow() {
        try (DriverFixture f = slidingCounts(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10)))) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 3);
            in.pipeInput("a", "x", 5);
            assertThat(read(f)).containsExactly("a@0/10=1@3", "a@4/14=1@5", "a@0/10=2@5");
        }
    }

    @Test
    void lateRecordsAndRecordsWithANullKeyOrValueAreDropped() {
        try (DriverFixture f = slidingCounts(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10),
            Duration.ofMillis(5)))) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "x", 100);
            read(f);
            in.pipeInput("a", "x", 84);    // window [84, 94] ended before 100 - 5: late
            in.pipeInput(null, "x", 100);
            in.pipeInput("a", null, 100);
            assertThat(read(f)).isEmpty();
            in.pipeInput("a", "x", 92);    // its left window [82, 92] has closed, but [90, 100] has not
            assertThat(read(f)).containsExactly("a@90/100=2@100", "a@93/103=1@100");
        }
    }

    @Test
    void slidingWindowsRejectATimeDifferenceThatIsNotPositive() {
        assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time difference");
    }
}
