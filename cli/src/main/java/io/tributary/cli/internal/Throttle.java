package io.tributary.cli.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds a producing loop to a target rate ({@code perf produce --throughput}), as Kafka's
 * {@code ThroughputThrottler} does: after each record it sleeps while the loop is ahead of the rate. Call it only
 * from a thread that may block (the perf generator runs on {@code boundedElastic}). Not thread-safe.
 */
public final class Throttle {
    private final double perSecond;
    private final long startNanos;

    /** A throttle at {@code perSecond} records a second; zero or negative means no limit. */
    public Throttle(double perSecond, long startNanos) {
        this.perSecond = perSecond;
        this.startNanos = startNanos;
    }

    /** Sleeps while {@code sent} records are ahead of the target rate. */
    public void pace(long sent) {
        if (perSecond <= 0) {
            return;
        }
        long dueNanos = startNanos + (long) (sent * 1_000_000_000.0 / perSecond);
        long wait;
        while ((wait = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }
}
