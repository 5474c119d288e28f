package io.tributary.producer.internal;

import io.tributary.producer.RecordMetadata;
import io.tributary.producer.SendResult;
import io.tributary.producer.SenderRecord;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * The operator behind {@code send(Publisher)}: appends each record as it arrives, in order, and emits the results in
 * the records' order as their batches complete. A record that cannot be appended at once (metadata or buffer memory
 * to wait for, an asynchronous serializer) holds back the ones after it until it is in; meanwhile at most
 * {@value #READ_AHEAD} records are requested ahead. One small object per record and no per-record subscription:
 * the per-record {@code Mono} chain this replaces cost more CPU than building the batches.
 *
 * <p>Every piece of state except the atomics and the result fields is touched only inside {@link #drain()}, which
 * runs on one thread at a time (the usual work-in-progress loop). Signals from the network (a batch completed, the
 * buffer memory or metadata a record waited for arrived) drain on {@code worker}, never inline: draining appends the
 * records that follow and requests more from the publisher, which a synchronous publisher answers on the requesting
 * thread, so inline it would build batches on the event loop that should be reading responses and writing requests.
 */
final class SendPipeline<K, V, T> implements CoreSubscriber<SenderRecord<K, V, T>>, Subscription {
    /** Records requested from the publisher and not yet appended, at most. */
    static final int READ_AHEAD = 32;
    /** Appended records awaiting their results, at most; buffer memory bounds them first. */
    static final int MAX_AWAITING = 32_768;

    /** Appends one record: at once (null returned), or once the returned {@code Mono} completes. */
    interface Appender<K, V> {
        @Nullable Mono<Void> appendNowOrLater(io.tributary.producer.ProducerRecord<K, V> record,
                                              RecordCallback callback);
    }

    private final CoreSubscriber<? super SendResult<T>> downstream;
    private final Appender<K, V> appender;
    private final boolean stopOnError;
    private final Queue<SenderRecord<K, V, T>> inbound = Queues.<SenderRecord<K, V, T>>get(READ_AHEAD).get();
    private final ArrayDeque<Pending<T>> awaiting = new ArrayDeque<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private @Nullable Subscription upstream;
    /** Requested from the publisher and not yet taken from {@link #inbound}. */
    private long upstreamOutstanding;
    private volatile boolean upstreamDone;
    private volatile @Nullable Throwable upstreamError;
    private volatile boolean cancelled;
    private boolean terminated;
    /** A record is waiting to be appended: nothing after it may be appended before it. */
    private volatile boolean waiting;
    private volatile @Nullable Disposable wait;
    private final Scheduler.Worker worker;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    SendPipeline(CoreSubscriber<? super SendResult<T>> downstream, Appender<K, V> appender, boolean stopOnError,
                 Scheduler scheduler) {
        this.downstream = downstream;
        this.appender = appender;
        this.stopOnError = stopOnError;
        this.worker = scheduler.createWorker();
    }

    @Override
    public Context currentContext() {
        return downstream.currentContext();
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (Operators.validate(upstream, s)) {
            upstream = s;
            downstream.onSubscribe(this);
            drain();
        }
    }

    @Override
    public void onNext(SenderRecord<K, V, T> record) {
        if (upstreamDone || !inbound.offer(record)) {
            Operators.onNextDropped(record, currentContext());
            return;
        }
        drain();
    }

    @Override
    public void onError(Throwable t) {
        if (upstreamDone) {
            Operators.onErrorDropped(t, currentContext());
            return;
        }
        upstreamError = t;
        upstreamDone = true;
        drain();
    }

    @Override
    public void onComplete() {
        upstreamDone = true;
        drain();
    }

    @Override
    public void request(long n) {
        if (Operators.validate(n)) {
            requested.getAndUpdate(r -> Operators.addCap(r, n));
            drain();
        }
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            cancelUpstreamAndWait();
            drain();
        }
    }

    private void cancelUpstreamAndWait() {
        Subscription s = upstream;
        if (s != null) {
            s.cancel();
        }
        Disposable w = wait;
        if (w != null) {
            w.dispose();
        }
    }

    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (cancelled || terminated) {
                inbound.clear();
                awaiting.clear();
                worker.dispose();
            } else {
                appendArrived();
                emitCompleted();
                if (!terminated) {
                    completeIfDone();
                }
                if (!terminated) {
                    requestMore();
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void appendArrived() {
        while (!waiting && awaiting.size() < MAX_AWAITING) {
            SenderRecord<K, V, T> record = inbound.poll();
            if (record == null) {
                return;
            }
            upstreamOutstanding--;
            Pending<T> pending = new Pending<>(this, record.correlation(), record.record().topic());
            awaiting.add(pending);
            Mono<Void> later;
            try {
                later = appender.appendNowOrLater(record.record(), pending);
            } catch (RuntimeException e) {
                pending.onFailed(e);
                continue;
            }
            if (later != null) {
                waiting = true;
                wait = later.subscribe(null, error -> {
                    pending.onFailed(error);
                    waitOver();
                }, this::waitOver);
            }
        }
    }

    /** The record that waited is in (or failed); the next ones are appended on the worker. */
    private void waitOver() {
        // Still waiting until the worker runs: a drain on the network thread meanwhile must not append.
        schedule(() -> {
            waiting = false;
            wait = null;
            drain();
        });
    }

    /** A result arrived, on the network thread that completed its batch: drain on the worker, once for many. */
    private void drainLater() {
        if (drainScheduled.compareAndSet(false, true)) {
            schedule(() -> {
                drainScheduled.set(false);
                drain();
            });
        }
    }

    private void schedule(Runnable task) {
        try {
            worker.schedule(task);
        } catch (RejectedExecutionException e) {
            // Disposed: the pipeline ended, and the drain has nothing left to do but clear.
            task.run();
        }
    }

    private void emitCompleted() {
        long demand = requested.get();
        long emitted = 0;
        while (emitted != demand && !cancelled) {
            Pending<T> head = awaiting.peek();
            SendResult<T> result = head == null ? null : head.result;
            if (result == null) {
                break;
            }
            awaiting.poll();
            if (stopOnError && result instanceof SendResult.Failed<T> failed) {
                terminated = true;
                cancelUpstreamAndWait();
                inbound.clear();
                awaiting.clear();
                downstream.onError(failed.error());
                return;
            }
            downstream.onNext(result);
            emitted++;
        }
        if (emitted != 0 && demand != Long.MAX_VALUE) {
            requested.addAndGet(-emitted);
        }
    }

    private void completeIfDone() {
        if (upstreamDone && inbound.isEmpty() && !waiting && awaiting.isEmpty()) {
            terminated = true;
            Throwable error = upstreamError;
            if (error != null) {
                downstream.onError(error);
            } else {
                downstream.onComplete();
            }
        }
    }

    /** Tops the publisher's demand up to {@value #READ_AHEAD} once half of it is used, unless a record waits. */
    private void requestMore() {
        Subscription s = upstream;
        if (s == null || upstreamDone || waiting) {
            return;
        }
        long room = Math.min(READ_AHEAD, MAX_AWAITING - awaiting.size()) - upstreamOutstanding;
        if (room >= READ_AHEAD / 2 || (room > 0 && upstreamOutstanding == 0)) {
            upstreamOutstanding += room;
            s.request(room);
        }
    }

    /** One record's place in the result order; completed from its batch's thread. */
    private static final class Pending<T> implements RecordCallback {
        private final SendPipeline<?, ?, T> pipeline;
        private final T correlation;
        private final String topic;
        volatile @Nullable SendResult<T> result;

        Pending(SendPipeline<?, ?, T> pipeline, T correlation, String topic) {
            this.pipeline = pipeline;
            this.correlation = correlation;
            this.topic = topic;
        }

        @Override
        public void onSent(RecordMetadata metadata) {
            finish(new SendResult.Sent<>(correlation, metadata));
        }

        @Override
        public void onFailed(Throwable error) {
            finish(new SendResult.Failed<>(correlation, Sender.asTributary(error, "Sending to " + topic
                + " failed")));
        }

        private void finish(SendResult<T> outcome) {
            if (result == null) {
                result = outcome;
                pipeline.drainLater();
            }
        }
    }
}
