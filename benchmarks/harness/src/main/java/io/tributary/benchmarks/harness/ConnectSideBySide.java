package io.tributary.benchmarks.harness;

import java.io.BufferedWriter;
import java.io.IOException;
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
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.AppInfoParser;
import org.jspecify.annotations.Nullable;

/**
 * The Connect comparison: a file source connector reads a file of lines into a topic and a file sink connector
 * writes the topic into another file, once in Kafka Connect's standalone worker with its {@code FileStreamSource}
 * and {@code FileStreamSink} ({@code benchmarks/kafka-connect}) and once in Tributary's with its own, each in a child
 * JVM with the same JVM options, worker properties and connector configurations, against the same broker (a
 * Tributary broker, or Apache Kafka with {@code --broker kafka}) in one run. Reports lines per second from creating
 * the source connector until the topic holds every line (source) and until the output file does (pipeline), checks
 * that the output file equals the input, and gives the ratios.
 *
 * <pre>{@code
 * java -cp "benchmarks/harness/target/harness.jar:benchmarks/harness/target/lib/*" \
 *     io.tributary.benchmarks.harness.ConnectSideBySide [--lines 1000000] [--broker tributary|kafka]
 * }</pre>
 *
 * <p>Each worker first copies an untimed warm-up file of a tenth of the lines through its own connectors and topic.
 * Before the timed source starts, the sink already runs and its consumer group is stable, so only the copying is
 * timed. Both workers commit offsets every second; Tributary's sink writes its buffer at each commit.
 */
public final class ConnectSideBySide {
    private static final String KAFKA_CONNECT = "kafka-connect";
    private static final String TRIBUTARY = "tributary";
    private static final Duration POLL = Duration.ofMillis(20);

    /** Timed figures of one worker. */
    record Run(long lines, long sourceMillis, long pipelineMillis, boolean outputMatches, double peakRssMib) {
        double sourceRate() {
            return lines * 1000.0 / Math.max(1, sourceMillis);
        }

        double pipelineRate() {
            return lines * 1000.0 / Math.max(1, pipelineMillis);
        }
    }

    private ConnectSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int lines = 1_000_000;
        int lineBytes = 100;
        String brokerKind = TRIBUTARY;
        String only = null;
        Path output = null;
        Path rootArg = null;
        long timeoutSeconds = 600;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--line-bytes" -> lineBytes = Integer.parseInt(args[++i]);
                case "--broker" -> brokerKind = args[++i];
                case "--only" -> only = args[++i];
                case "--timeout" -> timeoutSeconds = Long.parseLong(args[++i]);
                case "--output" -> output = Path.of(args[++i]);
                case "--project-root" -> rootArg = Path.of(args[++i]);
                default -> usage();
            }
        }
        if (lines < 10 || lineBytes < 11 || !List.of(TRIBUTARY, "kafka").contains(brokerKind)
            || (only != null && !List.of(KAFKA_CONNECT, TRIBUTARY).contains(only))) {
            usage();
        }
        Path root = SideBySide.projectRoot(rootArg);
        Map<String, String> classpaths = new LinkedHashMap<>();
        Map<String, String> mains = Map.of(KAFKA_CONNECT, "org.apache.kafka.connect.cli.ConnectStandalone",
            TRIBUTARY, "io.tributary.connect.runtime.ConnectStandalone");
        if (only == null || only.equals(KAFKA_CONNECT)) {
            classpaths.put(KAFKA_CONNECT, libClasspath(root.resolve("benchmarks/kafka-connect/target"), null));
        }
        if (only == null || only.equals(TRIBUTARY)) {
            classpaths.put(TRIBUTARY, libClasspath(root.resolve("connect/target"), "tributary-connect-"));
        }
        Path workDir = Files.createTempDirectory("connect-side-by-side-");
        Path logDir = Files.createDirectories(workDir.resolve("logs"));
        Settings settings = new Settings(1.0, 1, workDir, logDir, SideBySide.kafkaClasspath(),
            brokerKind.equals(TRIBUTARY) ? SideBySide.tributaryClasspath(root) : "",
            SideBySide.jvmOptions(SideBySide.BROKER_JVM_OPTIONS,
                SideBySide.writeLogback(workDir.resolve("broker-logback.xml"), "INFO")),
            SideBySide.jvmOptions(SideBySide.TOOL_JVM_OPTIONS,
                SideBySide.writeLogback(workDir.resolve("tool-logback.xml"), "WARN")));
        System.err.printf("Connect side by side: %,d lines of %d B, output of the child JVMs in %s%n", lines,
            lineBytes, logDir);
        Path input = writeLines(workDir.resolve("input.txt"), lines, lineBytes);
        Path warmup = writeLines(workDir.resolve("warmup.txt"), lines / 10, lineBytes);

        Map<String, @Nullable Run> runs = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Path dataDir = Files.createDirectories(workDir.resolve("broker-data"));
        try (BrokerProcess broker = brokerKind.equals("kafka")
            ? BrokerProcess.startKafka(settings, dataDir, SideBySide.freePort(), SideBySide.freePort(), notes)
            : BrokerProcess.startTributary(settings, dataDir, SideBySide.freePort())) {
            for (Map.Entry<String, String> worker : classpaths.entrySet()) {
                runs.put(worker.getKey(), runWorker(settings, worker.getKey(), worker.getValue(),
                    mains.get(worker.getKey()), broker.bootstrapServers(), input, warmup,
                    Duration.ofSeconds(timeoutSeconds), notes));
            }
        } finally {
            SideBySide.deleteRecursively(dataDir);
        }
        String brokerName = brokerKind.equals("kafka") ? "Apache Kafka " + AppInfoParser.getVersion() : "Tributary";
        String report = ConnectReport.markdown(lines, lineBytes, brokerName, runs.get(KAFKA_CONNECT),
            runs.get(TRIBUTARY), notes);
        System.out.println(report);
        if (output != null) {
            Files.writeString(output, report, StandardCharsets.UTF_8);
        }
        Files.deleteIfExists(input);
        Files.deleteIfExists(warmup);
        System.err.println("Logs of the child JVMs: " + logDir);
        System.exit(0);
    }

    private static void usage() {
        System.err.println("Usage: ConnectSideBySide [--lines N (default 1000000)] [--line-bytes B (default 100)] "
            + "[--broker tributary|kafka] [--only kafka-connect|tributary] [--timeout SECONDS (per copy, default 600)] "
            + "[--output FILE] [--project-root DIR]");
        System.exit(2);
    }

    /** {@code <target>/<prefix>*.jar} (if a prefix is given) and {@code <target>/lib/*}. */
    static String libClasspath(Path target, @Nullable String jarPrefix) throws IOException {
        if (!Files.isDirectory(target.resolve("lib"))) {
            throw new IllegalStateException(target.getParent() + " is not built; run ./mvnw -B -q install "
                + "-DskipTests first");
        }
        if (jarPrefix == null) {
            return target.resolve("lib") + "/*";
        }
        try (Stream<Path> files = Files.list(target)) {
            Path jar = files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(jarPrefix) && name.endsWith(".jar") && !name.contains("-sources")
                    && !name.contains("-javadoc") && !name.contains("-tests");
            }).findFirst().orElseThrow(() -> new IllegalStateException("No " + jarPrefix + "*.jar in " + target));
            return jar + ":" + target.resolve("lib") + "/*";
        }
    }

    /** Writes {@code count} lines of {@code bytes} bytes each (the newline included): a number, then filler. */
    static Path writeLines(Path file, int count, int bytes) throws IOException {
        String filler = "abcdefghijklmnopqrstuvwxyz".repeat(bytes / 26 + 1).substring(0, bytes - 11);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                out.write(String.format(Locale.ROOT, "%09d ", i));
                out.write(filler);
                out.write('\n');
            }
        }
        return file;
    }

    /** Starts one worker, copies the warm-up file, then the timed one, and stops the worker; null if it failed. */
    private static @Nullable Run runWorker(Settings settings, String label, String classpath, String mainClass,
                                           String bootstrap, Path input, Path warmup, Duration timeout,
                                           List<String> notes) throws InterruptedException {
        System.err.printf("[%s] starting the worker%n", label);
        try (ConnectWorker worker = ConnectWorker.start(label, settings, classpath, mainClass, bootstrap)) {
            Run warm = copy(worker, label + "-warmup", input.resolveSibling(label + "-warmup-out.txt"), warmup,
                bootstrap, timeout);
            System.err.printf(Locale.ROOT, "[%s] warm-up: %,d lines in %d ms%n", label, warm.lines(),
                warm.pipelineMillis());
            Run run = copy(worker, label, input.resolveSibling(label + "-out.txt"), input, bootstrap, timeout);
            System.err.printf(Locale.ROOT, "[%s] source %,.0f lines/s, pipeline %,.0f lines/s, output %s%n", label,
                run.sourceRate(), run.pipelineRate(), run.outputMatches() ? "equals the input" : "DIFFERS");
            if (!run.outputMatches()) {
                notes.add(label + ": the output file differs from the input (see " + worker.logFile() + ").");
            }
            return run;
        } catch (IOException | RuntimeException e) {
            System.err.printf("[%s] FAILED: %s%n", label, e);
            notes.add(label + ": failed: " + e.getMessage());
            return null;
        }
    }

    /**
     * Copies {@code input} to {@code output} through a fresh topic named {@code name}: creates the sink, waits until
     * its group is stable, creates the source (time 0), waits until the topic has every line and until the output
     * file is as long as the input, then deletes both connectors.
     */
    private static Run copy(ConnectWorker worker, String name, Path output, Path input, String bootstrap,
                            Duration timeout) throws IOException, InterruptedException {
        long lines;
        try (Stream<String> s = Files.lines(input, StandardCharsets.UTF_8)) {
            lines = s.count();
        }
        long bytes = Files.size(input);
        String topic = name + "-lines";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicWriter.createTopic(bootstrap, topic, 1);
            worker.createConnector(name + "-sink", Map.of("connector.class", "FileStreamSink", "tasks.max", "1",
                "file", output.toString(), "topics", topic));
            awaitStableGroup(admin, "connect-" + name + "-sink", timeout);
            long start = System.nanoTime();
            worker.createConnector(name + "-source", Map.of("connector.class", "FileStreamSource", "tasks.max", "1",
                "file", input.toString(), "topic", topic));
            long deadline = start + timeout.toNanos();
            long sourceDone = -1;
            while (!Files.exists(output) || Files.size(output) < bytes) {
                if (sourceDone < 0 && endOffset(admin, topic) >= lines) {
                    sourceDone = System.nanoTime();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": " + (Files.exists(output) ? Files.size(output) : 0)
                        + " of " + bytes + " bytes copied after " + timeout.toSeconds() + " s");
                }
                Thread.sleep(POLL.toMillis());
            }
            long end = System.nanoTime();
            if (sourceDone < 0) {
                sourceDone = end;   // the sink cannot have every line before the topic has
            }
            double rss = worker.peakRssMib();
            worker.deleteConnector(name + "-source");
            worker.deleteConnector(name + "-sink");
            boolean matches = Files.mismatch(input, output) == -1L;
            Files.deleteIfExists(output);
            return new Run(lines, TimeUnit.NANOSECONDS.toMillis(sourceDone - start),
                TimeUnit.NANOSECONDS.toMillis(end - start), matches, rss);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the sink's consumer group is stable with its partition assigned. */
    private static void awaitStableGroup(Admin admin, String group, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                    .get(30, TimeUnit.SECONDS).get(group);
                if (d.groupState() == GroupState.STABLE
                    && d.members().stream().anyMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // Not there yet.
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("The group " + group + " did not become stable within "
            + timeout.toSeconds() + " s");
    }

    private static long endOffset(Admin admin, String topic) throws InterruptedException {
        TopicPartition tp = new TopicPartition(topic, 0);
        try {
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS).get(tp)
                .offset();
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }
}
