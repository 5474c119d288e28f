package io.tributary.benchmarks.clients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * When each member of a consumer group received records ({@link System#nanoTime()} per record or per polled batch),
 * and the longest stretch without any in a time window: the pause a rebalance causes. Thread-safe.
 */
final class Arrivals {
    private final long[][] times;
    private final int[] counts;

    Arrivals(int members) {
        times = new long[members][1 << 16];
        counts = new int[members];
    }

    /** Notes that {@code records} records reached {@code member} at {@code nanos}. */
    synchronized void record(int member, long nanos, int records) {
        if (records <= 0) {
            return;
        }
        if (counts[member] == times[member].length) {
            times[member] = Arrays.copyOf(times[member], times[member].length * 2);
        }
        times[member][counts[member]++] = nanos;
    }

    synchronized boolean allReceived() {
        for (int count : counts) {
            if (count == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The longest time in {@code [fromNanos, toNanos]} during which none of {@code members} received a record,
     * and when it began; a gap reaching {@code toNanos} means the members had not resumed by then.
     */
    synchronized Gap longestGap(List<Integer> members, long fromNanos, long toNanos) {
        List<Long> points = new ArrayList<>();
        points.add(fromNanos);
        points.add(toNanos);
        for (int m : members) {
            for (int i = 0; i < counts[m]; i++) {
                long t = times[m][i];
                if (t > fromNanos && t < toNanos) {
                    points.add(t);
                }
            }
        }
        long[] sorted = points.stream().mapToLong(Long::longValue).sorted().toArray();
        long longest = 0;
        long start = fromNanos;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] - sorted[i - 1] > longest) {
                longest = sorted[i] - sorted[i - 1];
                start = sorted[i - 1];
            }
        }
        return new Gap(start - fromNanos, longest, start + longest >= toNanos);
    }

    /**
     * A stretch without records.
     *
     * @param startNanos when it began, relative to the window's start
     * @param nanos how long it lasted
     * @param open whether it lasted to the window's end
     */
    record Gap(long startNanos, long nanos, boolean open) {
    }
}
