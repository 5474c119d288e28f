package io.tributary.streams;

import io.tributary.client.ClientOptions;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import java.util.List;

/**
 * The child JVM of {@link StreamsSuite}'s crash test: an exactly-once word count that takes 10 ms per count it
 * writes, so that it is still busy when the test kills it. Prints {@code STARTED} once running. Arguments: bootstrap
 * servers, application id, lines topic, counts topic.
 */
public final class SlowExactlyOnceWordCount {
    private SlowExactlyOnceWordCount() {
    }

    public static void main(String[] args) throws InterruptedException {
        TributaryStreams streams = TributaryStreams.create(topology(args[2], args[3], Duration.ofMillis(10)),
            options(args[1], args[0]));
        streams.start().block(Duration.ofSeconds(60));
        System.out.println("STARTED");
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Counts the words of {@code lines} into {@code counts}, taking {@code perCount} for each count. */
    static Topology topology(String lines, String counts, Duration perCount) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream(lines)
            .flatMapValues(line -> List.of(line.split(" ")))
            .groupBy((key, word) -> word, Grouped.as("words"))
            .count(Materialized.as("word-counts"))
            .toStream()
            .peek((word, count) -> pause(perCount))
            .to(counts, Produced.with(Serdes.string(), Serdes.longSerde()));
        return builder.build();
    }

    private static void pause(Duration time) {
        if (time.isZero()) {
            return;
        }
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Exactly-once, every update written (no record cache), a short session so that a crash fails over soon. */
    static StreamsOptions options(String applicationId, String bootstrap) {
        return StreamsOptions.create(applicationId, ClientOptions.create(bootstrap))
            .defaultKeySerde(Serdes.string())
            .defaultValueSerde(Serdes.string())
            .processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE_V2)
            .cacheMaxBytes(0)
            .sessionTimeout(Duration.ofSeconds(6));
    }
}
