package io.tributary.benchmarks.clients;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this JVM has used, all threads, user and system: the loads report what they spent between their
 * first and last record, so that a client limited by the broker can still be compared on what it costs.
 */
public final class CpuClock {
    private CpuClock() {
    }

    /** Nanoseconds of CPU used by this process so far; -1 where the JVM cannot tell. */
    public static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getProcessCpuTime() : -1;
    }
}
