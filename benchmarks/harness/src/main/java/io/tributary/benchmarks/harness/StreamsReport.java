package io.tributary.benchmarks.harness;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.common.utils.AppInfoParser;
import org.jspecify.annotations.Nullable;

/** The markdown table of {@link StreamsSideBySide}: one row per figure, both applications and their ratio. */
final class StreamsReport {
    private StreamsReport() {
    }

    static String markdown(int records, int partitions, int keys, long commitIntervalMs, String kafkaStreamsProps,
                           String broker, Map<String, Map<String, StreamsSideBySide.@Nullable Throughput>> throughput,
                           Map<String, StreamsSideBySide.@Nullable Restore> restores, List<String> notes) {
        StringBuilder out = new StringBuilder();
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        out.append(String.format(Locale.ROOT, "Streams side by side, %s: %,d records per workload, %d partitions per "
            + "topic, commit interval %d ms, at-least-once; each application in a child JVM with `%s`; broker: %s. "
            + "Kafka Streams %s with its defaults (RocksDB stores, 10 MiB record cache, one stream thread)%s; "
            + "Tributary Streams with its own (in-memory stores, 10 MiB record cache). %d CPUs, Java %s.%n%n", date,
            records, partitions, commitIntervalMs, String.join(" ", SideBySide.BROKER_JVM_OPTIONS), broker,
            AppInfoParser.getVersion(),
            kafkaStreamsProps.isBlank() ? "" : ", overridden by `" + kafkaStreamsProps + "`",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        out.append("| Workload | Metric | Better | Kafka Streams | Tributary Streams | Tributary / Kafka Streams |\n"
            + "| --- | --- | --- | ---: | ---: | ---: |\n");
        throughput.forEach((workload, runs) -> {
            StreamsSideBySide.Throughput k = runs.get(StreamsSideBySide.KAFKA_STREAMS);
            StreamsSideBySide.Throughput t = runs.get(StreamsSideBySide.TRIBUTARY);
            String name = workload.equals("word-count") ? "word count (lines of 10 words)"
                : String.format(Locale.ROOT, "windowed count (%,d keys, 1 min windows)", keys);
            row(out, name, "input records/s", "higher", k, t, StreamsSideBySide.Throughput::rate, "%,.0f");
            row(out, name, "seconds (start → final output)", "lower", k, t, r -> r.millis() / 1000.0, "%.2f");
            row(out, name, "output records written", "-", k, t, r -> r.outputRecords(), "%,.0f");
            row(out, name, "application CPU seconds", "lower", k, t, StreamsSideBySide.Throughput::cpuSeconds,
                "%.1f");
            row(out, name, "application peak RSS (VmHWM), MiB", "lower", k, t,
                StreamsSideBySide.Throughput::peakRssMib, "%,.0f");
            out.append(String.format("| %s | final values as expected | - | %s | %s | - |%n", name, correct(k),
                correct(t)));
        });
        if (!restores.isEmpty()) {
            StreamsSideBySide.Restore k = restores.get(StreamsSideBySide.KAFKA_STREAMS);
            StreamsSideBySide.Restore t = restores.get(StreamsSideBySide.TRIBUTARY);
            String name = String.format(Locale.ROOT, "restore (%,d-key table)", records);
            row(out, name, "load: records/s (to committed)", "higher", k, t, StreamsSideBySide.Restore::loadRate,
                "%,.0f");
            row(out, name, "changelog records", "-", k, t, r -> r.changelogRecords(), "%,.0f");
            row(out, name, "restart → restored and processing, ms", "lower", k, t,
                r -> r.restoreMillis(), "%,.0f");
            row(out, name, "restart → RUNNING (Kafka Streams) / start() done (Tributary), ms", "-", k, t,
                r -> r.runningMillis(), "%,.0f");
            row(out, name, "restore listener, first start → last end, ms", "-", k, t,
                r -> r.listenerMillis(), "%,.0f");
            row(out, name, "entries after restore", "-", k, t, r -> r.entries(), "%,.0f");
            row(out, name, "application peak RSS (VmHWM), MiB", "lower", k, t,
                StreamsSideBySide.Restore::peakRssMib, "%,.0f");
        }
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n\n");
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.toString();
    }

    private static <R> void row(StringBuilder out, String workload, String metric, String better, @Nullable R kafka,
                                @Nullable R tributary, ToDoubleFunction<R> value, String format) {
        String k = cell(kafka, value, format);
        String t = cell(tributary, value, format);
        String ratio = "-";
        if (kafka != null && tributary != null && !better.equals("-")) {
            double kv = value.applyAsDouble(kafka);
            double tv = value.applyAsDouble(tributary);
            ratio = kv > 0 && tv >= 0 ? String.format(Locale.ROOT, "%.2f", tv / kv) : "-";
        }
        out.append(String.format("| %s | %s | %s | %s | %s | %s |%n", workload, metric, better, k, t, ratio));
    }

    private static <R> String cell(@Nullable R run, ToDoubleFunction<R> value, String format) {
        if (run == null) {
            return "failed";
        }
        double v = value.applyAsDouble(run);
        return v < 0 ? "n/a" : String.format(Locale.ROOT, format, v);
    }

    private static String correct(StreamsSideBySide.@Nullable Throughput run) {
        return run == null ? "-" : run.differences().isEmpty() ? "yes" : "no";
    }
}
