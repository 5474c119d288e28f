package io.tributary.benchmarks.streams;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.jspecify.annotations.Nullable;

/**
 * The benchmark's topologies in Kafka Streams, with its defaults (RocksDB stores, a 10 MiB record cache, one stream
 * thread, at-least-once) apart from what both applications must share: application id, {@code commit.interval.ms}
 * and the state directory. Extra properties ({@code --kafka-streams-props}) go on top, e.g. to run without the cache.
 * See {@link AppArgs} for the command line and {@link TributaryStreamsApp} for the same in Tributary Streams.
 */
public final class KafkaStreamsApp {
    private static final Pattern SPACE = Pattern.compile(" ");
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private KafkaStreamsApp() {
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
            builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(line -> List.of(SPACE.split(line)))
                .groupBy((key, word) -> word, Grouped.with("words", Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("word-counts")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(Serdes.Long()))
                .toStream()
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        } else {
            builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                .windowedBy(TimeWindows.ofSizeAndGrace(AppArgs.WINDOW, AppArgs.GRACE))
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("window-counts")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(Serdes.Long()))
                .toStream()
                .map((window, count) -> KeyValue.pair(window.key() + "@" + window.window().start(), count))
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        }
        return builder.build();
    }

    /** The restore workload's topology: the input topic as a table, materialized (and so changelogged). */
    static Topology restoreTopology(String input) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(input, Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(AppArgs.RESTORE_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.String()));
        return builder.build();
    }

    private static Properties properties(AppArgs args, String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args.bootstrap());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(args.commitInterval().toMillis()));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args.stateDir().toString());
        props.putAll(args.kafkaStreamsProps());
        return props;
    }

    /** A started application whose fatal errors are kept for {@link Signals}. */
    private static final class App {
        final KafkaStreams streams;
        final AtomicReference<@Nullable String> failure = new AtomicReference<>();
        final AtomicLong runningAt = new AtomicLong(-1);

        App(Topology topology, Properties props, @Nullable StateRestoreListener restoreListener) {
            streams = new KafkaStreams(topology, props);
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    runningAt.compareAndSet(-1, System.currentTimeMillis());
                } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
                    failure.compareAndSet(null, "Kafka Streams went from " + before + " to " + now);
                }
            });
            streams.setUncaughtExceptionHandler(e -> {
                failure.compareAndSet(null, "Kafka Streams failed: " + e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            if (restoreListener != null) {
                streams.setGlobalStateRestoreListener(restoreListener);
            }
            streams.start();
        }

        @Nullable String failure() {
            return failure.get();
        }

        /** Closes and leaves the group, so that the next application of the id need not wait for a timeout. */
        void close() {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        }
    }

    private static void throughput(AppArgs args, Signals signals) throws InterruptedException {
        if (args.hasWarmup()) {
            signals.emit("WARMUP_START epochMillis=" + System.currentTimeMillis());
            App warm = new App(topology(args.workload(), requireNonNull(args.warmupInput()),
                requireNonNull(args.warmupOutput())),
                properties(args, args.appId() + "-warmup"), null);
            signals.await("warmup-done", warm::failure);
            warm.close();
        }
        long start = System.currentTimeMillis();
        signals.emit("START epochMillis=" + start);
        App app = new App(topology(args.workload(), args.input(), args.outputTopic()), properties(args, args.appId()),
            null);
        signals.emit("STARTED epochMillis=" + System.currentTimeMillis());
        signals.await("stop", app::failure);
        app.close();
        signals.emit("CLOSED");
    }

    /** Counts what the restore listener saw: first start, last end, records restored, partitions done. */
    private static final class RestoreTally implements StateRestoreListener {
        final AtomicLong firstStart = new AtomicLong(-1);
        final AtomicLong lastEnd = new AtomicLong(-1);
        final AtomicLong restored = new AtomicLong();
        final AtomicLong partitions = new AtomicLong();

        @Override
        public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
            firstStart.compareAndSet(-1, System.currentTimeMillis());
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            restored.addAndGet(totalRestored);
            partitions.incrementAndGet();
            lastEnd.set(System.currentTimeMillis());
        }
    }

    private static void restore(AppArgs args, Signals signals) throws InterruptedException {
        long start = System.currentTimeMillis();
        signals.emit("START epochMillis=" + start);
        App load = new App(restoreTopology(args.input()), properties(args, args.appId()), null);
        signals.await("stop-load", load::failure);
        load.close();
        // Deletes this application's state directory: the next start restores everything from the changelog.
        load.streams.cleanUp();
        signals.emit("STOPPED");

        List<String> markers = List.of(signals.await("restart", () -> null).strip().split("\n"));
        String expected = markers.get(0);   // the first line is the marker value, the others its keys
        List<String> keys = markers.subList(1, markers.size());
        RestoreTally tally = new RestoreTally();
        long restart = System.currentTimeMillis();
        signals.emit("RESTART epochMillis=" + restart);
        App app = new App(restoreTopology(args.input()), properties(args, args.appId()), tally);
        signals.poll(() -> markersVisible(app, keys, expected), app::failure);
        long restored = System.currentTimeMillis();
        signals.emit("RESTORED millis=" + (restored - restart)
            + " runningMillis=" + (app.runningAt.get() < 0 ? -1 : app.runningAt.get() - restart)
            + " listenerMillis=" + (tally.firstStart.get() < 0 ? -1 : tally.lastEnd.get() - tally.firstStart.get())
            + " restoredRecords=" + tally.restored.get() + " restoredPartitions=" + tally.partitions.get());
        signals.emit("ENTRIES n=" + countEntries(app));
        signals.await("stop", app::failure);
        app.close();
        signals.emit("CLOSED");
    }

    /** Whether an interactive query sees the marker value under every marker key (so those records were processed). */
    private static boolean markersVisible(App app, List<String> keys, String expected) {
        if (app.streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        try {
            ReadOnlyKeyValueStore<String, String> store = app.streams.store(StoreQueryParameters
                .fromNameAndType(AppArgs.RESTORE_STORE, QueryableStoreTypes.<String, String>keyValueStore()));
            return keys.stream().allMatch(k -> expected.equals(store.get(k)));
        } catch (InvalidStateStoreException e) {
            return false;   // migrating or not yet open
        }
    }

    private static long countEntries(App app) {
        ReadOnlyKeyValueStore<String, String> store = app.streams.store(StoreQueryParameters
            .fromNameAndType(AppArgs.RESTORE_STORE, QueryableStoreTypes.<String, String>keyValueStore()));
        long n = 0;
        try (KeyValueIterator<String, String> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }
}
