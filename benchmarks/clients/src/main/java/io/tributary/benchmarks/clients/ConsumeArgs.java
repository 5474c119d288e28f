package io.tributary.benchmarks.clients;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The arguments every consumer load takes ({@code --bootstrap --topic --records --size --warmup-topic
 * --warmup-records}, optional {@code --rounds}, default 5) and the result line it prints, which the harness parses:
 * {@code RESULT records=N millis=M first=F cpuMillis=C}, where {@code millis} runs from the first record received to
 * the {@code N}th, {@code first} from the subscription (before the group join) to the first record and
 * {@code cpuMillis} is the CPU time the whole JVM used from the first record to the last. A load reads the
 * topic {@code rounds} times, each time with a new consumer in a fresh group, prints a {@code ROUND} line for each and
 * reports the round with the median {@code millis}.
 *
 * @param topic the measured topic, holding exactly {@code records} records
 * @param size the value size every record has; the loads check it, so a wrong topic cannot look fast
 * @param warmUpTopic read first, untimed, in a group of its own, by a consumer that is closed before the measured one
 *                    is created
 */
public record ConsumeArgs(String bootstrap, String topic, int records, int size, String warmUpTopic,
                          int warmUpRecords, int rounds) {
    public static ConsumeArgs parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            values.put(args[i], args[i + 1]);
        }
        return new ConsumeArgs(required(values, "--bootstrap"), required(values, "--topic"),
            Integer.parseInt(required(values, "--records")), Integer.parseInt(required(values, "--size")),
            required(values, "--warmup-topic"), Integer.parseInt(required(values, "--warmup-records")),
            Integer.parseInt(values.getOrDefault("--rounds", "5")));
    }

    private static String required(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }

    /** A consumer group nobody has used: every run reads from the earliest offset. */
    public static String freshGroup(String client, String topic) {
        return "bench-" + client + "-" + topic + "-" + UUID.randomUUID();
    }

    /**
     * What one read of a topic took.
     *
     * @param startNanos {@link System#nanoTime()} just before subscribing
     * @param firstNanos when the first record was handed to the application
     * @param lastNanos when the last of the expected records was
     * @param bytes the value bytes read, checked against {@code records × size}
     * @param cpuNanos the CPU time this JVM used from the first record to the last ({@link CpuClock})
     */
    public record Timing(long startNanos, long firstNanos, long lastNanos, long bytes, long cpuNanos) {
        /** Throws if the values read do not add up to {@code records} values of {@code size} bytes. */
        public Timing check(int records, int size) {
            if (bytes != (long) records * size) {
                throw new IllegalStateException("read " + bytes + " value bytes, expected " + records + " × " + size);
            }
            return this;
        }

        long millis() {
            return (lastNanos - firstNanos) / 1_000_000;
        }

        long firstMillis() {
            return (firstNanos - startNanos) / 1_000_000;
        }
    }

    /** Prints a {@code ROUND} line per round and the {@code RESULT} line of the median round. */
    public static void printResult(int records, List<Timing> rounds) {
        for (int i = 0; i < rounds.size(); i++) {
            Timing t = rounds.get(i);
            System.out.println(String.format(Locale.ROOT, "ROUND %d records=%d millis=%d first=%d cpuMillis=%d",
                i + 1, records, t.millis(), t.firstMillis(), t.cpuNanos() / 1_000_000));
        }
        List<Timing> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingLong(Timing::millis));
        Timing median = sorted.get(sorted.size() / 2);
        System.out.println(String.format(Locale.ROOT, "RESULT records=%d millis=%d first=%d cpuMillis=%d", records,
            median.millis(), median.firstMillis(), median.cpuNanos() / 1_000_000));
    }
}
