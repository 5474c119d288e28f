package io.tributary.connect.internal.runtime;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Runs asynchronous operations one at a time, in submission order: the next starts once the previous one's Mono has
 * terminated, each on {@code boundedElastic}. A herder's changes to connectors go through it, so that two requests
 * never interleave their steps.
 * An operation must not wait for another one submitted to the same queue (it would wait forever). Thread-safe.
 */
public final class SerialQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SerialQueue.class);

    private final Sinks.Many<Mono<Void>> jobs = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable running;

    public SerialQueue() {
        running = jobs.asFlux()
            // Off the caller's thread: a REST request arrives on an event loop, and creating plugins may block.
            .concatMap(job -> job
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> {
                    LOG.error("A herder operation failed unexpectedly", e);
                    return Mono.empty();
                }), 1)
            .subscribe();
    }

    /** Lazily submits {@code operation}; emits its result once it ran. */
    public <T> Mono<T> submit(Supplier<Mono<T>> operation) {
        return Mono.defer(() -> {
            Sinks.One<T> result = Sinks.one();
            Mono<Void> job = Mono.defer(operation)
                .doOnNext(result::tryEmitValue)
                .doOnError(result::tryEmitError)
                .doOnSuccess(v -> {
                    if (v == null) {
                        result.tryEmitEmpty();
                    }
                })
                .doOnCancel(() -> result.tryEmitError(new IllegalStateException("The herder is stopping")))
                .then()
                .onErrorResume(e -> Mono.empty());   // the caller has it
            enqueue(job);
            return result.asMono();
        });
    }

    /** Submits {@code operation} without waiting for it. */
    public void fireAndForget(Supplier<Mono<Void>> operation) {
        enqueue(Mono.defer(operation));
    }

    private void enqueue(Mono<Void> job) {
        synchronized (jobs) {
            if (jobs.tryEmitNext(job).isFailure()) {
                throw new IllegalStateException("The herder is stopped");
            }
        }
    }

    /** Stops running operations; those queued are dropped. */
    public void dispose() {
        running.dispose();
    }
}
