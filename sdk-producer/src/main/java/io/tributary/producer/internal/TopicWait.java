package io.tributary.producer.internal;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * The records waiting for one topic's metadata, released in the order they joined: a blocking producer's records
 * keep their order across that wait, and so must these. The thread that ends the wait runs every waiter, including
 * those that join while it does, before the wait closes; a sender finding it closed looks at the metadata again.
 * (A cached {@code Mono} did not keep that order: a record sent just as the value arrived got it at once, on its own
 * thread, ahead of earlier records the event loop had not yet handed it to.) Thread-safe.
 */
final class TopicWait {
    /** What a waiter does with the outcome: exactly one of the two is called, once. */
    interface Waiter {
        void ready(int partitions);

        void failed(Throwable error);
    }

    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private boolean closed;
    private int partitions;
    private @Nullable Throwable error;

    /** Queues {@code waiter} behind the others; false if the wait is over and closed (the caller must look again). */
    synchronized boolean join(Waiter waiter) {
        if (closed) {
            return false;
        }
        waiters.add(waiter);
        return true;
    }

    /** Ends the wait with the topic's partition count; runs the waiters in order on this thread. */
    void complete(int count) {
        synchronized (this) {
            partitions = count;
        }
        release();
    }

    /** Ends the wait with {@code failure}; runs the waiters in order on this thread. */
    void fail(Throwable failure) {
        synchronized (this) {
            error = failure;
        }
        release();
    }

    /** Whether the wait is closed: every waiter ran, and the next sender reads the metadata itself. */
    synchronized boolean closed() {
        return closed;
    }

    private void release() {
        while (true) {
            Waiter next;
            int count;
            Throwable failure;
            synchronized (this) {
                next = waiters.poll();
                if (next == null) {
                    closed = true;
                    return;
                }
                count = partitions;
                failure = error;
            }
            try {
                if (failure != null) {
                    next.failed(failure);
                } else {
                    next.ready(count);
                }
            } catch (RuntimeException e) {
                next.failed(e);
            }
        }
    }
}
