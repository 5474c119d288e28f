package io.tributary.benchmarks.streams;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serdes;
import io.tributary.streams.Consumed;
import io.tributary.streams.Grouped;
import io.tributary.streams.KeyValue;
import io.tributary.streams.Materialized;
import io.tributary.streams.Produced;
import io.tributary.streams.StreamsBuilder;
import io.tributary.streams.StreamsOptions;
import io.tributary.streams.TimeWindows;
import io.tributary.streams.Topology;
import io.tributary.streams.TributaryStreams;
import io.tributary.streams.state.ReadOnlyKeyValueStore;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The benchmark's topologies in Tributary Streams, the same operations as {@link KafkaStreamsApp}'s, with
 * Tributary's defaults (in-memory stores, no record cache, at-least-once) apart from what both applications must
 * share: application id and commit interval. See {@link AppArgs} for the command line.
 */
public final class TributaryStreamsApp {
    private static final Pattern SPACE = Pattern.compile(" ");
    private static final Duration WAIT = Duration.ofMinutes(2);

    private TributaryStreamsApp() {
    }

    public static void main(String[] argv) throws Exception {
        AppArgs args = AppArgs.parse(argv);
        Signals signals = new Signals(args.signals());
        if (args.throughput()) {
            throughput(args, signals);
        } else {
            restore(args, signals);
        }
        System.exit(0);
    }

    /** The topology of a throughput workload, reading {@code input} and writing {@code output}. */
    static Topology topology(String workload, String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        if (workload.equals(AppArgs.WORD_COUNT)) {
            builder.stream(input, Consumed.with(Serdes.string(), Serdes.string()))
                .flatMapValues(line -> List.of(SPACE.split(line)))
                .groupBy((key, word) -> word, Grouped.with("words", Serdes.string(), Serdes.string()))
                .count(Materialized.<String, Long>as("word-counts")
                    .withKeySerde(Serdes.string())
                    .withValueSerde(Serdes.longSerde()))
                .toStream()
                .to(output, Produced.with(Serdes.string(), Serdes.longSerde()));
        } else {
            builder.stream(input, Consumed.with(Serdes.string(), Serdes.string()))
                .groupByKey(Grouped.with(Serdes.string(), Serdes.string()))
                .windowedBy(TimeWindows.ofSizeAndGrace(AppArgs.WINDOW, AppArgs.GRACE))
                .count(Materialized.<String, Long>as("window-counts")
                    .withKeySerde(Serdes.string())
                    .withValueSerde(Serdes.longSerde()))
                .toStream()
                .map((window, count) -> KeyValue.pair(window.key() + "@" + window.window().start(), count))
                .to(output, Produced.with(Serdes.string(), Serdes.longSerde()));
        }
        return builder.build();
    }

    /** The restore workload's topology: the input topic as a table, materialized (and so changelogged). */
    static Topology restoreTopology(String input) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(input, Consumed.with(Serdes.string(), Serdes.string()),
            Materialized.<String, String>as(AppArgs.RESTORE_STORE)
                .withKeySerde(Serdes.string())
                .withValueSerde(Serdes.string()));
        return builder.build();
    }

    private static StreamsOptions options(AppArgs args, String applicationId) {
        return StreamsOptions.create(applicationId, args.bootstrap())
            .commitInterval(args.commitInterval());
    }

    private static TributaryStreams start(Topology topology, StreamsOptions options) {
        TributaryStreams streams = TributaryStreams.create(topology, options);
        streams.start().block(WAIT);
        return streams;
    }

    private static @Nullable String failure(TributaryStreams streams) {
        return streams.state() == TributaryStreams.State.FAILED ? "Tributary Streams failed (see the log above)"
            : null;
    }

    private static void throughput(AppArgs args, Signals signals) throws InterruptedException {
        if (args.hasWarmup()) {
            signals.emit("WARMUP_START epochMillis=" + System.currentTimeMillis());
            TributaryStreams warm = start(topology(args.workload(), requireNonNull(args.warmupInput()),
                requireNonNull(args.warmupOutput())), options(args, args.appId() + "-warmup"));
            signals.await("warmup-done", () -> failure(warm));
            warm.close().block(WAIT);
        }
        long start = System.currentTimeMillis();
        signals.emit("START epochMillis=" + start);
        TributaryStreams app = start(topology(args.workload(), args.input(), args.outputTopic()),
            options(args, args.appId()));
        signals.emit("STARTED epochMillis=" + System.currentTimeMillis());
        signals.await("stop", () -> failure(app));
        app.close().block(WAIT);
        signals.emit("CLOSED");
    }

    private static void restore(AppArgs args, Signals signals) throws InterruptedException {
        long start = System.currentTimeMillis();
        signals.emit("START epochMillis=" + start);
        TributaryStreams load = start(restoreTopology(args.input()), options(args, args.appId()));
        signals.await("stop-load", () -> failure(load));
        // The stores are in memory: closing drops the local state, the next start restores it from the changelog.
        load.close().block(WAIT);
        signals.emit("STOPPED");

        List<String> markers = List.of(signals.await("restart", () -> null).strip().split("\n"));
        String expected = markers.get(0);   // the first line is the marker value, the others its keys
        List<String> keys = markers.subList(1, markers.size());
        long restart = System.currentTimeMillis();
        signals.emit("RESTART epochMillis=" + restart);
        // start() completes once the group is joined; a task restores its stores when its first record arrives.
        TributaryStreams app = start(restoreTopology(args.input()), options(args, args.appId()));
        long started = System.currentTimeMillis();
        ReadOnlyKeyValueStore<String, String> store = app.store(AppArgs.RESTORE_STORE);
        signals.poll(() -> keys.stream().allMatch(k -> expected.equals(store.get(k))), () -> failure(app));
        long restored = System.currentTimeMillis();
        signals.emit("RESTORED millis=" + (restored - restart) + " runningMillis=" + (started - restart)
            + " listenerMillis=-1 restoredRecords=-1 restoredPartitions=-1");
        signals.emit("ENTRIES n=" + store.approximateNumEntries());
        signals.await("stop", () -> failure(app));
        app.close().block(WAIT);
        signals.emit("CLOSED");
    }
}
