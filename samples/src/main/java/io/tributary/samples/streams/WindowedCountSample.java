package io.tributary.samples.streams;

import io.tributary.broker.EmbeddedBroker;
import io.tributary.producer.ProducerRecord;
import io.tributary.samples.SampleArgs;
import io.tributary.serdes.Serdes;
import io.tributary.streams.Consumed;
import io.tributary.streams.KeyValue;
import io.tributary.streams.Materialized;
import io.tributary.streams.StreamsBuilder;
import io.tributary.streams.StreamsOptions;
import io.tributary.streams.TimeWindows;
import io.tributary.streams.TributaryStreams;
import io.tributary.streams.Windowed;
import io.tributary.streams.state.ReadOnlyWindowStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A windowed aggregation: page views counted per page in one-minute tumbling windows of event time, with ten
 * seconds of grace for records that arrive out of order. One view arrives too late (its window closed) and is not
 * counted. Prints one line per page and window.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B -q -pl samples exec:java -Dexec.mainClass=io.tributary.samples.streams.WindowedCountSample
 * </pre>
 */
public final class WindowedCountSample {
    /** Event times, in seconds from the start of the day; each record is one view of a page. */
    private static final long[] SECONDS = {0, 5, 30, 65, 50, 70, 125, 10, 130};
    private static final String[] PAGES = {"home", "home", "cart", "home", "cart", "cart", "home", "home", "cart"};
    private static final long DAY = 1_767_225_600_000L;   // 2026-01-01T00:00Z

    private WindowedCountSample() {
    }

    public static void main(String[] args) {
        String bootstrap = SampleArgs.bootstrapServer(args);
        if (bootstrap != null) {
            run(bootstrap, "page-views-" + UUID.randomUUID()).forEach(System.out::println);
            return;
        }
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("page-views", 1);
            run(broker.bootstrapServers(), "page-views").forEach(System.out::println);
        }
    }

    /** Counts the views written to {@code topic} (one partition, so they are processed in the order written). */
    static List<String> run(String bootstrapServers, String topic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.string(), Serdes.string()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(10)))
            // The store keeps windows for ten minutes of stream time (by default only for size + grace), so that
            // the closed windows can still be queried at the end.
            .count(Materialized.<String, Long>as("views-per-minute").withValueSerde(Serdes.longSerde())
                .withRetention(Duration.ofMinutes(10)));
        TributaryStreams streams = TributaryStreams.create(builder.build(),
            StreamsOptions.create("page-views-" + UUID.randomUUID(), bootstrapServers)
                .defaultKeySerde(Serdes.string()).defaultValueSerde(Serdes.string()));
        streams.start().block(SampleData.WAIT);
        try {
            List<ProducerRecord<String, String>> views = new ArrayList<>();
            for (int i = 0; i < SECONDS.length; i++) {
                views.add(ProducerRecord.of(topic, PAGES[i], "view").timestamp(DAY + SECONDS[i] * 1000));
            }
            SampleData.write(bootstrapServers, views);
            ReadOnlyWindowStore<String, Long> counts = streams.windowStore("views-per-minute");
            // The last view (cart at 130 s) comes after the late one, so once it is counted the late one was seen.
            SampleData.await(() -> counts.fetch("cart", DAY + 120_000, DAY + 120_000).stream()
                .anyMatch(kv -> kv.value() == 1L));
            return counts.all().stream()
                .sorted(Comparator.comparing((KeyValue<Windowed<String>, Long> kv) -> kv.key().window().start())
                    .thenComparing(kv -> kv.key().key()))
                .map(kv -> line(kv.key(), kv.value()))
                .toList();
        } finally {
            streams.close().block(SampleData.WAIT);
        }
    }

    private static String line(Windowed<String> window, long count) {
        long from = (window.window().start() - DAY) / 1000;
        long to = (window.window().end() - DAY) / 1000;
        return String.format("%-4s [%3d s, %3d s) %d view%s", window.key(), from, to, count, count == 1 ? "" : "s");
    }
}
