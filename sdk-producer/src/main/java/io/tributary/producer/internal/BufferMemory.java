package io.tributary.producer.internal;

import io.tributary.errors.TributaryException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The {@code buffer.memory} budget: bytes of records handed to the producer and not yet acknowledged. Reserving
 * more than is free does not block: the returned {@code Mono} completes when enough is released, first come first
 * served, which holds back the caller's pipeline (backpressure). Thread-safe.
 */
final class BufferMemory {
    private final long total;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private long available;

    BufferMemory(long total) {
        this.total = total;
        this.available = total;
    }

    /** Reserves {@code bytes} if they are free now and nobody waits before; false otherwise. */
    synchronized boolean tryReserve(long bytes) {
        if (waiters.isEmpty() && available >= bytes) {
            available -= bytes;
            return true;
        }
        return false;
    }

    /**
     * Reserves {@code bytes} on subscription; completes at once when they are free, else once they are released.
     * Cancelled while waiting, it takes nothing (bytes granted to it meanwhile go back).
     */
    Mono<Void> reserve(long bytes) {
        if (bytes > total) {
            return Mono.error(new TributaryException("A record of " + bytes + " bytes does not fit in buffer.memory ("
                + total + " bytes)"));
        }
        return Mono.create(sink -> {
            Waiter waiter = new Waiter(bytes, sink);
            boolean now;
            synchronized (this) {
                now = waiters.isEmpty() && available >= bytes;
                if (now) {
                    available -= bytes;
                } else {
                    waiters.add(waiter);
                }
            }
            if (now) {
                sink.success();
            } else {
                sink.onCancel(() -> abandon(waiter));
            }
        });
    }

    /** A cancelled wait: out of the queue, or, when it was granted already, its bytes back to the budget. */
    private void abandon(Waiter waiter) {
        boolean queued;
        synchronized (this) {
            queued = waiters.remove(waiter);
        }
        if (!queued) {
            release(waiter.bytes);
        }
    }

    /** Returns {@code bytes} to the budget and lets waiting reservations through in order. */
    void release(long bytes) {
        List<MonoSink<Void>> ready = new ArrayList<>();
        synchronized (this) {
            available += bytes;
            while (!waiters.isEmpty() && waiters.peekFirst().bytes <= available) {
                Waiter w = waiters.pollFirst();
                available -= w.bytes;
                ready.add(w.sink);
            }
        }
        ready.forEach(MonoSink::success);
    }

    /** Whether nothing is reserved: every record handed over is finished (or none waits for memory). */
    synchronized boolean isAllFree() {
        return available == total;
    }

    synchronized long available() {
        return available;
    }

    /** Identity matters (two waits of the same size are two waiters): a class, not a record. */
    private static final class Waiter {
        final long bytes;
        final MonoSink<Void> sink;

        Waiter(long bytes, MonoSink<Void> sink) {
            this.bytes = bytes;
            this.sink = sink;
        }
    }
}
