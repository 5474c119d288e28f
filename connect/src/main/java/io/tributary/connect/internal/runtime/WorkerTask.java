package io.tributary.connect.internal.runtime;

import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.internal.herder.TargetState;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The lifecycle of one running task, common to sources and sinks: start the plugin on the task's thread, run the
 * data pipeline until stopped or failed, then close (final offset commit, {@code stop()}, clients). A task that
 * fails to start or fails while running is FAILED with its stack trace and releases what it held; the worker goes
 * on. PAUSED holds the pipeline through a {@link PauseGate}. Thread-safe: control calls may come from any thread.
 */
abstract class WorkerTask {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerTask.class);

    protected final ConnectorTaskId id;
    protected final StatusStore statuses;
    protected final PluginThread thread;
    protected final Scheduler scheduler;
    protected final PauseGate gate;
    private final Duration shutdownTimeout;
    private final Sinks.Empty<Void> stopSignal = Sinks.empty();
    private final Sinks.Empty<Void> finished = Sinks.empty();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile @Nullable Disposable running;
    private volatile boolean stopping;

    WorkerTask(ConnectorTaskId id, StatusStore statuses, PluginThread thread, Duration shutdownTimeout) {
        this.id = id;
        this.statuses = statuses;
        this.thread = thread;
        this.scheduler = thread.scheduler();
        this.gate = new PauseGate(scheduler);
        this.shutdownTimeout = shutdownTimeout;
    }

    ConnectorTaskId id() {
        return id;
    }

    /** Whether {@link #stop()} was called. */
    protected final boolean stopping() {
        return stopping;
    }

    /** Creates converters, transforms and clients and starts the plugin; runs on the task's thread. */
    protected abstract Mono<Void> startTask();

    /** The data pipeline; completes once {@code stop} has fired and what was in flight is done. */
    protected abstract Mono<Void> execute(Mono<Void> stop);

    /** Final commit (if {@code commit}), the plugin's {@code stop()}, then the clients; never fails. */
    protected abstract Mono<Void> closeTask(boolean commit);

    /**
     * Starts the task in {@code target} state (STARTED or PAUSED); completes once it runs or has failed to start
     * (then FAILED); never fails.
     */
    final Mono<Void> start(TargetState target) {
        if (target == TargetState.PAUSED) {
            gate.pause();
        }
        statuses.put(id, ConnectorStatus.Value.UNASSIGNED, null);
        return Mono.defer(this::startTask)
            .subscribeOn(scheduler)
            .doOnSuccess(v -> run())
            .onErrorResume(e -> failed(e, false));
    }

    private void run() {
        if (stopping) {
            closeOnce(true).subscribe();
            return;
        }
        statuses.put(id, gate.paused() ? ConnectorStatus.Value.PAUSED : ConnectorStatus.Value.RUNNING, null);
        running = Mono.defer(() -> execute(stopSignal.asMono()))
            .subscribe(null, e -> failed(e, true).subscribe(), () -> closeOnce(true).subscribe());
    }

    private Mono<Void> failed(Throwable error, boolean started) {
        if (stopping) {
            LOG.debug("Task {} failed while stopping", id, error);
        } else {
            statuses.put(id, ConnectorStatus.Value.FAILED, error);
        }
        return closeOnce(started);
    }

    private Mono<Void> closeOnce(boolean commit) {
        if (!closing.compareAndSet(false, true)) {
            return finished.asMono();
        }
        return closeTask(commit)
            .onErrorResume(e -> {
                LOG.warn("Task {} did not close cleanly", id, e);
                return Mono.empty();
            })
            .doFinally(s -> {
                finished.tryEmitEmpty();
                thread.dispose();
            });
    }

    /** Moves the task to STARTED or PAUSED. */
    final void transitionTo(TargetState target) {
        if (target == TargetState.PAUSED) {
            gate.pause();
            statuses.replace(id, ConnectorStatus.Value.RUNNING, ConnectorStatus.Value.PAUSED);
        } else if (target == TargetState.STARTED) {
            gate.resume();
            statuses.replace(id, ConnectorStatus.Value.PAUSED, ConnectorStatus.Value.RUNNING);
        }
    }

    /**
     * Stops the task: it reads nothing more, finishes what is in flight, commits and closes; completes once done.
     * Past {@code task.shutdown.graceful.timeout.ms} the pipeline is cancelled and the task closed anyway.
     */
    final Mono<Void> stop() {
        return Mono.defer(() -> {
            stopping = true;
            gate.resume();   // a paused pipeline must see the stop
            stopSignal.tryEmitEmpty();
            if (running == null && !closing.get()) {
                // Stopped before it ran (or still starting): close once start has completed.
                return finished.asMono().timeout(shutdownTimeout.plusSeconds(30), Mono.empty());
            }
            return finished.asMono()
                .timeout(shutdownTimeout)
                .onErrorResume(TimeoutException.class, e -> {
                    LOG.warn("Task {} did not stop within {}; cancelling it", id, shutdownTimeout);
                    Disposable r = running;
                    if (r != null) {
                        r.dispose();
                    }
                    return closeOnce(false);
                });
        });
    }
}
