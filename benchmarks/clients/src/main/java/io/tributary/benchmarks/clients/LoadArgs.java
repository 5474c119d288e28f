package io.tributary.benchmarks.clients;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments every load generator takes ({@code --bootstrap --topic --records --size --acks --idempotence}) and
 * the result line it prints, which the harness parses: {@code RESULT records=N millis=M cpuMillis=C}, the CPU time
 * being the whole JVM's during the timed part ({@link CpuClock}).
 */
public record LoadArgs(String bootstrap, String topic, int records, int size, String acks, boolean idempotence) {
    public static LoadArgs parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            values.put(args[i], args[i + 1]);
        }
        return new LoadArgs(required(values, "--bootstrap"), required(values, "--topic"),
            Integer.parseInt(required(values, "--records")), Integer.parseInt(required(values, "--size")),
            required(values, "--acks"), Boolean.parseBoolean(required(values, "--idempotence")));
    }

    private static String required(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }

    /** A value of {@code size} printable bytes, the same for every record (as Kafka's ProducerPerformance does). */
    public byte[] payload() {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        return payload;
    }

    /** Records sent untimed before the measured run, by every generator alike: a fifth of the measured count. */
    public static int warmUpRecords(int records) {
        return Math.max(1, records / 5);
    }

    public static void printResult(int records, long nanos, long cpuNanos) {
        System.out.println(String.format(Locale.ROOT, "RESULT records=%d millis=%d cpuMillis=%d", records,
            nanos / 1_000_000, cpuNanos / 1_000_000));
    }
}
