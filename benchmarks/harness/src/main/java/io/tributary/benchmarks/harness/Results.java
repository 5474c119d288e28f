package io.tributary.benchmarks.harness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The figures of one broker: a value, a failure text or nothing ("n/a") per {@link Metric}, and free-text notes
 * (warnings seen in the tools' output, errors in full). Filled by one thread.
 */
final class Results {
    private final String broker;
    private final Map<Metric, Double> values = new EnumMap<>(Metric.class);
    private final Map<Metric, String> failures = new EnumMap<>(Metric.class);
    private final List<String> notes = new ArrayList<>();

    Results(String broker) {
        this.broker = broker;
    }

    String broker() {
        return broker;
    }

    void put(Metric metric, double value) {
        values.put(metric, value);
    }

    /** Marks every given metric as failed with a short text (shown in the table) and notes the details. */
    void fail(String shortText, String details, Metric... metrics) {
        for (Metric metric : metrics) {
            failures.put(metric, shortText);
        }
        notes.add(details);
    }

    void note(String note) {
        notes.add(note);
    }

    @Nullable Double value(Metric metric) {
        return values.get(metric);
    }

    @Nullable String failure(Metric metric) {
        return failures.get(metric);
    }

    List<String> notes() {
        return notes;
    }
}
