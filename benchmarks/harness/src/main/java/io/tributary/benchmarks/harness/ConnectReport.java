package io.tributary.benchmarks.harness;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.common.utils.AppInfoParser;
import org.jspecify.annotations.Nullable;

/** The markdown table of {@link ConnectSideBySide}: one row per figure, both workers and their ratio. */
final class ConnectReport {
    private ConnectReport() {
    }

    static String markdown(long lines, int lineBytes, String broker, ConnectSideBySide.@Nullable Run kafka,
                           ConnectSideBySide.@Nullable Run tributary, List<String> notes) {
        StringBuilder out = new StringBuilder();
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        out.append(String.format(Locale.ROOT, "Connect side by side, %s: %,d lines of %d B, file source → topic (1 "
            + "partition) → file sink, standalone workers in child JVMs with `%s`, string converters, offset commits "
            + "every 1 s; broker: %s. Kafka Connect %s with its FileStreamSource/FileStreamSink; Tributary Connect "
            + "with its own. %d CPUs, Java %s.%n%n", date, lines, lineBytes,
            String.join(" ", SideBySide.BROKER_JVM_OPTIONS), broker, AppInfoParser.getVersion(),
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        out.append("| Metric | Better | Kafka Connect | Tributary Connect | Tributary / Kafka Connect |\n"
            + "| --- | --- | ---: | ---: | ---: |\n");
        row(out, "source (file → topic): lines/s", "higher", kafka, tributary, ConnectSideBySide.Run::sourceRate,
            "%,.0f");
        row(out, "pipeline (file → topic → file): lines/s", "higher", kafka, tributary,
            ConnectSideBySide.Run::pipelineRate, "%,.0f");
        row(out, "pipeline: seconds", "lower", kafka, tributary, r -> r.pipelineMillis() / 1000.0, "%.2f");
        row(out, "worker peak RSS (VmHWM), MiB", "lower", kafka, tributary, ConnectSideBySide.Run::peakRssMib,
            "%,.0f");
        out.append(String.format("| output file equals the input | - | %s | %s | - |%n", matches(kafka),
            matches(tributary)));
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n\n");
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String metric, String better, ConnectSideBySide.@Nullable Run kafka,
                            ConnectSideBySide.@Nullable Run tributary, ToDoubleFunction<ConnectSideBySide.Run> value,
                            String format) {
        String k = kafka == null ? "failed" : String.format(Locale.ROOT, format, value.applyAsDouble(kafka));
        String t = tributary == null ? "failed" : String.format(Locale.ROOT, format, value.applyAsDouble(tributary));
        String ratio = kafka == null || tributary == null ? "-" : String.format(Locale.ROOT, "%.2f",
            value.applyAsDouble(tributary) / value.applyAsDouble(kafka));
        out.append(String.format("| %s | %s | %s | %s | %s |%n", metric, better, k, t, ratio));
    }

    private static String matches(ConnectSideBySide.@Nullable Run run) {
        return run == null ? "-" : run.outputMatches() ? "yes" : "no";
    }
}
