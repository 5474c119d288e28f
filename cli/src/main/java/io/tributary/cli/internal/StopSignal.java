package io.tributary.cli.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for long-running commands ({@code broker start}, {@code consume}, {@code produce}): the JVM's shutdown hook
 * {@linkplain #request() requests} a stop and then waits until the running command has {@linkplain #finished()
 * finished} cleaning up (committing offsets, closing the broker). Tests request a stop directly. Thread-safe.
 */
public final class StopSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Asks the running command to stop; idempotent. */
    public void request() {
        requested.countDown();
    }

    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Waits for a stop request without bound. */
    public void awaitRequest() throws InterruptedException {
        requested.await();
    }

    /** Marks the command done, releasing a shutdown hook that waits in {@link #awaitFinished(Duration)}. */
    public void finished() {
        finished.countDown();
    }

    /** Waits up to {@code timeout} for the command to finish; returns whether it did. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
