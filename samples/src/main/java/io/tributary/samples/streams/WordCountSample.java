package io.tributary.samples.streams;

import io.tributary.broker.EmbeddedBroker;
import io.tributary.samples.SampleArgs;
import io.tributary.serdes.Serdes;
import io.tributary.streams.Consumed;
import io.tributary.streams.Grouped;
import io.tributary.streams.KeyValue;
import io.tributary.streams.Materialized;
import io.tributary.streams.Produced;
import io.tributary.streams.StreamsBuilder;
import io.tributary.streams.StreamsOptions;
import io.tributary.streams.Topology;
import io.tributary.streams.TributaryStreams;
import io.tributary.streams.state.ReadOnlyKeyValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Word count: lines in, a running count per word out (to a topic and in a store that can be queried). Prints the
 * topology, then the five most frequent words read from the application's store.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B -q -pl samples exec:java -Dexec.mainClass=io.tributary.samples.streams.WordCountSample
 * </pre>
 */
public final class WordCountSample {
    static final List<String> LINES = List.of(
        "Streams of records flow into topics",
        "topics hold records in partitions",
        "a stream is a table of changes and a table is a stream of updates",
        "records in a partition keep their order");

    private WordCountSample() {
    }

    public static void main(String[] args) {
        String bootstrap = SampleArgs.bootstrapServer(args);
        String suffix = bootstrap == null ? "" : "-" + UUID.randomUUID();
        if (bootstrap != null) {
            run(bootstrap, "text-lines" + suffix, "word-counts" + suffix).forEach(System.out::println);
            return;
        }
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("text-lines", 2).createTopic("word-counts", 2);
            run(broker.bootstrapServers(), "text-lines", "word-counts").forEach(System.out::println);
        }
    }

    /** The topology: split lines into words, re-key by word, count; the counts go to {@code output}. */
    static Topology topology(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.string(), Serdes.string()))
            .flatMapValues(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\W+")))
            // The names make the internal topics' names: "<application id>-words-repartition" and
            // "<application id>-word-counts-changelog", stable across topology changes.
            .groupBy((key, word) -> word, Grouped.with("words", Serdes.string(), Serdes.string()))
            .count(Materialized.<String, Long>as("word-counts").withValueSerde(Serdes.longSerde()))
            .toStream()
            .to(output, Produced.with(Serdes.string(), Serdes.longSerde()));
        return builder.build();
    }

    /** Writes the lines to {@code input}, runs word count until every word is counted; the topology and top five. */
    static List<String> run(String bootstrapServers, String input, String output) {
        Topology topology = topology(input, output);
        TributaryStreams streams = TributaryStreams.create(topology,
            StreamsOptions.create("word-count-" + UUID.randomUUID(), bootstrapServers));
        streams.start().block(Duration.ofSeconds(60));
        try {
            SampleData.writeLines(bootstrapServers, input, LINES);
            long words = LINES.stream().mapToLong(line -> line.split("\\W+").length).sum();
            ReadOnlyKeyValueStore<String, Long> counts = streams.store("word-counts");
            SampleData.await(() -> counts.all().stream().mapToLong(KeyValue::value).sum() == words);
            List<String> top = counts.all().stream()
                .sorted(Comparator.comparing((KeyValue<String, Long> kv) -> -kv.value()).thenComparing(KeyValue::key))
                .limit(5)
                .map(kv -> kv.key() + " " + kv.value())
                .toList();
            List<String> out = new ArrayList<>(topology.describe().toString().lines().toList());
            out.addAll(top);
            return out;
        } finally {
            streams.close().block(Duration.ofSeconds(60));
        }
    }
}
