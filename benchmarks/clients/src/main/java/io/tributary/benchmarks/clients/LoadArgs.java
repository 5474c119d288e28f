package io.tributary.benchmarks.clients;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The arguments every load generator takes ({@code --bootstrap --topic --records --size --acks --idempotence}, and
 * optionally {@code --batch-size}: 0, the default, leaves the client's own batch size) and
 * the result line it prints, which the harness parses: {@code RESULT records=N millis=M cpuMillis=C}, the CPU time
 * being the whole JVM's during the timed part ({@link CpuClock}).
 */
public record LoadArgs(String bootstrap, String topic, int records, int size, String acks, boolean idempotence,
                       int batchSize) {
    /** The least time every generator spends warming up before it is timed. */
    static final Duration WARM_UP = Duration.ofSeconds(8);

    public static LoadArgs parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            values.put(args[i], args[i + 1]);
        }
        return new LoadArgs(required(values, "--bootstrap"), required(values, "--topic"),
            Integer.parseInt(required(values, "--records")), Integer.parseInt(required(values, "--size")),
            required(values, "--acks"), Boolean.parseBoolean(required(values, "--idempotence")),
            Integer.parseInt(values.getOrDefault("--batch-size", "0")));
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

    /**
     * The untimed warm-up every generator does alike: {@code sendAndWait} sends a fifth of the measured count and
     * waits for their acknowledgements, again and again until {@link #WARM_UP} has passed. By count alone the JIT
     * was still compiling in the measured run (JFR: about 5 s of compilation in a run of 4), which weighed most on
     * the client with the most code to compile and made the CPU figures mostly the compiler's.
     */
    public static void warmUp(int records, IntConsumer sendAndWait) {
        long end = System.nanoTime() + WARM_UP.toNanos();
        do {
            sendAndWait.accept(Math.max(1, records / 5));
        } while (System.nanoTime() < end);
    }

    public static void printResult(int records, long nanos, long cpuNanos) {
        System.out.println(String.format(Locale.ROOT, "RESULT records=%d millis=%d cpuMillis=%d", records,
            nanos / 1_000_000, cpuNanos / 1_000_000));
    }
}
