package io.tributary.benchmarks.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The command line of both applications, as the harness passes it: {@code --name value} pairs.
 *
 * <ul>
 *   <li>{@code --workload word-count|windowed-count|restore}</li>
 *   <li>{@code --bootstrap host:port}, {@code --app-id ID}, {@code --input TOPIC}, {@code --output TOPIC} (not for
 *       restore)</li>
 *   <li>{@code --warmup-input TOPIC --warmup-output TOPIC} (throughput workloads): an untimed run first, as
 *       application {@code <app-id>-warmup}</li>
 *   <li>{@code --signals DIR}: where the harness's signal files appear and the events file is written</li>
 *   <li>{@code --state-dir DIR} (Kafka Streams' {@code state.dir}), {@code --commit-interval-ms MS}</li>
 *   <li>{@code --kafka-streams-props k=v,k=v}: extra Kafka Streams properties (ignored by Tributary)</li>
 * </ul>
 */
record AppArgs(String workload, String bootstrap, String appId, String input, @Nullable String output,
               @Nullable String warmupInput, @Nullable String warmupOutput, Path signals, Path stateDir,
               Duration commitInterval, Map<String, String> kafkaStreamsProps) {
    static final String WORD_COUNT = "word-count";
    static final String WINDOWED_COUNT = "windowed-count";
    static final String RESTORE = "restore";
    /** The store of the restore workload's table. */
    static final String RESTORE_STORE = "restore-store";
    /** Tumbling windows of the windowed count, and the grace (no record is late: timestamps rise per partition). */
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration GRACE = Duration.ofSeconds(10);

    static AppArgs parse(String[] argv) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --name value pairs, got " + argv[i]);
            }
            values.put(argv[i].substring(2), argv[i + 1]);
        }
        if (argv.length % 2 != 0) {
            throw new IllegalArgumentException("No value for " + argv[argv.length - 1]);
        }
        String workload = required(values, "workload");
        if (!workload.equals(WORD_COUNT) && !workload.equals(WINDOWED_COUNT) && !workload.equals(RESTORE)) {
            throw new IllegalArgumentException("Unknown workload " + workload);
        }
        Map<String, String> props = new LinkedHashMap<>();
        String extra = values.getOrDefault("kafka-streams-props", "");
        for (String pair : extra.split(",")) {
            if (!pair.isBlank()) {
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("--kafka-streams-props takes k=v,k=v; got " + pair);
                }
                props.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return new AppArgs(workload, required(values, "bootstrap"), required(values, "app-id"),
            required(values, "input"), values.get("output"), values.get("warmup-input"), values.get("warmup-output"),
            Path.of(required(values, "signals")), Path.of(required(values, "state-dir")),
            Duration.ofMillis(Long.parseLong(values.getOrDefault("commit-interval-ms", "1000"))), props);
    }

    private static String required(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    boolean throughput() {
        return !workload.equals(RESTORE);
    }

    /** The output topic (throughput workloads only). */
    String outputTopic() {
        if (output == null) {
            throw new IllegalArgumentException("--output is required for " + workload);
        }
        return output;
    }

    boolean hasWarmup() {
        return warmupInput != null && warmupOutput != null;
    }
}
