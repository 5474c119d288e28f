package io.tributary.benchmarks.harness;

import io.tributary.benchmarks.harness.ConsumerHeapReport.HeapRun;
import io.tributary.benchmarks.harness.ConsumerHeapReport.Setup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.jspecify.annotations.Nullable;

/**
 * The consumers' heap under a slow subscriber: kafka-clients' {@code KafkaConsumer} (a poll loop), Tributary's
 * {@code TributaryConsumer.receive()} and reactor-kafka's {@code KafkaReceiver.receive()}, each with its default
 * settings and in its own child JVM with the tools' JVM options ({@code -Xms512m -Xmx512m -XX:+UseG1GC}), read one
 * topic pre-filled with far more than fits in the heap (default 1,000,000 × 1 KiB in 4 partitions, written once,
 * untimed, with {@link TopicWriter}) from one broker, one client after the other. Each subscriber takes 1 ms per
 * record on a thread of its own (the reactive ones behind {@code publishOn}, so their requests are the only
 * backpressure); for 30 s after its first record a sampler in the child runs {@code System.gc()} every second and
 * records the heap in use right after it. The report gives per client the records processed, the heap after a
 * collection before the consumer was created, the largest and the median in the window, direct memory and peak RSS,
 * and Tributary's ratios (see {@code SlowConsumption} in {@code benchmarks/clients}).
 *
 * <pre>{@code
 * java -cp "benchmarks/harness/target/harness.jar:benchmarks/harness/target/lib/*" \
 *     io.tributary.benchmarks.harness.ConsumerHeapSideBySide [--records 1000000] [--size 1024] [--partitions 4] \
 *     [--seconds 30] [--delay-micros 1000] [--broker tributary|kafka] [--only kafka-clients,tributary,reactor-kafka] \
 *     [--output FILE] [--project-root DIR]
 * }</pre>
 */
public final class ConsumerHeapSideBySide {
    private static final Pattern RESULT = Pattern.compile("RESULT records=(\\d+) millis=(\\d+) baselineMib=([\\d.]+) "
        + "maxMib=([\\d.]+) medianMib=([\\d.]+) directMib=([\\d.]+) rssMib=([-\\d.]+) samples=(\\d+)");
    private static final List<String> CLIENTS = List.of("kafka-clients", "tributary", "reactor-kafka");
    private static final String TOPIC = "slow-subscriber";
    private static final String USAGE = "Usage: ConsumerHeapSideBySide [--records N] [--size B] [--partitions P] "
        + "[--seconds S] [--delay-micros D] [--sample-millis M] [--broker tributary|kafka] "
        + "[--only kafka-clients,tributary,reactor-kafka] [--output FILE] [--project-root DIR]";

    private ConsumerHeapSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int records = 1_000_000;
        int size = 1024;
        int partitions = 4;
        int seconds = 30;
        long delayMicros = 1000;
        long sampleMillis = 1000;
        String brokerKind = "tributary";
        List<String> clients = CLIENTS;
        Path output = null;
        Path rootArg = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--delay-micros" -> delayMicros = Long.parseLong(args[++i]);
                case "--sample-millis" -> sampleMillis = Long.parseLong(args[++i]);
                case "--broker" -> brokerKind = args[++i];
                case "--only" -> clients = List.of(args[++i].split(","));
                case "--output" -> output = Path.of(args[++i]);
                case "--project-root" -> rootArg = Path.of(args[++i]);
                default -> usage();
            }
        }
        if (records < 1 || size < 1 || partitions < 1 || seconds < 1 || delayMicros < 0 || sampleMillis < 1
            || !List.of("tributary", "kafka").contains(brokerKind) || !CLIENTS.containsAll(clients)) {
            usage();
        }
        Path root = SideBySide.projectRoot(rootArg);
        Map<String, String> classpaths = new LinkedHashMap<>();
        for (String client : clients) {
            classpaths.put(client, ConsumerClientsSideBySide.clientClasspath(root,
                client.equals("reactor-kafka") ? "benchmarks/reactor-kafka" : "benchmarks/clients"));
        }
        Path workDir = Files.createTempDirectory("consumer-heap-");
        Path logDir = Files.createDirectories(workDir.resolve("logs"));
        Settings settings = new Settings(1.0, partitions, workDir, logDir, SideBySide.kafkaClasspath(),
            brokerKind.equals("tributary") ? SideBySide.tributaryClasspath(root) : "",
            SideBySide.jvmOptions(SideBySide.BROKER_JVM_OPTIONS,
                SideBySide.writeLogback(workDir.resolve("broker-logback.xml"), "INFO")),
            SideBySide.jvmOptions(SideBySide.TOOL_JVM_OPTIONS,
                SideBySide.writeLogback(workDir.resolve("tool-logback.xml"), "WARN")));
        List<String> childArgs = List.of("--size", Integer.toString(size), "--seconds", Integer.toString(seconds),
            "--delay-micros", Long.toString(delayMicros), "--sample-millis", Long.toString(sampleMillis));
        System.err.println("Consumer heap side by side: output of the child JVMs in " + logDir);

        Map<String, @Nullable HeapRun> runs = new LinkedHashMap<>();
        Path dataDir = Files.createDirectories(workDir.resolve("broker-data"));
        try (BrokerProcess broker = brokerKind.equals("kafka")
            ? BrokerProcess.startKafka(settings, dataDir, SideBySide.freePort(), SideBySide.freePort(),
                new ArrayList<>())
            : BrokerProcess.startTributary(settings, dataDir, SideBySide.freePort())) {
            TopicWriter.createTopic(broker.bootstrapServers(), TOPIC, partitions);
            long millis = TopicWriter.write(broker.bootstrapServers(), TOPIC, partitions, records, size);
            System.err.printf(Locale.ROOT, "[%s] wrote %,d × %d B to %s in %,d ms%n", brokerKind, records, size, TOPIC,
                millis);
            for (String client : clients) {
                HeapRun run = runClient(settings, client, classpaths.get(client), broker, childArgs,
                    Duration.ofSeconds(seconds + 300L));
                System.err.printf(Locale.ROOT, "[%s] %s: %s%n", brokerKind, client, run == null ? "failed"
                    : String.format(Locale.ROOT, "%,d records, post-GC heap max %.1f MiB, median %.1f MiB",
                        run.records(), run.maxMib(), run.medianMib()));
                runs.put(client, run);
            }
        } finally {
            SideBySide.deleteRecursively(dataDir);
        }
        String brokerName = brokerKind.equals("kafka") ? "Apache Kafka " + AppInfoParser.getVersion() : "Tributary";
        String report = ConsumerHeapReport.markdown(new Setup(brokerName, records, size, partitions, seconds,
            delayMicros, sampleMillis, SideBySide.TOOL_JVM_OPTIONS), runs);
        System.out.println(report);
        if (output != null) {
            Files.writeString(output, report, StandardCharsets.UTF_8);
        }
        System.err.println("Logs of the child JVMs: " + logDir);
        System.exit(0);
    }

    private static void usage() {
        System.err.println(USAGE);
        System.exit(2);
    }

    private static @Nullable HeapRun runClient(Settings settings, String client, String classpath,
                                               BrokerProcess broker, List<String> childArgs, Duration timeout)
            throws InterruptedException {
        String main = switch (client) {
            case "kafka-clients" -> "io.tributary.benchmarks.clients.KafkaClientsSlowConsumer";
            case "tributary" -> "io.tributary.benchmarks.clients.TributarySlowConsumer";
            default -> "io.tributary.benchmarks.reactorkafka.ReactorKafkaSlowConsumer";
        };
        List<String> args = new ArrayList<>(List.of("--bootstrap", broker.bootstrapServers(), "--topic", TOPIC));
        args.addAll(childArgs);
        ChildJvm jvm = ChildJvm.start(client, settings.toolJvmOptions(), classpath, main, args, settings.workDir(),
            settings.logDir().resolve("slow-" + client + ".log"));
        OptionalInt exit = jvm.waitFor(timeout);
        Matcher m = RESULT.matcher(jvm.output());
        if (exit.isEmpty() || exit.getAsInt() != 0 || !m.find()) {
            System.err.printf("%s failed (%s); see %s%n", client, exit.isEmpty() ? "timed out"
                : "exit " + exit.getAsInt(), jvm.outputFile());
            return null;
        }
        return new HeapRun(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Double.parseDouble(m.group(3)),
            Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6)),
            Double.parseDouble(m.group(7)), Integer.parseInt(m.group(8)));
    }
}
