package io.tributary.connect.internal.runtime;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Holds a task's pipeline while its connector is PAUSED: a paused pipeline stops asking for records (backpressure),
 * so a source stops reading and a consumer stops fetching while keeping its group membership. Thread-safe.
 */
final class PauseGate {
    private final Scheduler scheduler;
    private Sinks.@Nullable Empty<Void> resumed;

    /** @param scheduler where the pipeline goes on after a resume (the task's thread) */
    PauseGate(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    synchronized void pause() {
        if (resumed == null) {
            resumed = Sinks.empty();
        }
    }

    synchronized void resume() {
        Sinks.Empty<Void> r = resumed;
        resumed = null;
        if (r != null) {
            r.tryEmitEmpty();
        }
    }

    synchronized boolean paused() {
        return resumed != null;
    }

    /** Completes at once while running; while paused, on the task's thread once resumed. */
    Mono<Void> whenOpen() {
        Sinks.Empty<Void> r;
        synchronized (this) {
            r = resumed;
        }
        return r == null ? Mono.empty() : r.asMono().publishOn(scheduler);
    }
}
