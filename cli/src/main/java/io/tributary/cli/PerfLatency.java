package io.tributary.cli;

import io.tributary.cli.internal.Latencies;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Number formatting and the latency part of the perf commands' output. */
final class PerfLatency {
    private PerfLatency() {
    }

    static Map<String, Object> json(Latencies.Summary s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("avg", round(s.avgMs()));
        json.put("p50", round(s.p50Ms()));
        json.put("p95", round(s.p95Ms()));
        json.put("p99", round(s.p99Ms()));
        json.put("p999", round(s.p999Ms()));
        json.put("max", round(s.maxMs()));
        return json;
    }

    /** {@code value} rounded to two decimals, for JSON. */
    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** {@code value} with two decimals, for tables. */
    static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
