package io.tributary.broker.internal.partition;

import io.tributary.broker.internal.log.LogStorageException;
import io.tributary.errors.ApiException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;

/**
 * The appends to one partition of an internal topic ({@code __consumer_offsets}, {@code __transaction_state}): a
 * queue drained by one IO task at a time, in submission order, so callers on event loops never touch the disk and
 * their appends keep their order. Thread-safe.
 *
 * @param <P> an append waiting its turn
 */
public final class AppendLane<P extends AppendLane.Pending> {
    private static final Logger LOG = LoggerFactory.getLogger(AppendLane.class);

    /** An append waiting its turn, told how it went. */
    public interface Pending {
        /** Called once: {@code failure} is null when the append was written. Must not throw. */
        void complete(@Nullable Throwable failure);
    }

    private final String partition;
    private final Scheduler io;
    private final Consumer<P> append;
    private final Queue<P> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger work = new AtomicInteger();

    /**
     * @param partition the partition's name, for the log
     * @param append    writes one pending append, throwing if it cannot
     */
    public AppendLane(String partition, Scheduler io, Consumer<P> append) {
        this.partition = partition;
        this.io = io;
        this.append = append;
    }

    public void submit(P pending) {
        queue.add(pending);
        if (work.getAndIncrement() == 0) {
            try {
                io.schedule(this::drain);
            } catch (RuntimeException e) {
                // The IO scheduler is gone (shutdown): fail everything queued.
                P p;
                while ((p = queue.poll()) != null) {
                    complete(p, e);
                }
                work.set(0);
            }
        }
    }

    private void drain() {
        do {
            P p = queue.poll();
            if (p != null) {
                Throwable failure = null;
                try {
                    append.accept(p);
                } catch (ApiException e) {
                    failure = e;   // a refusal the caller answers with (a fenced producer, ...)
                } catch (LogStorageException e) {
                    logStorageFailure(e);
                    failure = e;
                } catch (RuntimeException e) {
                    LOG.error("Cannot append to {}", partition, e);
                    failure = e;
                }
                complete(p, failure);
            }
        } while (work.decrementAndGet() != 0);
    }

    private void logStorageFailure(LogStorageException e) {
        if (e.logClosed()) {
            // The broker is shutting down: the client is told and retries against the next coordinator.
            LOG.debug("Not appending to {}: {}", partition, e.getMessage());
        } else {
            LOG.error("Cannot append to {}", partition, e);
        }
    }

    private void complete(P p, @Nullable Throwable failure) {
        try {
            p.complete(failure);
        } catch (RuntimeException e) {
            LOG.error("A completion of {} failed", partition, e);
        }
    }
}
