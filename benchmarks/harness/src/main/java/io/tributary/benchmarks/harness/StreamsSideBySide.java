package io.tributary.benchmarks.harness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.AppInfoParser;
import org.jspecify.annotations.Nullable;

/**
 * The streams comparison: the same topologies in Kafka Streams ({@code KafkaStreamsApp}) and in Tributary Streams
 * ({@code TributaryStreamsApp}), both of {@code benchmarks/streams}, each application in a child JVM with the same
 * JVM options, against one broker (a Tributary broker, or Apache Kafka with {@code --broker kafka}) in one run.
 *
 * <pre>{@code
 * java -cp "benchmarks/harness/target/harness.jar:benchmarks/harness/target/lib/*" \
 *     io.tributary.benchmarks.harness.StreamsSideBySide [--records 1000000] [--broker tributary|kafka]
 * }</pre>
 *
 * <p>Workloads, on input written once (untimed) before the applications start, with {@code --partitions} (4)
 * partitions per topic:
 * <ul>
 *   <li>{@code word-count}: lines of ten words → flatMapValues(split) → groupBy(word) → count → toStream → to;</li>
 *   <li>{@code windowed-count}: records of 10,000 keys, event times over ten minutes → groupByKey → one-minute
 *       tumbling windows (10 s grace) → count → toStream → map to {@code <key>@<window start>} → to;</li>
 *   <li>{@code restore}: a table of {@code --records} distinct keys, materialized (changelogged); stopped, its local
 *       state deleted, started again and timed until it has restored.</li>
 * </ul>
 * Each throughput application first runs the same topology on a tenth of the records, untimed (warm-up); then the
 * timed run goes from the moment before the application is created until the harness, reading the output topic,
 * sees every key's final value (see {@link OutputWatcher}); the final values must equal the expected ones.
 */
public final class StreamsSideBySide {
    static final String KAFKA_STREAMS = "kafka-streams";
    static final String TRIBUTARY = "tributary";
    static final List<String> WORKLOADS = List.of("word-count", "windowed-count", "restore");
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(2);

    /** A throughput workload's timed figures for one application. */
    record Throughput(long records, long millis, long outputRecords, double cpuSeconds, double peakRssMib,
                      List<String> differences) {
        double rate() {
            return records * 1000.0 / Math.max(1, millis);
        }
    }

    /** The restore workload's figures for one application. */
    record Restore(long keys, long loadMillis, long changelogRecords, long restoreMillis, long runningMillis,
                   long listenerMillis, long restoredRecords, long entries, double peakRssMib) {
        double loadRate() {
            return keys * 1000.0 / Math.max(1, loadMillis);
        }
    }

    /** What every run needs. */
    private record Context(Settings settings, String bootstrap, int partitions, String classpath,
                           List<String> appJvmOptions, Duration timeout, long commitIntervalMs,
                           String kafkaStreamsProps) {
    }

    private StreamsSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int records = 1_000_000;
        int partitions = 4;
        int keys = 10_000;
        String brokerKind = TRIBUTARY;
        String only = null;
        List<String> workloads = WORKLOADS;
        long timeoutSeconds = 600;
        long commitIntervalMs = 1000;
        String kafkaStreamsProps = "";
        boolean jfr = false;
        Path output = null;
        Path rootArg = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                case "--keys" -> keys = Integer.parseInt(args[++i]);
                case "--broker" -> brokerKind = args[++i];
                case "--only" -> only = args[++i];
                case "--workloads" -> workloads = List.of(args[++i].split(","));
                case "--timeout" -> timeoutSeconds = Long.parseLong(args[++i]);
                case "--commit-interval-ms" -> commitIntervalMs = Long.parseLong(args[++i]);
                case "--kafka-streams-props" -> kafkaStreamsProps = args[++i];
                case "--jfr" -> jfr = true;
                case "--output" -> output = Path.of(args[++i]);
                case "--project-root" -> rootArg = Path.of(args[++i]);
                default -> usage();
            }
        }
        if (records < 100 || partitions < 1 || keys < 1 || !List.of(TRIBUTARY, "kafka").contains(brokerKind)
            || (only != null && !List.of(KAFKA_STREAMS, TRIBUTARY).contains(only))
            || !WORKLOADS.containsAll(workloads)) {
            usage();
        }
        List<String> systems = only == null ? List.of(KAFKA_STREAMS, TRIBUTARY) : List.of(only);
        Path root = SideBySide.projectRoot(rootArg);
        String classpath = ConsumerClientsSideBySide.clientClasspath(root, "benchmarks/streams");
        Path workDir = Files.createTempDirectory("streams-side-by-side-");
        Path logDir = Files.createDirectories(workDir.resolve("logs"));
        Settings settings = new Settings(1.0, partitions, workDir, logDir, SideBySide.kafkaClasspath(),
            brokerKind.equals(TRIBUTARY) ? SideBySide.tributaryClasspath(root) : "",
            SideBySide.jvmOptions(SideBySide.BROKER_JVM_OPTIONS,
                SideBySide.writeLogback(workDir.resolve("broker-logback.xml"), "INFO")),
            SideBySide.jvmOptions(SideBySide.TOOL_JVM_OPTIONS,
                SideBySide.writeLogback(workDir.resolve("tool-logback.xml"), "WARN")));
        List<String> appJvmOptions = SideBySide.jvmOptions(SideBySide.BROKER_JVM_OPTIONS,
            SideBySide.writeLogback(workDir.resolve("app-logback.xml"), "INFO"));
        if (jfr) {
            appJvmOptions = new ArrayList<>(appJvmOptions);
            appJvmOptions.add("-XX:StartFlightRecording=settings=profile,dumponexit=true");
        }
        System.err.printf(Locale.ROOT, "Streams side by side: %,d records, %d partitions, workloads %s; output of the "
            + "child JVMs in %s%n", records, partitions, workloads, logDir);

        Map<String, Map<String, @Nullable Throughput>> throughput = new LinkedHashMap<>();
        Map<String, @Nullable Restore> restores = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Path dataDir = Files.createDirectories(workDir.resolve("broker-data"));
        try (BrokerProcess broker = brokerKind.equals("kafka")
            ? BrokerProcess.startKafka(settings, dataDir, SideBySide.freePort(), SideBySide.freePort(), notes)
            : BrokerProcess.startTributary(settings, dataDir, SideBySide.freePort())) {
            Context ctx = new Context(settings, broker.bootstrapServers(), partitions, classpath, appJvmOptions,
                Duration.ofSeconds(timeoutSeconds), commitIntervalMs, kafkaStreamsProps);
            for (String workload : workloads) {
                if (workload.equals("restore")) {
                    for (String system : systems) {
                        restores.put(system, runRestore(ctx, system, records, notes));
                    }
                } else {
                    throughput.put(workload, runThroughputWorkload(ctx, workload, systems, records, keys, notes));
                }
            }
        } finally {
            SideBySide.deleteRecursively(dataDir);
        }
        String brokerName = brokerKind.equals("kafka") ? "Apache Kafka " + AppInfoParser.getVersion() : "Tributary";
        String report = StreamsReport.markdown(records, partitions, keys, commitIntervalMs, kafkaStreamsProps,
            brokerName, throughput, restores, notes);
        System.out.println(report);
        if (output != null) {
            Files.writeString(output, report, StandardCharsets.UTF_8);
        }
        System.err.println("Logs of the child JVMs: " + logDir);
        System.exit(0);
    }

    private static void usage() {
        System.err.println("Usage: StreamsSideBySide [--records N (default 1000000)] [--partitions P (default 4)] "
            + "[--keys K (windowed count, default 10000)] [--broker tributary|kafka] [--only kafka-streams|tributary] "
            + "[--workloads word-count,windowed-count,restore] [--timeout SECONDS (per timed run, default 600)] "
            + "[--commit-interval-ms MS (default 1000)] [--kafka-streams-props k=v,k=v] [--jfr] [--output FILE] "
            + "[--project-root DIR]");
        System.exit(2);
    }

    /** Writes the workload's input and warm-up input once, then runs each application on them in turn. */
    private static Map<String, @Nullable Throughput> runThroughputWorkload(Context ctx, String workload,
                                                                         List<String> systems, int records, int keys,
                                                                         List<String> notes) throws Exception {
        String input = workload + "-in";
        String warmupInput = workload + "-warmup-in";
        int warmupRecords = Math.max(10, records / 10);
        Map<String, Long> expected;
        Map<String, Long> warmupExpected;
        long written = System.nanoTime();
        TopicWriter.createTopic(ctx.bootstrap(), input, ctx.partitions());
        TopicWriter.createTopic(ctx.bootstrap(), warmupInput, ctx.partitions());
        if (workload.equals("word-count")) {
            warmupExpected = StreamsData.writeLines(ctx.bootstrap(), warmupInput, ctx.partitions(), warmupRecords, 7);
            expected = StreamsData.writeLines(ctx.bootstrap(), input, ctx.partitions(), records, 11);
        } else {
            long window = Duration.ofMinutes(1).toMillis();
            long now = System.currentTimeMillis();
            // Event times in the recent past (brokers refuse timestamps far in the future; old ones would age out).
            long base = now - Duration.ofMinutes(25).toMillis();
            base -= Math.floorMod(base, window);
            warmupExpected = StreamsData.writeEvents(ctx.bootstrap(), warmupInput, ctx.partitions(), warmupRecords,
                keys, base, window, 7);
            expected = StreamsData.writeEvents(ctx.bootstrap(), input, ctx.partitions(), records, keys,
                base + StreamsData.EVENT_SPAN.toMillis(), window, 11);
        }
        System.err.printf(Locale.ROOT, "%s: %,d + %,d warm-up records written in %,d ms; %,d result keys expected%n",
            workload, records, warmupRecords, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written),
            expected.size());
        Map<String, @Nullable Throughput> runs = new LinkedHashMap<>();
        for (String system : systems) {
            Throughput run = null;
            try {
                run = runThroughput(ctx, system, workload, input, warmupInput, records, expected, warmupExpected);
                System.err.printf(Locale.ROOT, "[%s] %s: %,.0f records/s (%,d ms), %,d output records, %s%n", system,
                    workload, run.rate(), run.millis(), run.outputRecords(), run.differences().isEmpty()
                        ? "final values as expected" : "DIFFERENT: " + run.differences());
                run.differences().forEach(d -> notes.add(system + ", " + workload + ": " + d));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                System.err.printf("[%s] %s FAILED: %s%n", system, workload, e);
                notes.add(system + ", " + workload + ": failed: " + e.getMessage());
            }
            runs.put(system, run);
        }
        return runs;
    }

    private static StreamsApp startApp(Context ctx, String system, String workload, String appId, List<String> args)
            throws Exception {
        Path signals = Files.createDirectories(ctx.settings().workDir().resolve("signals-" + appId));
        Path stateDir = Files.createDirectories(ctx.settings().workDir().resolve("state-" + appId));
        List<String> all = new ArrayList<>(List.of("--workload", workload, "--bootstrap", ctx.bootstrap(),
            "--app-id", appId, "--signals", signals.toString(), "--state-dir", stateDir.toString(),
            "--commit-interval-ms", Long.toString(ctx.commitIntervalMs())));
        if (system.equals(KAFKA_STREAMS) && !ctx.kafkaStreamsProps().isBlank()) {
            all.addAll(List.of("--kafka-streams-props", ctx.kafkaStreamsProps()));
        }
        all.addAll(args);
        String main = system.equals(KAFKA_STREAMS) ? "io.tributary.benchmarks.streams.KafkaStreamsApp"
            : "io.tributary.benchmarks.streams.TributaryStreamsApp";
        List<String> jvm = ctx.appJvmOptions().stream()
            .map(o -> o.startsWith("-XX:StartFlightRecording=") ? o + ",filename="
                + ctx.settings().logDir().resolve(appId + ".jfr") : o)
            .toList();
        System.err.printf("[%s] starting %s%n", system, appId);
        return StreamsApp.start(system, jvm, ctx.classpath(), main, all,
            ctx.settings().workDir(), signals, ctx.settings().logDir().resolve(appId + ".log"));
    }

    /**
     * One application on one throughput workload: the warm-up run until its output is final, then the timed run,
     * from the START event (just before the application is created) until the output is final.
     */
    private static Throughput runThroughput(Context ctx, String system, String workload, String input,
                                            String warmupInput, int records, Map<String, Long> expected,
                                            Map<String, Long> warmupExpected) throws Exception {
        String appId = system + "-" + workload;
        String output = appId + "-out";
        String warmupOutput = appId + "-warmup-out";
        TopicWriter.createTopic(ctx.bootstrap(), output, ctx.partitions());
        TopicWriter.createTopic(ctx.bootstrap(), warmupOutput, ctx.partitions());
        try (StreamsApp app = startApp(ctx, system, workload, appId, List.of("--input", input, "--output", output,
            "--warmup-input", warmupInput, "--warmup-output", warmupOutput))) {
            app.awaitEvent("WARMUP_START", EVENT_TIMEOUT);
            long warmStart = System.nanoTime();
            try (OutputWatcher warm = new OutputWatcher(ctx.bootstrap(), warmupOutput, ctx.partitions(),
                warmupExpected)) {
                warm.awaitFinal(ctx.timeout(), app);
            }
            System.err.printf(Locale.ROOT, "[%s] warm-up done in %,d ms%n", system,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - warmStart));
            try (OutputWatcher watcher = new OutputWatcher(ctx.bootstrap(), output, ctx.partitions(), expected)) {
                double cpuBefore = app.cpuSeconds();
                app.signal("warmup-done", "");
                long start = StreamsApp.field(app.awaitEvent("START", EVENT_TIMEOUT), "epochMillis");
                long end = watcher.awaitFinal(ctx.timeout(), app);
                double cpu = app.cpuSeconds() - cpuBefore;
                double rss = app.peakRssMib();
                watcher.settle(SETTLE);
                return new Throughput(records, end - start, watcher.records(), cpu, rss, watcher.differences());
            }
        }
    }

    /**
     * The restore workload for one application: its own input topic with {@code keys} distinct keys; the load (from
     * START until the group's committed offsets reach the end of the input) is timed too, then the application is
     * stopped (Kafka Streams also deletes its state directory), one marker record per partition is written, and the
     * restart is timed until an interactive query sees every marker.
     */
    private static @Nullable Restore runRestore(Context ctx, String system, int keys, List<String> notes)
            throws InterruptedException {
        String appId = system + "-restore";
        String input = appId + "-in";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", ctx.bootstrap()))) {
            long written = System.nanoTime();
            TopicWriter.createTopic(ctx.bootstrap(), input, ctx.partitions());
            StreamsData.writeTable(ctx.bootstrap(), input, ctx.partitions(), keys);
            System.err.printf(Locale.ROOT, "[%s] restore: %,d keys written in %,d ms%n", system, keys,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written));
            try (StreamsApp app = startApp(ctx, system, "restore", appId, List.of("--input", input))) {
                long start = StreamsApp.field(app.awaitEvent("START", EVENT_TIMEOUT), "epochMillis");
                long loaded = awaitCommitted(admin, appId, input, ctx.partitions(), keys, ctx.timeout(), app);
                app.signal("stop-load", "");
                app.awaitEvent("STOPPED", EVENT_TIMEOUT);
                long changelog = StreamsData.endOffsets(admin, appId + "-restore-store-changelog", ctx.partitions());
                List<String> markerKeys = StreamsData.oneKeyPerPartition(ctx.partitions(), keys);
                String marker = "marker-" + system;
                StreamsData.writeMarkers(ctx.bootstrap(), input, markerKeys, marker);
                app.signal("restart", marker + "\n" + String.join("\n", markerKeys));
                String restored = app.awaitEvent("RESTORED", ctx.timeout());
                double rss = app.peakRssMib();
                long entries = StreamsApp.field(app.awaitEvent("ENTRIES", ctx.timeout()), "n");
                Restore run = new Restore(keys, loaded - start, changelog, StreamsApp.field(restored, "millis"),
                    StreamsApp.field(restored, "runningMillis"), StreamsApp.field(restored, "listenerMillis"),
                    StreamsApp.field(restored, "restoredRecords"), entries, rss);
                System.err.printf(Locale.ROOT, "[%s] restore: load %,d ms, changelog %,d records, restart → restored "
                    + "%,d ms, %,d entries%n", system, run.loadMillis(), changelog, run.restoreMillis(), entries);
                if (entries != keys) {
                    notes.add(system + ", restore: the restored store has " + entries + " entries, expected " + keys
                        + ".");
                }
                return run;
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            System.err.printf("[%s] restore FAILED: %s%n", system, e);
            notes.add(system + ", restore: failed: " + e.getMessage());
            return null;
        }
    }

    /** Polls until the group's committed offsets on {@code topic} add up to {@code records}; the wall-clock time. */
    private static long awaitCommitted(Admin admin, String group, String topic, int partitions, long records,
                                       Duration timeout, StreamsApp app)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long committed = 0;
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            committed = 0;
            for (int p = 0; p < partitions; p++) {
                OffsetAndMetadata o = offsets.get(new TopicPartition(topic, p));
                committed += o == null ? 0 : o.offset();
            }
            if (committed >= records) {
                return System.currentTimeMillis();
            }
            app.checkHealthy();
            Thread.sleep(50);
        }
        throw new IllegalStateException(String.format("%s committed %,d of %,d records within %d s", group, committed,
            records, timeout.toSeconds()));
    }
}
