package io.tributary.connect.internal.runtime;

import java.util.concurrent.ScheduledExecutorService;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The thread of one connector or task: every call into its plugin runs there, one at a time, with the plugin's
 * class loader as context loader. It is an ordinary (blocking-allowed) thread, not a Reactor non-blocking one: plugin
 * calls such as {@code start} or a converter's first schema lookup may block, as Kafka Connect allows them to.
 * {@link #dispose()} ends it once its work is done.
 */
final class PluginThread {
    private final ScheduledExecutorService executor;
    private final Scheduler scheduler;

    PluginThread(String name, ClassLoader contextLoader) {
        // Scheduled: retries, ticks and the consumer's back-offs wait on this thread.
        this.executor = new NonInterruptingExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setContextClassLoader(contextLoader);
            return t;
        });
        this.scheduler = Schedulers.fromExecutorService(executor, name);
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Lets queued work finish, then ends the thread. Safe from any thread: the executor's lock is taken on
     * {@code boundedElastic}, never on a non-blocking thread that happens to complete the task's last step.
     */
    void dispose() {
        Schedulers.boundedElastic().schedule(executor::shutdown);
    }
}
