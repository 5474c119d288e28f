package io.tributary.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.jspecify.annotations.Nullable;

/**
 * The producer client comparison: Tributary's SDK, kafka-clients' {@code KafkaProducer} and reactor-kafka's
 * {@code KafkaSender}, each with its default settings and in its own child JVM, send the same workloads to the same
 * broker — first an Apache Kafka broker, then a Tributary broker — and the table shows records per second and the
 * ratios. Workloads: 2,000,000 × 100 B and 500,000 × 1 KiB, each with acks=1 (idempotence off) and with acks=all
 * and idempotence, a fresh one-partition topic per run. Clients take turns within each workload.
 *
 * <pre>{@code
 * java -cp "benchmarks/harness/target/harness.jar:benchmarks/harness/target/lib/*" \
 *     io.tributary.benchmarks.harness.ProducerClientsSideBySide [--scale 0.1] [--only kafka|tributary]
 *     [--sizes 100,1024] [--rounds 3] [--batch-size 65536] [--jfr]
 * }</pre>
 *
 * <p>{@code --rounds N} runs every client N times, taking turns, and reports each client's median rate;
 * {@code --jfr} records every client JVM with JFR ({@code settings=profile}, or the settings file given with
 * {@code --jfr-settings}) into the log directory; {@code --batch-size B} gives every client {@code batch.size=B}
 * (to tell whether the broker's turnaround per request, rather than the client, sets the pace).
 */
public final class ProducerClientsSideBySide {
    private static final Pattern RESULT = Pattern.compile("RESULT records=(\\d+) millis=(\\d+) cpuMillis=(-?\\d+)");
    private static final List<String> CLIENTS = List.of("kafka-clients", "tributary", "reactor-kafka");

    private record Workload(String name, int records, int size, String acks, boolean idempotence) {
    }

    /** {@code batchSize} 0 leaves every client its default. */
    private record Options(int rounds, @Nullable String jfr, int batchSize) {
    }

    /** One client's run: records/s, and the CPU its JVM used per record while sending (µs; negative if unknown). */
    private record Sample(double rate, double cpuMicrosPerRecord) {
    }

    private ProducerClientsSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        double scale = 1.0;
        String only = null;
        Path output = null;
        Path rootArg = null;
        List<Integer> sizes = List.of(100, 1024);
        int rounds = 1;
        String jfr = null;
        int batchSize = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--only" -> only = args[++i];
                case "--output" -> output = Path.of(args[++i]);
                case "--project-root" -> rootArg = Path.of(args[++i]);
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--jfr" -> jfr = "profile";
                case "--jfr-settings" -> jfr = args[++i];
                case "--batch-size" -> batchSize = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("Usage: ProducerClientsSideBySide [--scale S] [--only kafka|tributary] "
                        + "[--sizes 100,1024] [--rounds N] [--batch-size BYTES] [--jfr] [--jfr-settings JFC] "
                        + "[--output FILE] "
                        + "[--project-root DIR]");
                    System.exit(2);
                }
            }
        }
        Path root = SideBySide.projectRoot(rootArg);
        Path workDir = Files.createTempDirectory("producer-clients-");
        Path logDir = Files.createDirectories(workDir.resolve("logs"));
        Settings settings = new Settings(scale, 1, workDir, logDir, SideBySide.kafkaClasspath(),
            only == null || only.equals("tributary") ? SideBySide.tributaryClasspath(root) : "",
            SideBySide.jvmOptions(SideBySide.BROKER_JVM_OPTIONS,
                SideBySide.writeLogback(workDir.resolve("broker-logback.xml"), "INFO")),
            SideBySide.jvmOptions(SideBySide.TOOL_JVM_OPTIONS,
                SideBySide.writeLogback(workDir.resolve("tool-logback.xml"), "WARN")));
        List<Integer> sizesToRun = sizes;
        Map<String, String> classpaths = Map.of(
            "kafka-clients", clientClasspath(root, "benchmarks/clients"),
            "tributary", clientClasspath(root, "benchmarks/clients"),
            "reactor-kafka", clientClasspath(root, "benchmarks/reactor-kafka"));
        List<Workload> workloads = List.of(
            new Workload("2M × 100 B, acks=1", scaled(2_000_000, scale), 100, "1", false),
            new Workload("2M × 100 B, acks=all, idempotent", scaled(2_000_000, scale), 100, "all", true),
            new Workload("500k × 1 KiB, acks=1", scaled(500_000, scale), 1024, "1", false),
            new Workload("500k × 1 KiB, acks=all, idempotent", scaled(500_000, scale), 1024, "all", true))
            .stream().filter(w -> sizesToRun.contains(w.size())).toList();
        Options options = new Options(rounds, jfr, batchSize);
        Map<String, Map<Workload, Map<String, Sample>>> results = new LinkedHashMap<>();
        for (String broker : List.of("kafka", "tributary")) {
            if (only == null || only.equals(broker)) {
                results.put(broker, runBroker(settings, broker, workloads, classpaths, options));
            }
        }
        String report = report(scale, options, workloads, results);
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

    private static String clientClasspath(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        if (!Files.isDirectory(target.resolve("classes")) || !Files.isDirectory(target.resolve("lib"))) {
            throw new IllegalStateException(module + " is not built; run ./mvnw -B -q install -DskipTests first");
        }
        return target.resolve("classes") + ":" + target.resolve("lib") + "/*";
    }

    private static Map<Workload, Map<String, Sample>> runBroker(Settings settings, String label,
                                                                 List<Workload> workloads,
                                                                 Map<String, String> classpaths,
                                                                 Options options) throws Exception {
        Map<Workload, Map<String, Sample>> rates = new LinkedHashMap<>();
        Path dataDir = Files.createDirectories(settings.workDir().resolve(label + "-data"));
        List<String> notes = new ArrayList<>();
        try (BrokerProcess broker = label.equals("kafka")
            ? BrokerProcess.startKafka(settings, dataDir, SideBySide.freePort(), SideBySide.freePort(), notes)
            : BrokerProcess.startTributary(settings, dataDir, SideBySide.freePort())) {
            int run = 0;
            for (Workload w : workloads) {
                Map<String, List<Sample>> perClient = new LinkedHashMap<>();
                for (int round = 0; round < options.rounds(); round++) {
                    for (String client : CLIENTS) {
                        String topic = "load-" + (run++) + "-" + client;
                        createTopic(broker.bootstrapServers(), topic);
                        Sample sample = runClient(settings, label, client, classpaths.get(client), broker, topic, w,
                            options);
                        System.err.printf(Locale.ROOT, "[%s] %s, %s: %s%n", label, w.name(), client,
                            sample == null ? "failed" : String.format(Locale.ROOT, "%,.0f records/s, %.2f µs CPU per "
                                + "record", sample.rate(), sample.cpuMicrosPerRecord()));
                        List<Sample> rounds = perClient.computeIfAbsent(client, c -> new ArrayList<>());
                        if (sample != null) {
                            rounds.add(sample);
                        }
                    }
                }
                Map<String, Sample> medians = new LinkedHashMap<>();
                perClient.forEach((client, r) -> {
                    Double rate = median(r.stream().map(Sample::rate).toList());
                    Double cpu = median(r.stream().map(Sample::cpuMicrosPerRecord).toList());
                    if (rate != null && cpu != null) {
                        medians.put(client, new Sample(rate, cpu));
                    }
                });
                rates.put(w, medians);
            }
        } finally {
            SideBySide.deleteRecursively(dataDir);
        }
        return rates;
    }

    /** The median of the figures measured (the mean of the middle two for an even count), null when none was. */
    private static @Nullable Double median(List<Double> figures) {
        if (figures.isEmpty()) {
            return null;
        }
        List<Double> sorted = figures.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static @Nullable Sample runClient(Settings settings, String broker, String client, String classpath,
                                              BrokerProcess process, String topic, Workload w,
                                              Options options) throws InterruptedException {
        String main = switch (client) {
            case "kafka-clients" -> "io.tributary.benchmarks.clients.KafkaClientsProducerLoad";
            case "tributary" -> "io.tributary.benchmarks.clients.TributaryProducerLoad";
            default -> "io.tributary.benchmarks.reactorkafka.ReactorKafkaProducerLoad";
        };
        Path log = settings.logDir().resolve(broker + "-" + topic + ".log");
        List<String> jvmOptions = new ArrayList<>(settings.toolJvmOptions());
        if (options.jfr() != null) {
            jvmOptions.add("-XX:StartFlightRecording=settings=" + options.jfr() + ",dumponexit=true,filename="
                + log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", ".jfr")));
        }
        ChildJvm jvm = ChildJvm.start(client, jvmOptions, classpath, main,
            List.of("--bootstrap", process.bootstrapServers(), "--topic", topic, "--records",
                Integer.toString(w.records()), "--size", Integer.toString(w.size()), "--acks", w.acks(),
                "--idempotence", Boolean.toString(w.idempotence()), "--batch-size",
                Integer.toString(options.batchSize())),
            settings.workDir(), log);
        OptionalInt exit = jvm.waitFor(settings.toolTimeout());
        Matcher m = RESULT.matcher(jvm.output());
        if (exit.isEmpty() || exit.getAsInt() != 0 || !m.find()) {
            System.err.printf("[%s] %s failed (%s); see %s%n", broker, client,
                exit.isEmpty() ? "timed out" : "exit " + exit.getAsInt(), log);
            return null;
        }
        long records = Long.parseLong(m.group(1));
        return new Sample(records * 1000.0 / Math.max(1, Long.parseLong(m.group(2))),
            Long.parseLong(m.group(3)) * 1000.0 / Math.max(1, records));
    }

    private static String report(double scale, Options options, List<Workload> workloads,
                                 Map<String, Map<Workload, Map<String, Sample>>> results) throws IOException {
        StringBuilder out = new StringBuilder();
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        out.append(String.format(Locale.ROOT, "Producer clients side by side, %s, scale %s, %d CPUs, Java %s; each "
            + "client in its own JVM with default settings%s, one-partition topics, records/s from the first send to "
            + "the last acknowledgement, median of %d round(s).%n%n", date, scale,
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
            options.batchSize() > 0 ? " but batch.size=" + options.batchSize() : "", options.rounds()));
        out.append("| Broker | Workload | kafka-clients | Tributary SDK | reactor-kafka | SDK / kafka-clients "
            + "| SDK / reactor-kafka |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, Map<Workload, Map<String, Sample>>> broker : results.entrySet()) {
            for (Workload w : workloads) {
                Map<String, Sample> r = broker.getValue().get(w);
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n",
                    brokerName(broker.getKey()), w.name(),
                    rate(r.get("kafka-clients")), rate(r.get("tributary")), rate(r.get("reactor-kafka")),
                    ratio(r.get("tributary"), r.get("kafka-clients")),
                    ratio(r.get("tributary"), r.get("reactor-kafka"))));
            }
        }
        out.append("\nCPU time of each client's JVM (all threads) while sending, µs per record, median round; lower is "
            + "better:\n\n| Broker | Workload | kafka-clients | Tributary SDK | reactor-kafka | SDK / kafka-clients "
            + "|\n| --- | --- | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, Map<Workload, Map<String, Sample>>> broker : results.entrySet()) {
            for (Workload w : workloads) {
                Map<String, Sample> r = broker.getValue().get(w);
                Sample sdk = r.get("tributary");
                Sample kc = r.get("kafka-clients");
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", brokerName(broker.getKey()),
                    w.name(), cpu(kc), cpu(sdk), cpu(r.get("reactor-kafka")), sdk == null || kc == null ? "-"
                        : String.format(Locale.ROOT, "%.2f", sdk.cpuMicrosPerRecord() / kc.cpuMicrosPerRecord())));
            }
        }
        return out.toString();
    }

    private static String brokerName(String broker) {
        return broker.equals("kafka") ? "Apache Kafka" : "Tributary";
    }

    private static String rate(@Nullable Sample s) {
        return s == null ? "failed" : String.format(Locale.ROOT, "%,.0f", s.rate());
    }

    private static String cpu(@Nullable Sample s) {
        return s == null ? "failed" : String.format(Locale.ROOT, "%.2f", s.cpuMicrosPerRecord());
    }

    private static String ratio(@Nullable Sample a, @Nullable Sample b) {
        return a == null || b == null ? "-" : String.format(Locale.ROOT, "%.2f", a.rate() / b.rate());
    }
}
