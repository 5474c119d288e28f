package io.tributary.consumer.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Runs asynchronous tasks one at a time, in the order they were posted: a task starts when the {@code Mono} of the
 * one before it has terminated. A failed task is logged and the next one runs. Posting never blocks and may happen
 * from any thread; tasks run on the thread that posted them or that completed the previous one. Thread-safe.
 */
final class SerialTasks {
    private static final Logger LOG = LoggerFactory.getLogger(SerialTasks.class);

    private final String name;
    private final Queue<Supplier<Mono<Void>>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    SerialTasks(String name) {
        this.name = name;
    }

    /** Runs {@code task} after every task posted before it. */
    void post(Supplier<Mono<Void>> task) {
        queue.add(task);
        if (pending.getAndIncrement() == 0) {
            runNext();
        }
    }

    private void runNext() {
        Supplier<Mono<Void>> task = queue.poll();
        if (task == null) {
            return;
        }
        Mono.defer(task)
            .onErrorResume(e -> {
                LOG.warn("A task of {} failed", name, e);
                return Mono.empty();
            })
            .doFinally(signal -> {
                if (pending.decrementAndGet() > 0) {
                    runNext();
                }
            })
            .subscribe();
    }
}
