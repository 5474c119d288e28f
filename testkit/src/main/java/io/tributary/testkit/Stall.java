package io.tributary.testkit;

import java.time.Duration;

/**
 * Holds the calling thread on purpose, as a stuck subscriber or a slow processing step would, without burning a CPU
 * (which on a small test machine would starve the brokers too). {@link BlockHoundExtension} allows it on any thread.
 */
public final class Stall {
    private Stall() {
    }

    /** Sleeps for {@code time}; an interrupt ends it early and stays set. */
    public static void hold(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
