package io.tributary.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;

/**
 * The four workloads, each one run of an Apache Kafka perf tool in a child JVM against one broker, and the parsing
 * of their output into {@link Results}: (a) {@code ProducerPerformance} of 100 B records with acks=1, (b) of 1 KiB
 * records with acks=all, (c) {@code ConsumerPerformance} reading the topic of (a) in a consumer group, and (d)
 * {@code EndToEndLatency} of 100 B records with acks=1. A failing or timed-out tool marks its rows as failed and
 * the run goes on. Used by one thread.
 */
final class Workloads {
    static final String SMALL_TOPIC = "side-by-side-100b";
    static final String LARGE_TOPIC = "side-by-side-1k";
    static final String LATENCY_TOPIC = "side-by-side-e2e";

    private static final Pattern PRODUCER_SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec "
        + "\\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms "
        + "95th, (\\d+) ms 99th, (\\d+) ms 99.9th");
    private static final Pattern E2E_AVG = Pattern.compile("Avg latency: ([\\d.]+) ms");
    private static final Pattern E2E_PERCENTILES =
        Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)");
    private static final Pattern LOG_LEVEL = Pattern.compile("^[\\d:.]+ (WARN|ERROR) +\\S+ - (.*)$");
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

    private final Settings settings;
    private final BrokerProcess broker;
    private final Results results;
    private final String label;

    Workloads(Settings settings, BrokerProcess broker, Results results, String label) {
        this.settings = settings;
        this.broker = broker;
        this.results = results;
        this.label = label;
    }

    /** The result of one tool run: its exit code (empty if it timed out), its output and its wall time. */
    private record ToolRun(OptionalInt exit, String output, long millis) {
        boolean succeeded() {
            return exit.isPresent() && exit.getAsInt() == 0;
        }
    }

    /** Creates the three topics with the admin client, retrying while the broker is not ready for it yet. */
    void createTopics() throws InterruptedException {
        long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            for (String topic : List.of(SMALL_TOPIC, LARGE_TOPIC, LATENCY_TOPIC)) {
                createTopic(admin, topic, deadline);
            }
        }
    }

    /**
     * Checks that the broker stored every record the producers sent: the end offsets of the topics of (a) and
     * (b), summed over their partitions, against the record counts. The outcome goes to the notes.
     */
    void verifyEndOffsets() throws InterruptedException {
        try (Admin admin = admin()) {
            List<String> parts = new ArrayList<>();
            boolean complete = true;
            for (String topic : List.of(SMALL_TOPIC, LARGE_TOPIC)) {
                int expected = topic.equals(SMALL_TOPIC) ? settings.smallRecords() : settings.largeRecords();
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(20, TimeUnit.SECONDS).get(topic).partitions().size();
                Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
                for (int p = 0; p < partitions; p++) {
                    request.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
                long end = 0;
                for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(request).all()
                        .get(20, TimeUnit.SECONDS).values()) {
                    end += info.offset();
                }
                complete &= end == expected;
                parts.add(String.format("%s %,d of %,d", topic, end, expected));
            }
            results.note(String.format("%s: end offsets after the producers: %s%s", label, String.join(", ", parts),
                complete ? " (complete)." : " (**records missing**)."));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            results.note(label + ": could not check the end offsets: " + e);
        }
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return Admin.create(props);
    }

    private void createTopic(Admin admin, String topic, long deadline) throws InterruptedException {
        while (true) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, settings.partitions(), (short) 1)))
                    .all().get(20, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    results.note(label + ": CreateTopics " + topic + " failed, left to auto-creation: " + e.getCause());
                    return;
                }
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    results.note(label + ": CreateTopics " + topic + " timed out, left to auto-creation");
                    return;
                }
            }
            Thread.sleep(500);
        }
    }

    /** (a): 100 B records, acks=1, unthrottled. */
    void produceSmall() throws InterruptedException {
        produce("producer-100b", SMALL_TOPIC, settings.smallRecords(), 100, "1", Metric.PRODUCE_SMALL_RATE,
            Metric.PRODUCE_SMALL_MB, Metric.PRODUCE_SMALL_AVG, Metric.PRODUCE_SMALL_P99);
    }

    /** (b): 1 KiB records, acks=all, unthrottled. */
    void produceLarge() throws InterruptedException {
        produce("producer-1k", LARGE_TOPIC, settings.largeRecords(), 1024, "all", Metric.PRODUCE_LARGE_RATE,
            Metric.PRODUCE_LARGE_MB, Metric.PRODUCE_LARGE_AVG, Metric.PRODUCE_LARGE_P99);
    }

    private void produce(String id, String topic, int records, int size, String acks, Metric rate, Metric mb,
            Metric avg, Metric p99) throws InterruptedException {
        ToolRun run = runTool(id, "org.apache.kafka.tools.ProducerPerformance", List.of(
            "--bootstrap-server", broker.bootstrapServers(),
            "--topic", topic,
            "--num-records", Integer.toString(records),
            "--record-size", Integer.toString(size),
            "--throughput", "-1",
            "--command-property", "acks=" + acks, "client.id=side-by-side-" + id));
        Matcher m = PRODUCER_SUMMARY.matcher(run.output());
        if (!m.find()) {
            failed(id, run, rate, mb, avg, p99);
            return;
        }
        results.put(rate, Double.parseDouble(m.group(2)));
        results.put(mb, Double.parseDouble(m.group(3)));
        results.put(avg, Double.parseDouble(m.group(4)));
        results.put(p99, Double.parseDouble(m.group(8)));
        if (!run.succeeded()) {
            results.note(String.format("%s %s: ProducerPerformance printed its results, then %s: `%s`", label, id,
                run.exit().isEmpty() ? "timed out" : "exited with " + run.exit().getAsInt(), firstError(run.output())));
        }
        long errors = run.output().lines().filter(l -> l.contains("Exception")).count();
        if (errors > 0) {
            results.note(String.format("%s %s: %d exception lines in the output, first: `%s`", label, id, errors,
                firstError(run.output())));
        }
        noteWarnings(id, run);
        progress(id, String.format("%s records/s, %s MB/s, avg %s ms, p99 %s ms (%d ms wall)", m.group(2),
            m.group(3), m.group(4), m.group(8), run.millis()));
    }

    /** (c): reads the records of (a) back in a consumer group. */
    void consume() throws InterruptedException {
        int expected = settings.smallRecords();
        ToolRun run = runTool("consumer", "org.apache.kafka.tools.ConsumerPerformance", List.of(
            "--bootstrap-server", broker.bootstrapServers(),
            "--topic", SMALL_TOPIC,
            "--num-records", Integer.toString(expected),
            "--timeout", "30000"));
        String[] fields = consumerSummary(run.output());
        if (fields == null) {
            failed("consumer", run, Metric.CONSUME_RATE, Metric.CONSUME_MB, Metric.CONSUME_JOIN);
            return;
        }
        long consumed = Long.parseLong(fields[4]);
        if (consumed < expected) {
            String why = run.output().lines().filter(l -> l.startsWith("WARNING")).findFirst()
                .orElse(firstError(run.output()));
            results.fail("failed: consumed " + consumed + " of " + expected,
                String.format("%s consumer: consumed %d of %d records. `%s`%s", label, consumed, expected,
                    why, warnings(run.output())),
                Metric.CONSUME_RATE, Metric.CONSUME_MB, Metric.CONSUME_JOIN);
            progress("consumer", "consumed " + consumed + " of " + expected);
            return;
        }
        results.put(Metric.CONSUME_RATE, Double.parseDouble(fields[9]));
        results.put(Metric.CONSUME_MB, Double.parseDouble(fields[8]));
        results.put(Metric.CONSUME_JOIN, Double.parseDouble(fields[6]));
        noteWarnings("consumer", run);
        progress("consumer", String.format("%s records/s, %s MB/s in the fetch phase; group join %s ms; overall "
            + "%s records/s (%d ms wall)", fields[9], fields[8], fields[6], fields[5], run.millis()));
    }

    /** The ten fields of ConsumerPerformance's result line, or null if there is none. */
    private static String @Nullable [] consumerSummary(String output) {
        for (String line : output.split("\n")) {
            String[] fields = line.trim().split(", ");
            if (fields.length == 10 && fields[4].matches("\\d+")) {
                return fields;
            }
        }
        return null;
    }

    /** (d): one 100 B record at a time, sent with acks=1 and polled back. */
    void endToEnd() throws InterruptedException {
        ToolRun run = runTool("end-to-end", "org.apache.kafka.tools.EndToEndLatency", List.of(
            "--bootstrap-server", broker.bootstrapServers(),
            "--topic", LATENCY_TOPIC,
            "--num-records", Integer.toString(settings.latencyRecords()),
            "--producer-acks", "1",
            "--record-size", "100"));
        Matcher avg = E2E_AVG.matcher(run.output());
        Matcher percentiles = E2E_PERCENTILES.matcher(run.output());
        if (!avg.find() || !percentiles.find()) {
            failed("end-to-end", run, Metric.E2E_AVG, Metric.E2E_P50, Metric.E2E_P99);
            return;
        }
        results.put(Metric.E2E_AVG, Double.parseDouble(avg.group(1)));
        results.put(Metric.E2E_P50, Double.parseDouble(percentiles.group(1)));
        results.put(Metric.E2E_P99, Double.parseDouble(percentiles.group(2)));
        if (!run.succeeded()) {
            // The figures are complete once printed; a failure after them (e.g. while closing) is only noted.
            results.note(String.format("%s end-to-end: EndToEndLatency printed its results, then %s: `%s`", label,
                run.exit().isEmpty() ? "timed out" : "exited with " + run.exit().getAsInt(), firstError(run.output())));
        }
        noteWarnings("end-to-end", run);
        progress("end-to-end", String.format("avg %s ms, p50 %s ms, p99 %s ms (%d ms wall)", avg.group(1),
            percentiles.group(1), percentiles.group(2), run.millis()));
    }

    private ToolRun runTool(String id, String mainClass, List<String> args) throws InterruptedException {
        progress(id, "running " + mainClass.substring(mainClass.lastIndexOf('.') + 1) + " " + String.join(" ", args));
        ChildJvm jvm = ChildJvm.start(label + "-" + id, settings.toolJvmOptions(), settings.kafkaClasspath(),
            mainClass, args, settings.workDir(), settings.logDir().resolve(label + "-" + id + ".log"));
        OptionalInt exit = jvm.waitFor(settings.toolTimeout());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - jvm.startNanos());
        ToolRun run = new ToolRun(exit, jvm.output(), millis);
        if (!broker.isAlive()) {
            results.note(String.format("%s: the broker exited (code %d) during %s; its last lines:%n```%n%s%n```",
                label, broker.exitCode(), id, broker.logTail(20)));
        }
        return run;
    }

    private void failed(String id, ToolRun run, Metric... metrics) {
        String why;
        if (run.exit().isEmpty()) {
            why = "timed out after " + settings.toolTimeout().toSeconds() + " s";
        } else if (run.exit().getAsInt() != 0) {
            why = "exit " + run.exit().getAsInt() + ": " + firstError(run.output());
        } else {
            why = "no result line: " + firstError(run.output());
        }
        results.fail("failed (see notes)", String.format("%s %s failed, %s%s", label, id, why,
            warnings(run.output())), metrics);
        progress(id, "FAILED, " + why);
    }

    /** The first line that looks like an error, without the log prefix; or the last non-blank line. */
    static String firstError(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (String line : lines) {
            if (line.contains("Exception") || line.contains("ERROR") || line.startsWith("WARNING")) {
                Matcher m = LOG_LEVEL.matcher(line);
                return (m.matches() ? m.group(2) : line).replace('|', '/');
            }
        }
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).replace('|', '/');
    }

    /** The distinct WARN/ERROR log messages of a tool (numbers blanked out), with counts, as note text. */
    static String warnings(String output) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> examples = new LinkedHashMap<>();
        output.lines().forEach(line -> {
            Matcher m = LOG_LEVEL.matcher(line);
            if (m.matches()) {
                String key = m.group(1) + " " + m.group(2).replaceAll("\\d+", "N");
                counts.merge(key, 1, Integer::sum);
                examples.putIfAbsent(key, m.group(1) + " " + m.group(2));
            }
        });
        if (counts.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream().limit(5).forEach(e -> parts.add(String.format("%d × `%s`", e.getValue(),
            abbreviate(examples.get(e.getKey()), 300).replace('|', '/'))));
        return "; log lines: " + String.join("; ", parts);
    }

    /** Adds the distinct warnings of a successful run to the notes, if there were any. */
    private void noteWarnings(String id, ToolRun run) {
        String warnings = warnings(run.output());
        if (!warnings.isEmpty()) {
            results.note(label + " " + id + " succeeded" + warnings);
        }
    }

    private void progress(String id, String message) {
        System.err.printf("[%s] %s: %s%n", label, id, message);
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
