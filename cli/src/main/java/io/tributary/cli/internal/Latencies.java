package io.tributary.cli.internal;

import java.util.Arrays;

/**
 * Latencies of a perf run: the count, sum and maximum of all of them, and a sample of at most {@code maxSamples}
 * (every n-th, as Kafka's {@code ProducerPerformance} keeps) for the percentiles. Not thread-safe: one thread (or a
 * serialized Reactive Streams subscriber) records; read the {@link #summary()} after recording ended.
 */
public final class Latencies {
    private final long[] samples;
    private final long sampling;
    private int sampled;
    private long count;
    private long totalNanos;
    private long maxNanos;

    /** For about {@code expected} latencies, keeping at most {@code maxSamples} for the percentiles. */
    public Latencies(long expected, int maxSamples) {
        if (expected < 1 || maxSamples < 1) {
            throw new IllegalArgumentException("expected and maxSamples must be positive, were " + expected + " and "
                + maxSamples);
        }
        this.sampling = Math.max(1, expected / maxSamples);
        this.samples = new long[(int) Math.min(expected, maxSamples)];
    }

    /** Records one latency. */
    public void record(long nanos) {
        if (count % sampling == 0 && sampled < samples.length) {
            samples[sampled++] = nanos;
        }
        count++;
        totalNanos += nanos;
        maxNanos = Math.max(maxNanos, nanos);
    }

    public long count() {
        return count;
    }

    /** Average, percentiles and maximum, in milliseconds; all zero when nothing was recorded. */
    public Summary summary() {
        long[] sorted = Arrays.copyOf(samples, sampled);
        Arrays.sort(sorted);
        double avg = count == 0 ? 0 : millis(totalNanos) / count;
        return new Summary(count, avg, percentile(sorted, 0.50), percentile(sorted, 0.95),
            percentile(sorted, 0.99), percentile(sorted, 0.999), millis(maxNanos));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return millis(sorted[Math.max(0, index)]);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /**
     * Latency statistics in milliseconds.
     *
     * @param count the number of latencies recorded
     */
    public record Summary(long count, double avgMs, double p50Ms, double p95Ms, double p99Ms, double p999Ms,
                          double maxMs) {
    }
}
