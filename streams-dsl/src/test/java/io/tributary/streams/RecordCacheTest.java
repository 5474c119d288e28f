package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serdes;
import io.tributary.streams.testing.TestInputTopic;
import io.tributary.streams.testing.TopologyTestDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The record cache in front of aggregations: between two flushes (the driver flushes after each piped record, as
 * Kafka Streams' driver commits) a key's updates are forwarded and logged once, with the latest value.
 */
final class RecordCacheTest {
    private static final StreamsOptions CACHED = DriverFixture.OPTIONS.cacheMaxBytes(10 * 1024 * 1024);

    /** Counts the words of each line; {@code materialized} adjusts the count's store. */
    private static Topology wordCount(UnaryOperator<Materialized<String, Long>> materialized) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("lines")
            .flatMapValues(line -> List.of(line.split(" ")))
            .groupBy((k, word) -> word, Grouped.as("words"))
            .count(materialized.apply(Materialized.as("counts")))
            .toStream()
            .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        return b.build();
    }

    private static List<KeyValue<String, Long>> countsOf(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.string().deserializer(), Serdes.longSerde().deserializer())
            .readKeyValuesToList();
    }

    private static TestInputTopic<String, String> lines(TopologyTestDriver driver) {
        return driver.createInputTopic("lines", Serdes.string().serializer(), Serdes.string().serializer());
    }

    @Test
    void aKeyUpdatedManyTimesBetweenFlushesIsForwardedAndLoggedOnceWithItsLatestValue() {
        try (TopologyTestDriver driver = new TopologyTestDriver(wordCount(m -> m), CACHED, Instant.EPOCH)) {
            lines(driver).pipeInput("a b a a");
            lines(driver).pipeInput("b");
            // In the order of each key's latest update since the last flush, as Kafka Streams' cache flushes.
            assertThat(countsOf(driver, "out")).containsExactly(KeyValue.pair("b", 1L), KeyValue.pair("a", 3L),
                KeyValue.pair("b", 2L));
            assertThat(countsOf(driver, "app-counts-changelog")).containsExactly(KeyValue.pair("b", 1L),
                KeyValue.pair("a", 3L), KeyValue.pair("b", 2L));
            assertThat(driver.<String, Long>getKeyValueStore("counts").get("a")).isEqualTo(3L);
        }
    }

    @Test
    void withoutACacheEveryUpdateIsForwarded() {
        List<KeyValue<String, Long>> everyUpdate = List.of(KeyValue.pair("a", 1L), KeyValue.pair("b", 1L),
            KeyValue.pair("a", 2L), KeyValue.pair("a", 3L));
        try (TopologyTestDriver driver = new TopologyTestDriver(wordCount(Materialized::withCachingDisabled), CACHED,
            Instant.EPOCH)) {
            lines(driver).pipeInput("a b a a");
            assertThat(countsOf(driver, "out")).containsExactlyElementsOf(everyUpdate);
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(wordCount(m -> m), CACHED.cacheMaxBytes(0),
            Instant.EPOCH)) {
            lines(driver).pipeInput("a b a a");
            assertThat(countsOf(driver, "out")).containsExactlyElementsOf(everyUpdate);
        }
    }

    @Test
    void aFullCacheFlushesAtOnceAndStillEndsWithTheRightCounts() {
        // Room for two entries (about 70-80 bytes each): the third key flushes what is held, mid-line.
        StreamsOptions small = CACHED.cacheMaxBytes(200);
        try (TopologyTestDriver driver = new TopologyTestDriver(wordCount(m -> m), small, Instant.EPOCH)) {
            lines(driver).pipeInput("a a b b c c d d");
            assertThat(countsOf(driver, "out")).containsExactly(KeyValue.pair("a", 2L), KeyValue.pair("b", 2L),
                KeyValue.pair("c", 1L), KeyValue.pair("c", 2L), KeyValue.pair("d", 2L));
        }
    }

    @Test
    void windowedCountsAreCachedPerKeyAndWindow() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("lines")
            .flatMapValues(line -> List.of(line.split(" ")))
            .groupBy((k, word) -> word, Grouped.as("words"))
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(100)))
            .count(Materialized.as("windowed"))
            .toStream()
            .map((w, n) -> KeyValue.pair(w.key() + "@" + w.window().start(), n))
            .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), CACHED, Instant.EPOCH)) {
            TestInputTopic<String, String> in = lines(driver);
            in.pipeInput(null, "k k j", 10);
            in.pipeInput(null, "k", 150);
            assertThat(countsOf(driver, "out")).containsExactly(KeyValue.pair("k@0", 2L), KeyValue.pair("j@0", 1L),
                KeyValue.pair("k@100", 1L));
        }
    }
}
