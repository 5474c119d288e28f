package io.tributary.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Renders the results of both brokers as one markdown table (a row per {@link Metric}, columns Kafka, Tributary
 * and their ratio) followed by the notes. A ratio is printed in bold where Tributary is more than 5 % worse.
 */
final class Report {
    private Report() {
    }

    static String markdown(String intro, Results kafka, Results tributary) {
        StringBuilder out = new StringBuilder();
        out.append(intro).append("\n\n");
        out.append("Ratio = Tributary / Kafka. Throughput rows: higher is better, so a ratio above 1 favours "
            + "Tributary. Latency, start-up and RSS rows: lower is better, so a ratio below 1 favours Tributary. "
            + "**Bold**: Tributary more than 5 % worse.\n\n");
        out.append("| Metric | Better | Kafka | Tributary | Tributary / Kafka |\n");
        out.append("| --- | --- | ---: | ---: | ---: |\n");
        for (Metric metric : Metric.values()) {
            out.append("| ").append(metric.label())
                .append(" | ").append(metric.higherIsBetter() ? "higher" : "lower")
                .append(" | ").append(cell(kafka, metric))
                .append(" | ").append(cell(tributary, metric))
                .append(" | ").append(ratio(metric, kafka.value(metric), tributary.value(metric)))
                .append(" |\n");
        }
        List<String> notes = new ArrayList<>(kafka.notes());
        notes.addAll(tributary.notes());
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n\n");
            for (String note : notes) {
                out.append("- ").append(note.replace("\n", "\n  ")).append('\n');
            }
        }
        return out.toString();
    }

    private static String cell(Results results, Metric metric) {
        Double value = results.value(metric);
        if (value != null) {
            return format(value, metric.decimals());
        }
        String failure = results.failure(metric);
        return failure != null ? failure : "n/a";
    }

    private static String ratio(Metric metric, @Nullable Double kafka, @Nullable Double tributary) {
        if (kafka == null || tributary == null || kafka <= 0 || tributary <= 0) {
            return "n/a";
        }
        double ratio = tributary / kafka;
        boolean worse = metric.higherIsBetter() ? ratio < 0.95 : ratio > 1.05;
        String text = String.format(Locale.ROOT, "%.2f", ratio);
        return worse ? "**" + text + "**" : text;
    }

    static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
