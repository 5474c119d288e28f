package io.tributary.consumer.internal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The fault a classic member's membership loop must act on next, raised from anywhere (heartbeats, metadata checks,
 * failed commits, the loop itself). Of several faults the gravest is kept; a fault about an older join round than
 * the current one is stale and dropped (the rejoin since has dealt with it), except a fatal one. The loop waits for
 * a fault with {@link #await}. Thread-safe.
 */
final class PendingFault {
    /** A fault about join round {@code round}, or about whatever round is current when it is {@link #ANY_ROUND}. */
    static final long ANY_ROUND = -1;

    private final LongSupplier currentRound;
    private final AtomicReference<@Nullable Fault> pending = new AtomicReference<>();
    private volatile Sinks.Empty<Void> wakeUp = Sinks.empty();

    /** A fault and what to do about it. */
    record Fault(GroupReaction reaction, long round, Throwable cause) {
    }

    PendingFault(LongSupplier currentRound) {
        this.currentRound = currentRound;
    }

    /** Records a fault about join round {@code round} and wakes the loop; a stale one is ignored. */
    void raise(GroupReaction reaction, long round, Throwable cause) {
        Fault raised = new Fault(reaction, round, cause);
        if (stale(raised)) {
            return;
        }
        pending.accumulateAndGet(raised, (old, now) -> old == null || stale(old)
            || GroupReaction.max(old.reaction(), now.reaction()) == now.reaction() ? now : old);
        wakeUp.tryEmitEmpty();
    }

    /** Wakes a waiting loop without a fault (it is to stop). */
    void wake() {
        wakeUp.tryEmitEmpty();
    }

    /** Takes the pending fault if it is not stale. */
    @Nullable Fault take() {
        Fault f = pending.getAndSet(null);
        return f == null || stale(f) ? null : f;
    }

    /** Completes when a fault is pending or {@link #wake} is called; at once if {@code stop} holds already. */
    Mono<Void> await(boolean stop) {
        Sinks.Empty<Void> signal = Sinks.empty();
        wakeUp = signal;
        return stop || waiting() ? Mono.empty() : signal.asMono();
    }

    private boolean waiting() {
        Fault f = pending.get();
        if (f != null && stale(f)) {
            pending.compareAndSet(f, null);
            f = pending.get();
        }
        return f != null;
    }

    private boolean stale(Fault f) {
        return f.round() != ANY_ROUND && f.round() != currentRound.getAsLong() && f.reaction() != GroupReaction.FATAL;
    }
}
