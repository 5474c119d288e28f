package io.tributary.benchmarks.harness;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/** Renders {@link ConsumerHeapSideBySide}'s results as markdown: a row per client, then Tributary's ratios. */
final class ConsumerHeapReport {
    /** What the run did, for the report's first paragraph. */
    record Setup(String broker, int records, int size, int partitions, int seconds, long delayMicros,
                 long sampleMillis, List<String> jvmOptions) {
    }

    /**
     * One client's slow read.
     *
     * @param records records processed from subscribing to the end of the window
     * @param millis the window: from the first record to the end
     * @param baselineMib heap in use after a full collection, before the consumer was created
     * @param maxMib the largest heap in use after a full collection in the window
     * @param medianMib the median of those samples
     * @param directMib the largest direct memory seen in the window (JDK direct buffers plus Netty's count)
     * @param rssMib the child's peak RSS ({@code VmHWM}) at the end
     * @param samples how many samples the window had
     */
    record HeapRun(long records, long millis, double baselineMib, double maxMib, double medianMib, double directMib,
                   double rssMib, int samples) {
        double rate() {
            return records * 1000.0 / Math.max(1, millis);
        }

        double growthMib() {
            return medianMib - baselineMib;
        }
    }

    private ConsumerHeapReport() {
    }

    static String markdown(Setup s, Map<String, @Nullable HeapRun> runs) {
        StringBuilder out = new StringBuilder();
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        out.append(String.format(Locale.ROOT, "Consumer heap under a slow subscriber, %s; broker: %s. Topic: %,d × "
            + "%,d B in %d partitions (%.2f GiB), read from the earliest offset in a fresh group. Each client in its "
            + "own JVM (`%s`) with default settings; the subscriber takes %,d µs per record on a thread of its own "
            + "and acknowledges it; for %d s after the first record, a full GC every %,d ms and the heap in use right "
            + "after it. %d CPUs, Java %s.%n%n", date, s.broker(), s.records(), s.size(), s.partitions(),
            (double) s.records() * s.size() / (1L << 30), String.join(" ", s.jvmOptions()), s.delayMicros(),
            s.seconds(), s.sampleMillis(), Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version")));
        out.append("| Client | Records processed | Records/s | Heap before subscribing, MiB | Post-GC heap max, MiB "
            + "| Post-GC heap median, MiB | Median − before, MiB | Direct memory max, MiB | Peak RSS, MiB |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        runs.forEach((client, r) -> out.append(r == null
            ? String.format("| %s | failed | | | | | | | |%n", clientName(client))
            : String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %,.0f |%n",
                clientName(client), r.records(), r.rate(), r.baselineMib(), r.maxMib(), r.medianMib(),
                r.growthMib(), r.directMib(), r.rssMib())));
        HeapRun tributary = runs.get("tributary");
        out.append("\nRatios (below 1 favours Tributary):\n\n| Ratio | Post-GC heap max | Post-GC heap median "
            + "| Median − before | Peak RSS |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (String other : List.of("kafka-clients", "reactor-kafka")) {
            HeapRun r = runs.get(other);
            out.append(String.format("| Tributary / %s | %s | %s | %s | %s |%n", other,
                ratio(tributary, r, HeapRun::maxMib), ratio(tributary, r, HeapRun::medianMib),
                ratio(tributary, r, HeapRun::growthMib), ratio(tributary, r, HeapRun::rssMib)));
        }
        return out.toString();
    }

    private static String ratio(@Nullable HeapRun a, @Nullable HeapRun b, ToDoubleFunction<HeapRun> value) {
        if (a == null || b == null || value.applyAsDouble(b) <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", value.applyAsDouble(a) / value.applyAsDouble(b));
    }

    private static String clientName(String client) {
        return client.equals("tributary") ? "Tributary SDK" : client;
    }
}
