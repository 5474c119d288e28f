package io.tributary.broker.internal.txn;

import io.tributary.protocol.ErrorCode;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Carries out the transitions the {@link TransactionCoordinator} decides: writes each to {@code __transaction_state}
 * and installs it once durable, and completes prepared transactions (markers to every partition, then
 * CompleteCommit or CompleteAbort). Owned by the coordinator; thread-safe, never blocks the caller.
 */
final class Transitions {
    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);

    private final TransactionLog log;
    private final TransactionMarkers markers;
    private final Scheduler io;
    private final LongSupplier clock;
    private final Consumer<TransactionMetadata> forget;

    /** {@code forget} removes an id whose Dead state (its tombstone) was written. */
    Transitions(TransactionLog log, TransactionMarkers markers, Scheduler io, LongSupplier clock,
                Consumer<TransactionMetadata> forget) {
        this.log = log;
        this.markers = markers;
        this.io = io;
        this.clock = clock;
        this.forget = forget;
    }

    /**
     * Writes {@code next} (already marked pending on {@code meta}), installs it once durable and emits NONE, or
     * COORDINATOR_NOT_AVAILABLE if the write failed. Dead ids are written as tombstones and forgotten.
     */
    Mono<ErrorCode> write(TransactionMetadata meta, TransactionSnapshot next) {
        Sinks.One<ErrorCode> done = Sinks.one();
        boolean dead = next.state() == TransactionState.DEAD;
        log.write(meta.transactionalId(), dead ? null : next, failure -> {
            synchronized (meta) {
                meta.apply(next, failure == null);
            }
            if (failure == null && dead) {
                forget.accept(meta);
            }
            done.tryEmitValue(failure == null ? ErrorCode.NONE : ErrorCode.COORDINATOR_NOT_AVAILABLE);
        });
        return done.asMono();
    }

    /** Completes the transaction of {@code meta} once PrepareCommit or PrepareAbort was written ({@code NONE}). */
    void completeIfWritten(TransactionMetadata meta, ErrorCode error) {
        if (error == ErrorCode.NONE) {
            complete(meta);
        }
    }

    /**
     * Writes the markers of a transaction in PrepareCommit or PrepareAbort on the IO scheduler, then moves it to
     * CompleteCommit or CompleteAbort. Does nothing if the id is not preparing or is already being completed; a
     * failed completion is retried by the coordinator's timer.
     */
    void complete(TransactionMetadata meta) {
        TransactionSnapshot prepared;
        synchronized (meta) {
            if (meta.completing() || meta.hasPending() || !meta.state().isPreparing()) {
                return;
            }
            meta.completing(true);
            prepared = meta.current();
        }
        Mono.fromRunnable(() -> markers.write(meta.transactionalId(), prepared))
            .subscribeOn(io)
            .then(Mono.defer(() -> {
                TransactionSnapshot next;
                synchronized (meta) {
                    next = meta.prepareComplete(clock.getAsLong());
                    meta.pending(next);
                }
                return write(meta, next);
            }))
            .doFinally(signal -> {
                synchronized (meta) {
                    meta.completing(false);
                }
            })
            .subscribe(error -> {
                if (error != ErrorCode.NONE) {
                    LOG.warn("Transactional id {}: cannot complete the transaction: {}", meta.transactionalId(),
                        error);
                }
            }, e -> LOG.error("Transactional id {}: completing the transaction failed", meta.transactionalId(), e));
    }
}
