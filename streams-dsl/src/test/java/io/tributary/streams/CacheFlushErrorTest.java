package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.Header;
import io.tributary.serdes.Serdes;
import io.tributary.streams.internal.engine.ForwardBuffer;
import io.tributary.streams.internal.engine.RecordCache;
import io.tributary.streams.processor.Processor;
import io.tributary.streams.processor.ProcessorContext;
import io.tributary.streams.processor.PunctuationType;
import io.tributary.streams.processor.Record;
import io.tributary.streams.processor.RecordMetadata;
import io.tributary.streams.testing.TestRecord;
import io.tributary.streams.testing.TopologyTestDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Records that fail downstream while a record cache's flush forwards them (on commit; the driver commits after each
 * piped record): they fail in the context of the input that made the cached update, so the error handling applies
 * to them, and the dead letter is that input.
 */
final class CacheFlushErrorTest {
    /** A cache, so that counts wait for the flush; no input record is being processed when it runs. */
    private static final StreamsOptions CACHED = DriverFixture.OPTIONS.cacheMaxBytes(1024 * 1024);

    /**
     * Counts the words of lines (through a repartition topic, whose records are the count task's inputs) and fails
     * on the count of {@code poison}; every count forwarded is recorded with the record context it came in.
     */
    private static Topology wordCount(String poison, List<String> contexts) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("lines")
            .flatMapValues(line -> List.of(line.toLowerCase(Locale.ROOT).split(" ")))
            .groupBy((k, word) -> word, Grouped.as("words"))
            .count(Materialized.as("counts"))
            .toStream()
            .process(() -> new Processor<String, Long, String, Long>() {
                private ProcessorContext<String, Long> context;

                @Override
                public void init(ProcessorContext<String, Long> c) {
                    context = c;
                }

                @Override
                public void process(Record<String, Long> record) {
                    Optional<RecordMetadata> origin = context.recordMetadata();
                    contexts.add(record.key() + "<-" + origin.map(m -> m.topic() + "@" + m.offset()).orElse("none"));
                    if (record.key().equals(poison)) {
                        throw new IllegalStateException("poisoned " + record.key());
                    }
                    context.forward(record);
                }
            }, Named.as("check"))
            .to("counts", Produced.with(Serdes.string(), Serdes.longSerde()));
        return b.build();
    }

    @Test
    void aFailureWhileAFlushForwardsGoesToTheDeadLetterTopicAsTheInputOfTheCachedUpdate() {
        List<String> contexts = new ArrayList<>();
        StreamsOptions options = CACHED.processingErrorHandling(ErrorHandling.LOG_AND_CONTINUE).deadLetterTopic("dlt");
        try (TopologyTestDriver driver = new TopologyTestDriver(wordCount("b", contexts), options, Instant.EPOCH)) {
            // One line, three repartition records: a@0, b@1, a@2; the flush after them forwards a=2 and b=1.
            driver.createInputTopic("lines", Serdes.string().serializer(), Serdes.string().serializer())
                .pipeInput(new TestRecord<>("l", "a b a", 7L, List.of(new Header("trace", new byte[] {9}))));
            assertThat(driver.createOutputTopic("counts", Serdes.string().deserializer(),
                Serdes.longSerde().deserializer()).readKeyValuesToMap()).containsOnlyKeys("a").containsEntry("a", 2L);
            // Downstream of the cache, each update is seen in the context of the input that last updated it.
            assertThat(contexts).containsExactlyInAnyOrder("a<-app-words-repartition@2",
                "b<-app-words-repartition@1");
            var letters = driver.createOutputTopic("dlt", Serdes.string().deserializer(),
                Serdes.string().deserializer()).readRecordsToList();
            assertThat(letters).hasSize(1);
            var letter = letters.get(0);
            // The repartition record that made b=1: its key, value, timestamp and headers, and where it was read.
            assertThat(letter.key()).isEqualTo("b");
            assertThat(letter.value()).isEqualTo("b");
            assertThat(letter.timestamp()).isEqualTo(7L);
            assertThat(header(letter.headers(), "trace")).isEqualTo("\t");
            assertThat(header(letter.headers(), "__streams.errors.topic")).isEqualTo("app-words-repartition");
            assertThat(header(letter.headers(), "__streams.errors.partition")).isEqualTo("0");
            assertThat(header(letter.headers(), "__streams.errors.offset")).isEqualTo("1");
            assertThat(header(letter.headers(), "__streams.errors.message")).isEqualTo("poisoned b");
            // The application goes on.
            driver.createInputTopic("lines", Serdes.string().serializer(), Serdes.string().serializer())
                .pipeInput("l", "c");
            assertThat(driver.createOutputTopic("counts", Serdes.string().deserializer(),
                Serdes.longSerde().deserializer()).readKeyValuesToMap()).containsEntry("c", 1L);
        }
    }

    @Test
    void underFailAFailureWhileAFlushForwardsFailsNamingTheInputOfTheCachedUpdate() {
        try (TopologyTestDriver driver = new TopologyTestDriver(wordCount("b", new ArrayList<>()), CACHED,
            Instant.EPOCH)) {
            assertThatThrownBy(() -> driver.createInputTopic("lines", Serdes.string().serializer(),
                Serdes.string().serializer()).pipeInput("l", "a b a"))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("app-words-repartition-0@1")
                .hasRootCauseMessage("poisoned b");
        }
    }

    /**
     * A processor whose wall-clock punctuation puts {@code ("tick", "t")} in a record cache of its own (as a caching
     * aggregation would), so that the flush after it forwards an update no input record made; "tick" fails
     * downstream.
     */
    private static Topology punctuatedCache() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .process(() -> new Processor<String, String, String, String>() {
                @Override
                public void init(ProcessorContext<String, String> context) {
                    ForwardBuffer<String, String> cache = RecordCache.register(context, "ticks");
                    context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME,
                        now -> cache.put("tick", Record.of("tick", "t", now), false, false));
                }

                @Override
                public void process(Record<String, String> record) {
                }
            }, Named.as("ticker"))
            .peek((k, v) -> {
                if (k.equals("tick")) {
                    throw new IllegalStateException("no ticks");
                }
            })
            .to("out");
        return b.build();
    }

    @Test
    void aFailedUpdateMadeByAPunctuationIsSkippedUnderLogAndContinueAndFailsUnderFail() {
        StreamsOptions continuing = CACHED.processingErrorHandling(ErrorHandling.LOG_AND_CONTINUE)
            .deadLetterTopic("dlt");
        try (TopologyTestDriver driver = new TopologyTestDriver(punctuatedCache(), continuing, Instant.EPOCH)) {
            // No input record made it: nothing to send to the dead-letter topic, and the driver goes on.
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            assertThat(driver.producedTopicNames()).doesNotContain("dlt", "out");
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(punctuatedCache(), CACHED, Instant.EPOCH)) {
            assertThatThrownBy(() -> driver.advanceWallClockTime(Duration.ofSeconds(1)))
                .isInstanceOf(StreamsException.class)
                .hasRootCauseMessage("no ticks");
        }
    }

    private static String header(List<Header> headers, String key) {
        return headers.stream().filter(h -> h.key().equals(key)).map(h -> new String(h.value(),
            StandardCharsets.UTF_8)).findFirst().orElseThrow();
    }
}
