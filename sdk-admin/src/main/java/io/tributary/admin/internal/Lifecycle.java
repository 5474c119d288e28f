package io.tributary.admin.internal;

import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Counts the calls in flight so that closing can wait for them: a call enters on subscription and leaves when it
 * terminates or is cancelled; once closed, no call enters. Thread-safe; owned by {@link DefaultTributaryAdmin}.
 */
final class Lifecycle {
    private final Sinks.Empty<Void> drained = Sinks.empty();
    private int inFlight;
    private boolean closed;

    /** {@code call} tracked: it fails with {@code IllegalStateException} if subscribed after closing. */
    <T> Mono<T> track(Mono<T> call) {
        return Mono.defer(() -> enter() ? call.doFinally(s -> leave()) : Mono.error(closedError()));
    }

    /** {@code call} tracked, as {@link #track(Mono)}. */
    <T> Flux<T> track(Flux<T> call) {
        return Flux.defer(() -> enter() ? call.doFinally(s -> leave()) : Flux.error(closedError()));
    }

    /** Stops new calls; completes once the calls in flight ended, or after {@code timeout}. */
    Mono<Void> closeAndDrain(Duration timeout) {
        return Mono.defer(() -> {
            close();
            return drained.asMono()
                .timeout(timeout, Mono.empty());
        });
    }

    /** Stops new calls. */
    void close() {
        boolean empty;
        synchronized (this) {
            closed = true;
            empty = inFlight == 0;
        }
        if (empty) {
            drained.tryEmitEmpty();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private synchronized boolean enter() {
        if (closed) {
            return false;
        }
        inFlight++;
        return true;
    }

    private void leave() {
        boolean last;
        synchronized (this) {
            inFlight--;
            last = closed && inFlight == 0;
        }
        if (last) {
            drained.tryEmitEmpty();
        }
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("The admin client is closed");
    }
}
