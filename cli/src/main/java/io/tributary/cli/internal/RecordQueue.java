package io.tributary.cli.internal;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.Exceptions;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * Hands the elements of a {@code Flux} (the consumer's records) to the command's own thread, which may block on
 * {@link #poll(Duration)}: the publisher's threads only enqueue, never wait. Demand is bounded: at most
 * {@code capacity} elements wait in the queue, and each one taken asks for one more, so a slow terminal slows the
 * fetching instead of filling memory. One thread polls; elements arrive from any thread.
 *
 * @param <T> the element type
 */
public final class RecordQueue<T> extends BaseSubscriber<T> implements AutoCloseable {
    private static final Object COMPLETE = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final int capacity;
    private volatile boolean done;

    private RecordQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Subscribes to {@code source} with a queue of {@code capacity} elements; subscription happens at once. */
    public static <T> RecordQueue<T> subscribe(Flux<T> source, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        RecordQueue<T> q = new RecordQueue<>(capacity);
        source.subscribe(q);
        return q;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        subscription.request(capacity);
    }

    @Override
    protected void hookOnNext(T value) {
        queue.add(value);
    }

    @Override
    protected void hookOnComplete() {
        queue.add(COMPLETE);
    }

    @Override
    protected void hookOnError(Throwable error) {
        queue.add(new Failure(error));
    }

    /**
     * The next element, waiting up to {@code timeout}; null if none came within it or the source completed (see
     * {@link #isDone()}).
     *
     * @throws RuntimeException the source's error, once it failed
     */
    @SuppressWarnings("unchecked")
    public @Nullable T poll(Duration timeout) throws InterruptedException {
        if (done) {
            return null;
        }
        Object next = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (next == null) {
            return null;
        }
        if (next == COMPLETE) {
            done = true;
            return null;
        }
        if (next instanceof Failure f) {
            done = true;
            throw Exceptions.propagate(f.error());
        }
        request(1);
        return (T) next;
    }

    /** Whether the source completed. */
    public boolean isDone() {
        return done;
    }

    /** Cancels the subscription. */
    @Override
    public void close() {
        dispose();
    }

    private record Failure(Throwable error) {
    }
}
