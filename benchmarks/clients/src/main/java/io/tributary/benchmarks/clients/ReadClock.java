package io.tributary.benchmarks.clients;

/**
 * Times one read of a topic the same way in every consumer load: started just before subscribing, told of each
 * record's value size as the application gets it, it notes the wall and CPU time ({@link CpuClock}) of the first
 * record and of the {@code records}th. Used by one thread at a time (the loads' record handlers run serially).
 */
public final class ReadClock {
    private final int records;
    private final long startNanos = System.nanoTime();
    private long firstNanos;
    private long lastNanos;
    private long cpuFirstNanos;
    private long cpuLastNanos;
    private long bytes;
    private int seen;

    public ReadClock(int records) {
        this.records = records;
    }

    /** Counts one record with a value of {@code valueBytes} bytes. */
    public void record(int valueBytes) {
        bytes += valueBytes;
        int n = ++seen;
        if (n == 1) {
            firstNanos = System.nanoTime();
            cpuFirstNanos = CpuClock.processCpuNanos();
        }
        if (n == records) {
            lastNanos = System.nanoTime();
            cpuLastNanos = CpuClock.processCpuNanos();
        }
    }

    /** Records counted so far. */
    public int seen() {
        return seen;
    }

    public ConsumeArgs.Timing timing() {
        return new ConsumeArgs.Timing(startNanos, firstNanos, lastNanos, bytes, cpuLastNanos - cpuFirstNanos);
    }
}
