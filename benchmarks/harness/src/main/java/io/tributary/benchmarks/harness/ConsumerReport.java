package io.tributary.benchmarks.harness;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders {@link ConsumerClientsSideBySide}'s results as markdown: records/s per client with the Tributary SDK's
 * ratios, the time from subscribing to the first record, and the rebalance pauses.
 */
final class ConsumerReport {
    /**
     * One read: records/s from the first record to the last, ms from subscribing to the first record, and the CPU
     * time the client's JVM used meanwhile, µs per record.
     */
    record Read(double rate, long firstMillis, double cpuMicrosPerRecord) {
    }

    /**
     * One rebalance run (see {@code RebalanceRun} in {@code benchmarks/clients}).
     *
     * @param millis the longest stretch after the leave in which one remaining member received no record
     * @param startMillis when it began, after the leave
     * @param groupMillis the longest stretch after the leave in which no remaining member received a record
     * @param baselineMillis the longest stretch without a record at one member in the 5 s before the leave
     * @param open whether the pause lasted until the end of the 20 s window (the member never resumed)
     */
    record Pause(long millis, long startMillis, long groupMillis, long baselineMillis, boolean open) {
    }

    private ConsumerReport() {
    }

    /**
     * @param reads broker ({@code kafka} or {@code tributary}) → workload name → client → its read (null: failed)
     * @param pauses broker → client → its rebalance run (null: failed); empty if none ran
     */
    static String markdown(double scale, int rounds, List<String> workloads, List<String> clients,
                           Map<String, Map<String, Map<String, @Nullable Read>>> reads,
                           Map<String, Map<String, @Nullable Pause>> pauses) {
        StringBuilder out = new StringBuilder();
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        out.append(String.format(Locale.ROOT, "Consumer clients side by side, %s, scale %s, %d CPUs, Java %s; each "
            + "client in its own JVM with default settings, a fresh group reading from the earliest offset, every "
            + "record acknowledged; records/s from the first record received to the last, median of %d reads.%n%n",
            date, scale, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rounds));
        out.append("| Broker | Workload | kafka-clients | Tributary SDK | reactor-kafka | SDK / kafka-clients "
            + "| SDK / reactor-kafka |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        reads.forEach((broker, perWorkload) -> {
            for (String w : workloads) {
                Map<String, @Nullable Read> r = perWorkload.getOrDefault(w, Map.of());
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", brokerName(broker),
                    w, rate(r.get("kafka-clients")), rate(r.get("tributary")), rate(r.get("reactor-kafka")),
                    ratio(r.get("tributary"), r.get("kafka-clients")),
                    ratio(r.get("tributary"), r.get("reactor-kafka"))));
            }
        });
        out.append("\nFrom subscribing (a new consumer, a fresh group) to the first record, ms:\n\n");
        out.append("| Broker | Workload | kafka-clients | Tributary SDK | reactor-kafka |\n"
            + "| --- | --- | ---: | ---: | ---: |\n");
        reads.forEach((broker, perWorkload) -> {
            for (String w : workloads) {
                Map<String, @Nullable Read> r = perWorkload.getOrDefault(w, Map.of());
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", brokerName(broker), w,
                    first(r.get("kafka-clients")), first(r.get("tributary")), first(r.get("reactor-kafka"))));
            }
        });
        out.append("\nCPU time of each client's JVM (all threads) from the first record to the last, µs per record "
            + "(of the median read); lower is better:\n\n");
        out.append("| Broker | Workload | kafka-clients | Tributary SDK | reactor-kafka | SDK / kafka-clients |\n"
            + "| --- | --- | ---: | ---: | ---: | ---: |\n");
        reads.forEach((broker, perWorkload) -> {
            for (String w : workloads) {
                Map<String, @Nullable Read> r = perWorkload.getOrDefault(w, Map.of());
                Read sdk = r.get("tributary");
                Read kc = r.get("kafka-clients");
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", brokerName(broker), w,
                    cpu(kc), cpu(sdk), cpu(r.get("reactor-kafka")), sdk == null || kc == null ? "-"
                        : String.format(Locale.ROOT, "%.2f", sdk.cpuMicrosPerRecord() / kc.cpuMicrosPerRecord())));
            }
        });
        if (!pauses.isEmpty()) {
            out.append("\nRebalance pause: three members of one group read a six-partition topic written at 5,000 "
                + "records/s (classic protocol, default assignors: range); the third leaves. Longest stretch without "
                + "a record at one remaining member, when it began, longest stretch without a record at both, and the "
                + "longest gap at one member in the 5 s before the leave, all ms:\n\n");
            out.append("| Broker | Client | Pause at one member | Began after the leave | Pause of both | Steady-state "
                + "gap |\n| --- | --- | ---: | ---: | ---: | ---: |\n");
            pauses.forEach((broker, perClient) -> perClient.forEach((client, p) -> out.append(String.format(
                Locale.ROOT, "| %s | %s | %s |%n", brokerName(broker), clientName(client), p == null
                    ? "failed | | |" : String.format(Locale.ROOT, "%s%,d | %,d | %,d | %,d", p.open() ? "≥ " : "",
                        p.millis(), p.startMillis(), p.groupMillis(), p.baselineMillis())))));
        }
        return out.toString();
    }

    private static String brokerName(String broker) {
        return broker.equals("kafka") ? "Apache Kafka" : "Tributary";
    }

    private static String rate(@Nullable Read r) {
        return r == null ? "failed" : String.format(Locale.ROOT, "%,.0f", r.rate());
    }

    private static String cpu(@Nullable Read r) {
        return r == null ? "failed" : String.format(Locale.ROOT, "%.2f", r.cpuMicrosPerRecord());
    }

    private static String first(@Nullable Read r) {
        return r == null ? "failed" : String.format(Locale.ROOT, "%,d", r.firstMillis());
    }

    private static String ratio(@Nullable Read a, @Nullable Read b) {
        return a == null || b == null ? "-" : String.format(Locale.ROOT, "%.2f", a.rate() / b.rate());
    }

    private static String clientName(String client) {
        return client.equals("tributary") ? "Tributary SDK" : client;
    }
}
