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

    /** Reserves {@code bytes}; completes at once when they are free, else once they are released. */
    Mono<Void> reserve(long bytes) {
        if (bytes > total) {
            return Mono.error(new TributaryException("A record of " + bytes + " bytes does not fit in buffer.memory ("
                + total + " bytes)"));
        }
        synchronized (this) {
            if (waiters.isEmpty() && available >= bytes) {
                available -= bytes;
                return Mono.empty();
            }
        }
        return Mono.create(sink -> {
            boolean now;
            synchronized (this) {
                now = waiters.isEmpty() && available >= bytes;
                if (now) {
                    available -= bytes;
                } else {
                    waiters.add(new Waiter(bytes, sink));
                }
            }
            if (now) {
                sink.success();
            }
        });
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

    synchronized long available() {
        return available;
    }

    private record Waiter(long bytes, MonoSink<Void> sink) {
    }
}
