package io.tributary.benchmarks.harness;

import io.tributary.broker.internal.Directories;
import io.tributary.broker.EmbeddedBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.jspecify.annotations.Nullable;

/**
 * Runs Apache Kafka's own perf tools against an Apache Kafka broker and then against a Tributary broker, each in a
 * child JVM with the same JVM options, and prints one markdown table of the figures side by side.
 *
 * <pre>{@code
 * ./mvnw -B -q install -DskipTests
 * java -cp "benchmarks/harness/target/harness.jar:benchmarks/harness/target/lib/*" \
 *     io.tributary.benchmarks.harness.SideBySide [--scale 0.1] [--project-root DIR] [--only kafka|tributary]
 *     [--partitions N] [--output FILE]
 * }</pre>
 *
 * <p>For each broker, in turn: start it (Kafka: KRaft combined broker and controller, storage formatted first;
 * Tributary: {@code io.tributary.broker.BrokerMain} from {@code broker/target}), each with a fresh temporary data
 * directory on a free localhost port; create the topics; run (a) {@code ProducerPerformance} 2,000,000 × 100 B
 * acks=1, (b) {@code ProducerPerformance} 500,000 × 1 KiB acks=all, (c) {@code ConsumerPerformance} reading the
 * records of (a), (d) {@code EndToEndLatency} 10,000 × 100 B acks=1 (counts times {@code --scale}); stop it. For
 * Tributary the time of {@code EmbeddedBroker.create().start()} in this JVM is measured too, before any child runs.
 * A failing workload is recorded in the table and the run goes on. Everything listens on and talks to localhost
 * only; every wait is bounded; children are destroyed on exit. The children's output is kept in a temporary
 * directory whose path is printed.
 */
public final class SideBySide {
    /** The JVM options of both brokers: a fixed 1 GiB heap and the GC settings Kafka's start script uses. */
    static final List<String> BROKER_JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
        "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent");
    /** The JVM options of every perf tool run. */
    static final List<String> TOOL_JVM_OPTIONS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");

    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        double scale = 1.0;
        int partitions = 1;
        Path projectRoot = null;
        Path output = null;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(value(args, ++i));
                case "--partitions" -> partitions = Integer.parseInt(value(args, ++i));
                case "--project-root" -> projectRoot = Path.of(value(args, ++i));
                case "--output" -> output = Path.of(value(args, ++i));
                case "--only" -> only = value(args, ++i);
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    if (args[i].startsWith("-") || projectRoot != null) {
                        System.err.println("Unknown argument: " + args[i]);
                        usage();
                        System.exit(2);
                    }
                    projectRoot = Path.of(args[i]);
                }
            }
        }
        if (!(scale > 0) || partitions < 1 || (only != null && !only.equals("kafka") && !only.equals("tributary"))) {
            System.err.println("--scale must be > 0, --partitions >= 1, --only kafka or tributary");
            System.exit(2);
        }
        boolean runKafka = only == null || only.equals("kafka");
        boolean runTributary = only == null || only.equals("tributary");
        Path root = projectRoot(projectRoot);

        Path workDir = Files.createTempDirectory("side-by-side-");
        Path logDir = Files.createDirectories(workDir.resolve("logs"));
        Path brokerLogback = writeLogback(workDir.resolve("broker-logback.xml"), "INFO");
        Path toolLogback = writeLogback(workDir.resolve("tool-logback.xml"), "WARN");
        Settings settings = new Settings(scale, partitions, workDir, logDir, kafkaClasspath(),
            runTributary ? tributaryClasspath(root) : "", jvmOptions(BROKER_JVM_OPTIONS, brokerLogback),
            jvmOptions(TOOL_JVM_OPTIONS, toolLogback));
        System.err.printf("Side-by-side: scale %s, output of the child JVMs in %s%n", scale, logDir);

        Results kafka = new Results("Kafka");
        Results tributary = new Results("Tributary");
        if (runTributary) {
            measureEmbeddedStart(tributary);
        }
        if (runKafka) {
            runBroker(settings, kafka, "kafka");
        }
        if (runTributary) {
            runBroker(settings, tributary, "tributary");
        }

        String report = Report.markdown(intro(settings), kafka, tributary);
        System.out.println(report);
        if (output != null) {
            Files.writeString(output, report, StandardCharsets.UTF_8);
        }
        System.err.println("Logs of the child JVMs: " + logDir);
        System.exit(0);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            System.err.println(args[i - 1] + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: SideBySide [--scale FACTOR] [--project-root DIR] [--only kafka|tributary] "
            + "[--partitions N] [--output FILE]\n"
            + "  --scale         multiplies the record counts (default 1.0: 2,000,000 / 500,000 / 10,000)\n"
            + "  --project-root  the Tributary checkout holding broker/target (default: the working directory)");
    }

    /** Times {@code EmbeddedBroker.create().start()} twice in this JVM: cold (first) and warm (second). */
    private static void measureEmbeddedStart(Results results) {
        for (Metric metric : List.of(Metric.EMBEDDED_FIRST, Metric.EMBEDDED_SECOND)) {
            try {
                long start = System.nanoTime();
                EmbeddedBroker broker = EmbeddedBroker.create().start();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                broker.close();
                results.put(metric, millis);
                System.err.printf("[tributary] embedded start: %d ms%n", millis);
            } catch (RuntimeException e) {
                results.fail("failed (see notes)", "Tributary embedded start failed: " + e, metric);
            }
        }
    }

    /** Starts one broker, runs the four workloads against it and stops it; failures end up in the results. */
    private static void runBroker(Settings settings, Results results, String label) throws InterruptedException {
        Path dataDir = settings.workDir().resolve(label + "-data");
        List<String> notes = new ArrayList<>();
        BrokerProcess broker = null;
        try {
            Files.createDirectories(dataDir);
            System.err.printf("[%s] starting the broker%n", label);
            broker = label.equals("kafka")
                ? BrokerProcess.startKafka(settings, dataDir, freePort(), freePort(), notes)
                : BrokerProcess.startTributary(settings, dataDir, freePort());
            results.put(Metric.START_PORT, broker.portOpenMillis());
            results.put(Metric.START_READY, broker.readyMillis());
            System.err.printf("[%s] port open after %d ms, ApiVersions answered after %d ms%n", label,
                broker.portOpenMillis(), broker.readyMillis());
            Workloads workloads = new Workloads(settings, broker, results, label);
            workloads.createTopics();
            workloads.produceSmall();
            workloads.produceLarge();
            workloads.verifyEndOffsets();
            workloads.consume();
            workloads.endToEnd();
            CoordinatorWorkloads coordinators = new CoordinatorWorkloads(settings, broker, results, label);
            coordinators.groupJoin();
            coordinators.transactionalProduce();
            results.put(Metric.PEAK_RSS, broker.peakRssMib());
            if (!broker.isAlive()) {
                results.note(label + ": the broker was no longer running at the end (exit " + broker.exitCode()
                    + "); see " + broker.logFile());
            }
        } catch (IOException | RuntimeException e) {
            results.fail("failed (see notes)", label + ": " + e.getMessage(), Metric.START_PORT,
                Metric.START_READY, Metric.PEAK_RSS);
            System.err.printf("[%s] FAILED: %s%n", label, e.getMessage());
        } finally {
            if (broker != null) {
                broker.close();
            }
            notes.forEach(results::note);
            deleteRecursively(dataDir);
        }
    }

    private static String intro(Settings settings) {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        return String.format(Locale.ROOT, "Side-by-side run of %s, scale %s: (a) %,d × 100 B acks=1, (b) %,d × 1 KiB "
            + "acks=all, (c) consumer of (a), (d) %,d round trips of 100 B acks=1; %d partition(s) per topic. "
            + "Kafka %s (KRaft, combined broker+controller) and Tributary each in a child JVM with `%s`; tools with "
            + "`%s`. %d CPUs, Java %s.",
            date, settings.scale(), settings.smallRecords(), settings.largeRecords(), settings.latencyRecords(),
            settings.partitions(), AppInfoParser.getVersion(), String.join(" ", BROKER_JVM_OPTIONS),
            String.join(" ", TOOL_JVM_OPTIONS), Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"));
    }

    static List<String> jvmOptions(List<String> base, Path logback) {
        List<String> options = new ArrayList<>(base);
        options.add("-Djava.awt.headless=true");
        options.add("-Duser.language=en");
        options.add("-Duser.country=US");
        options.add("-Dlogback.configurationFile=" + logback);
        return options;
    }

    static Path writeLogback(Path file, String level) throws IOException {
        String xml = "<configuration>\n"
            + "    <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
            + "        <encoder>\n"
            + "            <pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern>\n"
            + "        </encoder>\n"
            + "    </appender>\n"
            + "    <logger name=\"kafka.request.logger\" level=\"WARN\"/>\n"
            + "    <root level=\"" + level + "\">\n"
            + "        <appender-ref ref=\"OUT\"/>\n"
            + "    </root>\n"
            + "</configuration>\n";
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return file;
    }

    /** {@code lib/*} beside the harness jar; when not run from the jar, this JVM's own classpath. */
    static String kafkaClasspath() {
        Path location = codeLocation();
        if (location != null && Files.isRegularFile(location)) {
            Path lib = location.resolveSibling("lib");
            if (Files.isDirectory(lib)) {
                return lib + "/*";
            }
        }
        return System.getProperty("java.class.path");
    }

    static String tributaryClasspath(Path root) throws IOException {
        Path target = root.resolve("broker/target");
        Path lib = target.resolve("lib");
        Path jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("tributary-broker-") && name.endsWith(".jar") && !name.contains("-sources")
                    && !name.contains("-javadoc") && !name.contains("-tests");
            }).findFirst().orElse(null);
        }
        if (jar == null || !Files.isDirectory(lib)) {
            throw new IllegalStateException("Tributary broker not built in " + target
                + "; run ./mvnw -B -q install -DskipTests first");
        }
        return jar + ":" + lib + "/*";
    }

    /** The checkout: as given, else the working directory, else four levels above the harness jar. */
    static Path projectRoot(@Nullable Path given) {
        if (given != null) {
            return given.toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(cwd.resolve("broker/pom.xml"))) {
            return cwd;
        }
        Path location = codeLocation();
        if (location != null) {
            Path candidate = location.toAbsolutePath();
            for (int i = 0; i < 4 && candidate.getParent() != null; i++) {
                candidate = candidate.getParent();
            }
            if (Files.isRegularFile(candidate.resolve("broker/pom.xml"))) {
                return candidate;
            }
        }
        return cwd;
    }

    private static @Nullable Path codeLocation() {
        try {
            return Path.of(SideBySide.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
