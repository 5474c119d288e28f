package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.Header;
import io.tributary.serdes.Serdes;
import io.tributary.streams.testing.TestInputTopic;
import io.tributary.streams.testing.TopologyTestDriver;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Suppression's options and bounds; its output against Kafka Streams' is in {@link DifferentialTest}. */
final class SuppressTest {
    private static StreamsBuilder latestValues(Suppressed<Object> suppressed) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>table("in", Materialized.as("latest"))
            .suppress(suppressed)
            .toStream()
            .to("out");
        return b;
    }

    @Test
    void untilTimeLimitEmitsAKeysLatestUpdateOnceTheLimitPassedSinceItsFirst() {
        StreamsBuilder b = latestValues(Suppressed.untilTimeLimit(Duration.ofMillis(10),
            Suppressed.BufferConfig.unbounded()).withName("limited"));
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "1", 0);
            in.pipeInput("a", "2", 5);
            in.pipeInput("b", "1", 8);
            in.pipeInput("a", "3", 9);
            assertThat(f.output("out").isEmpty()).isTrue();
            in.pipeInput("c", "1", 10);   // stream time 10: a (in since 0) leaves with its latest value
            in.pipeInput("b", null, 12);
            in.pipeInput("c", "2", 18);   // b (in since 8) leaves: its deletion
            assertThat(f.output("out").readRecordsToList())
                .extracting(r -> r.key() + "=" + r.value() + "@" + r.timestamp())
                .containsExactly("a=3@9", "b=null@12");
        }
    }

    @Test
    void anEmittedUpdateCarriesTheHeadersOfTheKeysLatestUpdate() {
        StreamsBuilder b = latestValues(Suppressed.untilTimeLimit(Duration.ofMillis(10),
            Suppressed.BufferConfig.unbounded()).withName("limited"));
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput(new io.tributary.streams.testing.TestRecord<>("a", "1", 0L,
                List.of(new Header("trace", "first".getBytes(StandardCharsets.UTF_8)))));
            in.pipeInput(new io.tributary.streams.testing.TestRecord<>("a", "2", 5L,
                List.of(new Header("trace", "second".getBytes(StandardCharsets.UTF_8)))));
            in.pipeInput("b", "1", 10);   // stream time 10: a leaves
            var out = f.output("out").readRecordsToList();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).headers()).extracting(h -> new String(h.value(), StandardCharsets.UTF_8))
                .containsExactly("second");
        }
    }

    @Test
    void aFullBufferEmitsItsOldestUpdatesEarlyWhenToldTo() {
        StreamsBuilder b = latestValues(Suppressed.untilTimeLimit(Duration.ofHours(1),
            Suppressed.BufferConfig.maxRecords(2)).withName("limited"));
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "1", 1);
            in.pipeInput("b", "1", 2);
            in.pipeInput("a", "2", 3);   // still two keys
            assertThat(f.output("out").isEmpty()).isTrue();
            in.pipeInput("c", "1", 4);   // three: the oldest (a) leaves early
            assertThat(f.output("out").readKeyValuesToList()).containsExactly(KeyValue.pair("a", "2"));
        }
    }

    @Test
    void aBufferBoundedInBytesCountsKeysAndValues() {
        // Each entry: 1 key byte + 1 value byte + 24.
        StreamsBuilder b = latestValues(Suppressed.untilTimeLimit(Duration.ofHours(1),
            Suppressed.BufferConfig.maxBytes(2 * 26)).withName("limited"));
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in = f.input("in");
            in.pipeInput("a", "1", 1);
            in.pipeInput("b", "1", 2);
            assertThat(f.output("out").isEmpty()).isTrue();
            in.pipeInput("b", "22", 3);   // one byte more than fits
            assertThat(f.output("out").readKeyValuesToList()).containsExactly(KeyValue.pair("a", "1"));
        }
    }

    @Test
    void aFullBufferToldToShutDownFailsTheApplicationWhateverTheErrorHandling() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
            .count(Materialized.as("windowed"))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.maxRecords(2).shutDownWhenFull())
                .withName("final"))
            .toStream()
            .foreach((k, v) -> { });
        StreamsOptions options = DriverFixture.OPTIONS.processingErrorHandling(ErrorHandling.LOG_AND_CONTINUE);
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), options, Instant.ofEpochMilli(0))) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.string().serializer(),
                Serdes.string().serializer());
            in.pipeInput("a", "x", 1);
            in.pipeInput("b", "x", 2);
            assertThatThrownBy(() -> in.pipeInput("c", "x", 3))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("suppression buffer final is full")
                .hasMessageContaining("3 of at most 2 records");
        }
    }

    @Test
    void badSuppressionOptionsAreRejectedSayingWhy() {
        assertThatThrownBy(() -> Suppressed.untilWindowCloses(Suppressed.BufferConfig.maxRecords(5)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("shutDownWhenFull");
        assertThatThrownBy(() -> Suppressed.untilTimeLimit(Duration.ofMillis(-1),
            Suppressed.BufferConfig.unbounded()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("timeToWaitForMoreEvents");
        assertThatThrownBy(() -> Suppressed.BufferConfig.maxBytes(-3))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxBytes");
        assertThat(Suppressed.untilWindowCloses(Suppressed.BufferConfig.maxRecords(5).shutDownWhenFull())
            .bufferConfig().maxRecords()).isEqualTo(5);
    }
}
