package io.tributary.benchmarks.harness;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.common.utils.AppInfoParser;
import org.jspecify.annotations.Nullable;

/** The markdown table of {@link JdbcSinkSideBySide}: one row per figure, both sinks and their ratio. */
final class JdbcSinkReport {
    private JdbcSinkReport() {
    }

    static String markdown(long records, int partitions, int tasks, int batchSize, String broker,
                           String debeziumVersion, JdbcSinkSideBySide.@Nullable Run kafka,
                           JdbcSinkSideBySide.@Nullable Run tributary, List<String> notes) {
        StringBuilder out = new StringBuilder();
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        out.append(String.format(Locale.ROOT, "JDBC sink side by side, %s: %,d records (%,d rows, every key twice) in "
            + "a topic of %d partitions → upsert into PostgreSQL, tasks.max=%d, batch.size=%d and "
            + "max.poll.records=%d, JsonConverter with schemas; standalone workers in child JVMs with `%s`; broker: "
            + "%s. Kafka Connect %s with Debezium's JDBC sink %s; Tributary Connect with its JdbcSinkConnector. "
            + "%d CPUs, Java %s.%n%n", date, records, records / 2, partitions, tasks, batchSize, batchSize,
            String.join(" ", SideBySide.BROKER_JVM_OPTIONS), broker, AppInfoParser.getVersion(), debeziumVersion,
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        out.append("| Metric | Better | Kafka Connect (Debezium JDBC) | Tributary Connect "
            + "| Tributary / Kafka Connect |\n| --- | --- | ---: | ---: | ---: |\n");
        row(out, "upsert (topic → table): records/s", "higher", kafka, tributary, JdbcSinkSideBySide.Run::rate,
            "%,.0f");
        row(out, "upsert: seconds", "lower", kafka, tributary, r -> r.millis() / 1000.0, "%.2f");
        row(out, "worker CPU time during the upsert, s", "lower", kafka, tributary,
            JdbcSinkSideBySide.Run::cpuSeconds, "%.1f");
        row(out, "worker peak RSS (VmHWM), MiB", "lower", kafka, tributary, JdbcSinkSideBySide.Run::peakRssMib,
            "%,.0f");
        out.append(String.format("| table equals the expected one | - | %s | %s | - |%n", matches(kafka),
            matches(tributary)));
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n\n");
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String metric, String better, JdbcSinkSideBySide.@Nullable Run kafka,
                            JdbcSinkSideBySide.@Nullable Run tributary,
                            ToDoubleFunction<JdbcSinkSideBySide.Run> value, String format) {
        String k = kafka == null ? "failed" : String.format(Locale.ROOT, format, value.applyAsDouble(kafka));
        String t = tributary == null ? "failed" : String.format(Locale.ROOT, format, value.applyAsDouble(tributary));
        String ratio = kafka == null || tributary == null ? "-" : String.format(Locale.ROOT, "%.2f",
            value.applyAsDouble(tributary) / value.applyAsDouble(kafka));
        out.append(String.format("| %s | %s | %s | %s | %s |%n", metric, better, k, t, ratio));
    }

    private static String matches(JdbcSinkSideBySide.@Nullable Run run) {
        return run == null ? "-" : run.tableMatches() ? "yes" : "no";
    }
}
