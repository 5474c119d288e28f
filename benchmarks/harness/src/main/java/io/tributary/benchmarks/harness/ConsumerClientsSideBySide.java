package io.tributary.benchmarks.harness;

import io.tributary.benchmarks.harness.ConsumerReport.Pause;
import io.tributary.benchmarks.harness.ConsumerReport.Read;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The consumer client comparison: kafka-clients' {@code KafkaConsumer} (poll loop), Tributary's SDK ({@code receive()})
 * and reactor-kafka's {@code KafkaReceiver.receive()}, each with its default settings, acknowledging every record, in
 * its own child JVM, read the same records from the same broker — first an Apache Kafka broker, then a Tributary broker
 * — and the table shows records per second from the first record received to the last, and the ratios. Workloads:
 * 2,000,000 × 100 B and 500,000 × 1 KiB, in a one-partition and a four-partition topic, each written once (with
 * kafka-clients, {@link TopicWriter}) together with a warm-up topic of a fifth of the records that every client reads
 * first, untimed, in a group of its own. Clients take turns within each workload; each reads the topic
 * {@code --rounds} times (default 5), every time with a new consumer in a fresh group from the earliest offset, and
 * the round with the median time counts.
 *
 * <p>Then the rebalance pause, for kafka-clients and the Tributary SDK only: three members of one group read a
 * six-partition topic that a steady writer keeps filling (5,000 records/s); one member leaves; the figure is the
 * longest stretch in which a remaining member received no record, and the longest in which neither did (see
 * {@code RebalanceRun} in {@code benchmarks/clients}).
 *
 * <pre>{@code
 * java -cp "benchmarks/harness/target/harness.jar:benchmarks/harness/target/lib/*" \
 *     io.tributary.benchmarks.harness.ConsumerClientsSideBySide [--scale 0.1] [--only kafka|tributary] \
 *     [--partitions 1,4] [--rounds 5] [--no-rebalance] [--jfr] [--jfr-settings JFC] [--output FILE]
 *     [--project-root DIR]
 * }</pre>
 *
 * <p>{@code --jfr} records every consumer child JVM with JFR ({@code settings=profile}, or the settings file given
 * with {@code --jfr-settings}) into the log directory.
 */
public final class ConsumerClientsSideBySide {
    private static final Pattern RESULT = Pattern.compile(
        "RESULT records=(\\d+) millis=(\\d+) first=(\\d+) cpuMillis=(-?\\d+)");
    private static final Pattern PAUSE = Pattern.compile(
        "RESULT pauseMillis=(\\d+) pauseStartMillis=(\\d+) groupPauseMillis=(\\d+) baselineMillis=(\\d+) "
            + "open=(true|false)");
    private static final List<String> CLIENTS = List.of("kafka-clients", "tributary", "reactor-kafka");
    private static final List<String> GROUP_CLIENTS = List.of("kafka-clients", "tributary");
    private static final int REBALANCE_PARTITIONS = 6;

    private record Workload(String name, int records, int size, int partitions) {
        String topic() {
            return "consume-" + size + "b-" + partitions + "p";
        }

        String warmUpTopic() {
            return topic() + "-warmup";
        }

        int warmUpRecords() {
            return Math.max(1, records / 5);
        }
    }

    private record Options(@Nullable String jfr, boolean rebalance, int rounds) {
    }

    /**
     * What one broker's run gave.
     *
     * @param reads workload name → client → its read, null if it failed
     * @param pauses client → its rebalance run, null if it failed
     */
    private record BrokerResults(Map<String, Map<String, @Nullable Read>> reads, Map<String, @Nullable Pause> pauses) {
    }

    private ConsumerClientsSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        double scale = 1.0;
        String only = null;
        Path output = null;
        Path rootArg = null;
        List<Integer> partitions = List.of(1, 4);
        String jfr = null;
        boolean rebalance = true;
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--only" -> only = args[++i];
                case "--output" -> output = Path.of(args[++i]);
                case "--project-root" -> rootArg = Path.of(args[++i]);
                case "--partitions" -> partitions = List.of(args[++i].split(",")).stream().map(Integer::parseInt)
                    .toList();
                case "--jfr" -> jfr = "profile";
                case "--jfr-settings" -> jfr = args[++i];
                case "--no-rebalance" -> rebalance = false;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("Usage: ConsumerClientsSideBySide [--scale S] [--only kafka|tributary] "
                        + "[--partitions 1,4] [--rounds 5] [--no-rebalance] [--jfr] [--jfr-settings JFC] "
                        + "[--output FILE] [--project-root DIR]");
                    System.exit(2);
                }
            }
        }
        Path root = SideBySide.projectRoot(rootArg);
        Path workDir = Files.createTempDirectory("consumer-clients-");
        Path logDir = Files.createDirectories(workDir.resolve("logs"));
        Settings settings = new Settings(scale, 1, workDir, logDir, SideBySide.kafkaClasspath(),
            only == null || only.equals("tributary") ? SideBySide.tributaryClasspath(root) : "",
            SideBySide.jvmOptions(SideBySide.BROKER_JVM_OPTIONS,
                SideBySide.writeLogback(workDir.resolve("broker-logback.xml"), "INFO")),
            SideBySide.jvmOptions(SideBySide.TOOL_JVM_OPTIONS,
                SideBySide.writeLogback(workDir.resolve("tool-logback.xml"), "WARN")));
        Map<String, String> classpaths = Map.of(
            "kafka-clients", clientClasspath(root, "benchmarks/clients"),
            "tributary", clientClasspath(root, "benchmarks/clients"),
            "reactor-kafka", clientClasspath(root, "benchmarks/reactor-kafka"));
        List<Workload> workloads = new ArrayList<>();
        for (int p : partitions) {
            String suffix = p == 1 ? ", 1 partition" : ", " + p + " partitions";
            workloads.add(new Workload("2M × 100 B" + suffix, scaled(2_000_000, scale), 100, p));
            workloads.add(new Workload("500k × 1 KiB" + suffix, scaled(500_000, scale), 1024, p));
        }
        Options options = new Options(jfr, rebalance, rounds);
        System.err.println("Consumer clients side by side: output of the child JVMs in " + logDir);
        Map<String, BrokerResults> results = new LinkedHashMap<>();
        for (String broker : List.of("kafka", "tributary")) {
            if (only == null || only.equals(broker)) {
                results.put(broker, runBroker(settings, broker, workloads, classpaths, options));
            }
        }
        Map<String, Map<String, Map<String, @Nullable Read>>> reads = new LinkedHashMap<>();
        Map<String, Map<String, @Nullable Pause>> pauses = new LinkedHashMap<>();
        results.forEach((broker, r) -> {
            reads.put(broker, r.reads());
            pauses.put(broker, r.pauses());
        });
        String report = ConsumerReport.markdown(scale, rounds, workloads.stream().map(Workload::name).toList(),
            CLIENTS, reads, rebalance ? pauses : Map.of());
        System.out.println(report);
        if (output != null) {
            Files.writeString(output, report, StandardCharsets.UTF_8);
        }
        System.err.println("Logs of the child JVMs: " + logDir);
        System.exit(0);
    }

    private static int scaled(int records, double scale) {
        return (int) Math.max(1, Math.round(records * scale));
    }

    static String clientClasspath(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        if (!Files.isDirectory(target.resolve("classes")) || !Files.isDirectory(target.resolve("lib"))) {
            throw new IllegalStateException(module + " is not built; run ./mvnw -B -q install -DskipTests first");
        }
        return target.resolve("classes") + ":" + target.resolve("lib") + "/*";
    }

    private static BrokerResults runBroker(Settings settings, String label, List<Workload> workloads,
                                           Map<String, String> classpaths, Options options) throws Exception {
        Map<String, Map<String, @Nullable Read>> reads = new LinkedHashMap<>();
        Map<String, @Nullable Pause> pauses = new LinkedHashMap<>();
        Path dataDir = Files.createDirectories(settings.workDir().resolve(label + "-data"));
        List<String> notes = new ArrayList<>();
        try (BrokerProcess broker = label.equals("kafka")
            ? BrokerProcess.startKafka(settings, dataDir, SideBySide.freePort(), SideBySide.freePort(), notes)
            : BrokerProcess.startTributary(settings, dataDir, SideBySide.freePort())) {
            for (Workload w : workloads) {
                Map<String, @Nullable Read> perClient = new LinkedHashMap<>();
                reads.put(w.name(), perClient);
                if (!writeTopics(broker, label, w)) {
                    CLIENTS.forEach(client -> perClient.put(client, null));
                    continue;
                }
                for (String client : CLIENTS) {
                    Read read = runRead(settings, label, client, classpaths.get(client), broker, w, options);
                    System.err.printf(Locale.ROOT, "[%s] %s, %s: %s%n", label, w.name(), client, read == null
                        ? "failed" : String.format(Locale.ROOT, "%,.0f records/s, first record after %d ms",
                            read.rate(), read.firstMillis()));
                    perClient.put(client, read);
                }
            }
            if (options.rebalance()) {
                for (String client : GROUP_CLIENTS) {
                    Pause pause = runPause(settings, label, client, classpaths.get(client), broker);
                    System.err.printf(Locale.ROOT, "[%s] rebalance pause, %s: %s%n", label, client, pause == null
                        ? "failed" : pause);
                    pauses.put(client, pause);
                }
            }
        } finally {
            SideBySide.deleteRecursively(dataDir);
        }
        return new BrokerResults(reads, pauses);
    }

    /** Creates and fills the workload's topic and its warm-up topic; false (and a message) if that failed. */
    private static boolean writeTopics(BrokerProcess broker, String label, Workload w) throws InterruptedException {
        try {
            for (String topic : List.of(w.warmUpTopic(), w.topic())) {
                int records = topic.equals(w.topic()) ? w.records() : w.warmUpRecords();
                TopicWriter.createTopic(broker.bootstrapServers(), topic, w.partitions());
                long millis = TopicWriter.write(broker.bootstrapServers(), topic, w.partitions(), records, w.size());
                System.err.printf(Locale.ROOT, "[%s] wrote %,d × %d B to %s in %,d ms%n", label, records, w.size(),
                    topic, millis);
            }
            return true;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            System.err.printf("[%s] writing %s failed: %s%n", label, w.topic(), e);
            return false;
        }
    }

    private static List<String> jvmOptions(Settings settings, Options options, Path log) {
        List<String> jvm = new ArrayList<>(settings.toolJvmOptions());
        if (options.jfr() != null) {
            String file = log.getFileName().toString().replaceFirst("\\.log$", ".jfr");
            jvm.add("-XX:StartFlightRecording=settings=" + options.jfr() + ",dumponexit=true,filename="
                + log.resolveSibling(file));
        }
        return jvm;
    }

    private static @Nullable Read runRead(Settings settings, String broker, String client, String classpath,
                                          BrokerProcess process, Workload w, Options options)
            throws InterruptedException {
        String main = switch (client) {
            case "kafka-clients" -> "io.tributary.benchmarks.clients.KafkaClientsConsumerLoad";
            case "tributary" -> "io.tributary.benchmarks.clients.TributaryConsumerLoad";
            default -> "io.tributary.benchmarks.reactorkafka.ReactorKafkaConsumerLoad";
        };
        Path log = settings.logDir().resolve(broker + "-" + w.topic() + "-" + client + ".log");
        ChildJvm jvm = ChildJvm.start(client, jvmOptions(settings, options, log), classpath, main,
            List.of("--bootstrap", process.bootstrapServers(), "--topic", w.topic(), "--records",
                Integer.toString(w.records()), "--size", Integer.toString(w.size()), "--warmup-topic",
                w.warmUpTopic(), "--warmup-records", Integer.toString(w.warmUpRecords()), "--rounds",
                Integer.toString(options.rounds())),
            settings.workDir(), log);
        Matcher m = finished(jvm, settings, broker, client, RESULT);
        if (m == null) {
            return null;
        }
        long records = Long.parseLong(m.group(1));
        return new Read(records * 1000.0 / Math.max(1, Long.parseLong(m.group(2))), Long.parseLong(m.group(3)),
            Long.parseLong(m.group(4)) * 1000.0 / Math.max(1, records));
    }

    private static @Nullable Pause runPause(Settings settings, String broker, String client, String classpath,
                                            BrokerProcess process) throws InterruptedException {
        String topic = "rebalance-" + client;
        try {
            TopicWriter.createTopic(process.bootstrapServers(), topic, REBALANCE_PARTITIONS);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            System.err.printf("[%s] creating %s failed: %s%n", broker, topic, e);
            return null;
        }
        String main = client.equals("tributary") ? "io.tributary.benchmarks.clients.TributaryRebalancePause"
            : "io.tributary.benchmarks.clients.KafkaClientsRebalancePause";
        Path log = settings.logDir().resolve(broker + "-" + topic + ".log");
        ChildJvm jvm = ChildJvm.start(client, settings.toolJvmOptions(), classpath, main,
            List.of("--bootstrap", process.bootstrapServers(), "--topic", topic, "--partitions",
                Integer.toString(REBALANCE_PARTITIONS), "--members", "3"),
            settings.workDir(), log);
        Matcher m = finished(jvm, settings, broker, client, PAUSE);
        if (m == null) {
            return null;
        }
        return new Pause(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
            Long.parseLong(m.group(4)), Boolean.parseBoolean(m.group(5)));
    }

    /** Waits for the child; its result line, or null (and a message) if it failed or printed none. */
    private static @Nullable Matcher finished(ChildJvm jvm, Settings settings, String broker, String client,
                                              Pattern result) throws InterruptedException {
        OptionalInt exit = jvm.waitFor(settings.toolTimeout());
        Matcher m = result.matcher(jvm.output());
        if (exit.isEmpty() || exit.getAsInt() != 0 || !m.find()) {
            System.err.printf("[%s] %s failed (%s); see %s%n", broker, client,
                exit.isEmpty() ? "timed out" : "exit " + exit.getAsInt(), jvm.outputFile());
            return null;
        }
        return m;
    }
}
