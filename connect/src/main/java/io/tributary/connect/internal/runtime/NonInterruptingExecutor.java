package io.tributary.connect.internal.runtime;

import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A one-thread scheduled executor whose tasks, once running, are never interrupted by a cancellation. Reactor
 * cancels work on an executor-backed scheduler with {@code Future.cancel(true)} when it is disposed from another
 * thread; an interrupt landing in plugin code (or in the offsets file's IO) would close its channels
 * ({@code ClosedByInterruptException}) and break it for good. Cancelling still removes tasks that have not started.
 */
public final class NonInterruptingExecutor extends ScheduledThreadPoolExecutor {
    public NonInterruptingExecutor(ThreadFactory threads) {
        super(1, threads);
    }

    @Override
    protected <V> RunnableScheduledFuture<V> decorateTask(Runnable runnable, RunnableScheduledFuture<V> task) {
        return new NoInterrupt<>(task);
    }

    @Override
    protected <V> RunnableScheduledFuture<V> decorateTask(java.util.concurrent.Callable<V> callable,
                                                          RunnableScheduledFuture<V> task) {
        return new NoInterrupt<>(task);
    }

    /** Delegates everything, but cancels without interrupting. */
    private record NoInterrupt<V>(RunnableScheduledFuture<V> task) implements RunnableScheduledFuture<V> {
        @Override
        public boolean isPeriodic() {
            return task.isPeriodic();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return task.getDelay(unit);
        }

        @Override
        public int compareTo(Delayed o) {
            return task.compareTo(o instanceof NoInterrupt<?> n ? n.task : o);
        }

        @Override
        public void run() {
            task.run();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return task.cancel(false);
        }

        @Override
        public boolean isCancelled() {
            return task.isCancelled();
        }

        @Override
        public boolean isDone() {
            return task.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return task.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return task.get(timeout, unit);
        }
    }
}
