package io.tributary.producer.internal;

import io.netty.buffer.ByteBuf;
import io.tributary.client.internal.BrokerConnection;
import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.ClusterView;
import io.tributary.client.internal.Failures;
import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.errors.TributaryException;
import io.tributary.producer.Acks;
import io.tributary.producer.ProducerOptions;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Moves batches from the {@link RecordAccumulator} to the brokers: one Produce request per leader at a time per
 * pass, with up to {@code max.in.flight} requests awaiting answers per broker, one batch per partition per request.
 * Completes batches from the answers, retries the retriable ones (idempotent ordering kept by
 * {@link PartitionQueue}), expires batches past {@code delivery.timeout.ms}.
 *
 * <p>Thread-safe without a thread of its own: {@link #wakeup()} may be called from any thread (appends, timers,
 * responses) and runs the drain loop on the caller's thread, one caller at a time.
 */
final class Sender {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private static final long TICK_MILLIS = 100;

    private final ClientRuntime runtime;
    private final RecordAccumulator accumulator;
    private final BufferMemory memory;
    private final ProducerIdentity identity;
    private final @Nullable TransactionDriver transactions;
    private final boolean idempotent;
    private final @Nullable String transactionalId;
    private final Acks acks;
    private final int maxInFlight;
    private final int maxRequestSize;
    private final long lingerNanos;
    private final long deliveryTimeoutNanos;
    private final int requestTimeoutMs;
    private final boolean autoCreateTopics;
    private final AtomicInteger wip = new AtomicInteger();
    private final Map<Integer, AtomicInteger> inFlightPerNode = new ConcurrentHashMap<>();
    private final AtomicInteger flushes = new AtomicInteger();
    private final AtomicBoolean refreshingMetadata = new AtomicBoolean();
    private volatile long lingerWakeupNanos;
    /** When queued batches were last checked for the delivery time-out; checking every pass would cost O(n). */
    private long lastExpiryCheckNanos;
    private volatile @Nullable Disposable ticker;
    private volatile @Nullable TributaryException fatal;

    Sender(ClientRuntime runtime, RecordAccumulator accumulator, BufferMemory memory, ProducerIdentity identity,
           @Nullable TransactionDriver transactions, ProducerOptions<?, ?> options) {
        this.transactions = transactions;
        this.runtime = runtime;
        this.accumulator = accumulator;
        this.memory = memory;
        this.identity = identity;
        this.idempotent = options.idempotence();
        this.transactionalId = options.transactionalId();
        this.acks = options.acks();
        this.maxInFlight = options.maxInFlight();
        this.maxRequestSize = options.maxRequestSize();
        this.lingerNanos = options.linger().toNanos();
        this.deliveryTimeoutNanos = options.deliveryTimeout().toNanos();
        this.requestTimeoutMs = (int) Math.min(Integer.MAX_VALUE, options.client().requestTimeout().toMillis());
        this.autoCreateTopics = options.autoCreateTopics();
    }

    /** Reacts to an append: a filled batch is sent now, a new one once it has lingered. */
    void appended(RecordAccumulator.Appended appended, long nowNanos) {
        startTicker();
        if (appended == RecordAccumulator.Appended.FILLED_BATCH || lingerNanos == 0) {
            wakeup();
        } else if (appended == RecordAccumulator.Appended.NEW_BATCH) {
            wakeupAt(nowNanos + lingerNanos);
        }
    }

    /** Sends whatever is ready while flush requests are open, without waiting for linger. */
    void beginFlush() {
        flushes.incrementAndGet();
        wakeup();
    }

    void endFlush() {
        flushes.decrementAndGet();
    }

    /** Runs the drain loop unless another thread runs it; that thread then runs it once more. */
    void wakeup() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            try {
                drainOnce();
            } catch (RuntimeException | Error e) {
                LOG.error("Producer sender failed; failing queued records", e);
                failEverything(new TributaryException("The producer's sender failed: " + e, e));
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /**
     * Runs the drain loop at {@code deadlineNanos}, unless a wakeup is already due no later; the drain loop re-arms
     * for the next batch's linger deadline each time it runs, so a skipped request is never lost.
     */
    private void wakeupAt(long deadlineNanos) {
        long pending = lingerWakeupNanos;
        long now = System.nanoTime();
        if (pending != 0 && pending - now > 0 && pending - deadlineNanos <= 0) {
            return;
        }
        lingerWakeupNanos = deadlineNanos;
        Schedulers.parallel().schedule(() -> {
            if (lingerWakeupNanos == deadlineNanos) {
                lingerWakeupNanos = 0;
            }
            wakeup();
        }, Math.max(0, deadlineNanos - now), TimeUnit.NANOSECONDS);
    }

    /** Arms a wakeup for the earliest head batch that is waiting for its linger time or its retry back-off. */
    private void armNextDeadline(long now) {
        long next = Long.MAX_VALUE;
        for (PartitionQueue queue : accumulator.queues()) {
            ProducerBatch head = queue.peek();
            if (head != null) {
                long due = head.attempts > 0 ? head.retryAtNanos : head.createdNanos + lingerNanos;
                if (due - now > 0 && (next == Long.MAX_VALUE || due - next < 0)) {
                    next = due;
                }
            }
        }
        if (next != Long.MAX_VALUE) {
            wakeupAt(next);
        }
    }

    private void startTicker() {
        if (ticker == null) {
            synchronized (this) {
                if (ticker == null) {
                    ticker = Schedulers.parallel().schedulePeriodically(this::wakeup, TICK_MILLIS, TICK_MILLIS,
                        TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private void drainOnce() {
        long now = System.nanoTime();
        if (now - lastExpiryCheckNanos >= TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)) {
            lastExpiryCheckNanos = now;
            expire(now);
        }
        TributaryException failure = fatal;
        if (failure != null) {
            failEverything(failure);
            return;
        }
        if (transactions == null && idempotent && !identity.isReady()) {
            if (!accumulator.isEmpty()) {
                identity.ensure(this::wakeup, e -> failEverything(asTributary(e, "InitProducerId failed")));
            }
            return;
        }
        boolean sent;
        do {
            sent = sendReady(now);
        } while (sent);
        armNextDeadline(now);
    }

    /** One request per broker with capacity, made of the sendable head batch of each of its partitions. */
    private boolean sendReady(long now) {
        ClusterView view = runtime.cluster();
        Map<Integer, List<ProducerBatch>> perNode = new HashMap<>();
        Map<Integer, Integer> bytesPerNode = new HashMap<>();
        Set<String> unknownLeaders = new HashSet<>();
        boolean flushing = flushes.get() > 0;
        for (PartitionQueue queue : accumulator.queues()) {
            if (queue.isEmpty()) {
                continue;
            }
            int leader = leaderOf(view, queue.partition);
            if (leader < 0) {
                unknownLeaders.add(queue.partition.topic());
                continue;
            }
            if (inFlight(leader).get() >= maxInFlight) {
                continue;
            }
            if (transactions != null && !transactions.isAdded(queue.partition, this::wakeup, this::failEverything)) {
                continue;
            }
            int bytes = bytesPerNode.getOrDefault(leader, 0);
            ProducerBatch head = queue.peek();
            if (head == null || (bytes > 0 && bytes + head.sizeInBytes() > maxRequestSize)) {
                continue;
            }
            ProducerBatch batch = queue.pollSendable(now, lingerNanos, flushing, idempotent);
            if (batch != null) {
                perNode.computeIfAbsent(leader, n -> new ArrayList<>()).add(batch);
                bytesPerNode.put(leader, bytes + batch.sizeInBytes());
            }
        }
        if (!unknownLeaders.isEmpty()) {
            refreshMetadata(unknownLeaders);
        }
        for (Map.Entry<Integer, List<ProducerBatch>> e : perNode.entrySet()) {
            send(e.getKey(), e.getValue());
        }
        return !perNode.isEmpty();
    }

    private static int leaderOf(ClusterView view, TopicPartition tp) {
        ClusterView.TopicMetadata topic = view.topic(tp.topic());
        if (topic == null || tp.partition() >= topic.partitionCount()) {
            return -1;
        }
        return topic.partitions().get(tp.partition()).leader();
    }

    private AtomicInteger inFlight(int node) {
        return inFlightPerNode.computeIfAbsent(node, n -> new AtomicInteger());
    }

    private void send(int node, List<ProducerBatch> batches) {
        try {
            sendOrThrow(node, batches);
        } catch (RuntimeException | Error e) {
            // The batches left their queues: fail them here, or nobody will.
            TributaryException failure = asTributary(e, "Could not send a Produce request to node " + node);
            for (ProducerBatch b : batches) {
                completed(b);
                b.fail(failure);
                released(b);
            }
            throw e;
        }
    }

    private void sendOrThrow(int node, List<ProducerBatch> batches) {
        ProducerIdentity.Id id = identity.current();
        Map<String, ProduceRequest.TopicProduceData> topics = new LinkedHashMap<>();
        List<ByteBuf> references = new ArrayList<>(batches.size());
        for (ProducerBatch b : batches) {
            ByteBuf bytes;
            if (idempotent) {
                PartitionQueue queue = accumulator.queue(b.partition);
                int sequence = b.hasSequence() ? b.baseSequence() : queue.assignSequence(b.recordCount());
                bytes = b.bytes(id.producerId(), id.epoch(), sequence, transactionalId != null);
            } else {
                bytes = b.bytes(-1L, (short) -1, -1, false);
            }
            references.add(bytes);
            topics.computeIfAbsent(b.partition.topic(), t -> new ProduceRequest.TopicProduceData().name(t)
                    .partitionData(new ArrayList<>()))
                .partitionData().add(new ProduceRequest.PartitionProduceData().index(b.partition.partition())
                    .records(bytes));
        }
        ProduceRequest request = new ProduceRequest()
            .transactionalId(transactionalId)
            .acks(acks.wire())
            .timeoutMs(requestTimeoutMs)
            .topicData(new ArrayList<>(topics.values()));
        inFlight(node).incrementAndGet();
        AtomicBoolean answered = new AtomicBoolean();
        runtime.connection(node)
            .flatMap(c -> c.send(request, produceVersion(c)))
            .cast(ProduceResponse.class)
            .doFinally(s -> references.forEach(ByteBuf::release))
            .subscribe(
                response -> {
                    answered.set(true);
                    onResponse(node, batches, response);
                },
                error -> onRequestFailed(node, batches, error),
                () -> {
                    if (!answered.get()) {
                        // acks=0: written is all we learn.
                        onNoResponse(node, batches);
                    }
                });
    }

    private short produceVersion(BrokerConnection c) {
        short negotiated = c.versions().version(ApiKey.PRODUCE);
        return transactions == null ? negotiated : (short) Math.min(negotiated, TransactionDriver.MAX_PRODUCE_VERSION);
    }

    private void onResponse(int node, List<ProducerBatch> batches, ProduceResponse response) {
        Map<TopicPartition, ProduceResponse.PartitionProduceResponse> byPartition = new HashMap<>();
        for (ProduceResponse.TopicProduceResponse t : response.responses()) {
            for (ProduceResponse.PartitionProduceResponse p : t.partitionResponses()) {
                byPartition.put(new TopicPartition(t.name(), p.index()), p);
            }
        }
        long now = System.nanoTime();
        for (ProducerBatch b : batches) {
            ProduceResponse.PartitionProduceResponse p = byPartition.get(b.partition);
            if (p == null) {
                retryOrFail(b, ErrorCode.UNKNOWN_SERVER_ERROR.exception("The Produce response to node " + node
                    + " did not mention " + b.partition), now);
            } else if (p.errorCode() == ErrorCode.NONE.code()
                || p.errorCode() == ErrorCode.DUPLICATE_SEQUENCE_NUMBER.code()) {
                completed(b, true);
                b.complete(p.baseOffset(), p.logAppendTimeMs());
                released(b);
            } else {
                retryOrFail(b, Failures.of(p.errorCode(), p.errorMessage(), "Produce to " + b.partition), now);
            }
        }
        requestDone(node);
    }

    private void onRequestFailed(int node, List<ProducerBatch> batches, Throwable error) {
        long now = System.nanoTime();
        TributaryException e = asTributary(error, "Produce request to node " + node + " failed");
        for (ProducerBatch b : batches) {
            retryOrFail(b, e, now);
        }
        requestDone(node);
    }

    private void onNoResponse(int node, List<ProducerBatch> batches) {
        for (ProducerBatch b : batches) {
            completed(b);
            b.complete(-1, -1);
            released(b);
        }
        requestDone(node);
    }

    private void requestDone(int node) {
        inFlight(node).decrementAndGet();
        wakeup();
    }

    private void retryOrFail(ProducerBatch b, TributaryException error, long now) {
        PartitionQueue queue = accumulator.queue(b.partition);
        boolean retriable = Failures.isRetriable(error) || (idempotent && queue.isRecovering()
            && error instanceof ApiException api && api.error() == ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
        if (retriable && now - b.createdNanos < deliveryTimeoutNanos && fatal == null) {
            if (Failures.invalidatesMetadata(error)) {
                runtime.invalidateMetadata();
            }
            b.attempts++;
            long backoff = Math.min(runtime.options().retryBackoffMax().toNanos(),
                runtime.options().retryBackoff().toNanos() << Math.min(10, b.attempts - 1));
            b.retryAtNanos = now + backoff;
            LOG.debug("Retrying {} after {}", b, error.getMessage());
            queue.retry(b);
            wakeupAt(b.retryAtNanos);
            return;
        }
        if (error instanceof ApiException api && (api.error() == ErrorCode.PRODUCER_FENCED
            || api.error() == ErrorCode.INVALID_PRODUCER_EPOCH)) {
            if (transactions != null) {
                transactions.noteFatal(error);
                error = transactions.fatal() != null ? transactions.fatal() : error;
            }
            fatal = error;
        }
        completed(b);
        b.fail(error);
        released(b);
    }

    private void completed(ProducerBatch b) {
        completed(b, false);
    }

    private void completed(ProducerBatch b, boolean written) {
        accumulator.queue(b.partition).completed(written);
    }

    /**
     * Gives a finished batch's buffer memory back, after its records' callbacks ran: flush reads "all memory free" as
     * "every record finished and told".
     */
    private void released(ProducerBatch b) {
        memory.release(b.reservedBytes());
    }

    private void expire(long now) {
        for (PartitionQueue queue : accumulator.queues()) {
            for (ProducerBatch b : queue.expire(now - deliveryTimeoutNanos)) {
                b.fail(new ApiException(ErrorCode.REQUEST_TIMED_OUT, "Expiring " + b.recordCount() + " record(s) for "
                    + b.partition + ": delivery.timeout.ms (" + TimeUnit.NANOSECONDS.toMillis(deliveryTimeoutNanos)
                    + " ms) has passed since the batch was created"));
                released(b);
            }
        }
    }

    private void refreshMetadata(Set<String> topics) {
        if (!refreshingMetadata.compareAndSet(false, true)) {
            return;
        }
        runtime.refreshMetadata(topics, autoCreateTopics)
            .doFinally(s -> refreshingMetadata.set(false))
            .subscribe(v -> wakeup(), e -> LOG.debug("Metadata refresh failed: {}", e.toString()));
    }

    /** Fails every queued batch (in-flight ones fail when their answers come). */
    void failEverything(TributaryException error) {
        for (PartitionQueue queue : accumulator.queues()) {
            for (ProducerBatch b : queue.drainAll()) {
                b.fail(error);
                released(b);
            }
        }
    }

    static TributaryException asTributary(Throwable e, String context) {
        return e instanceof TributaryException t ? t : new TributaryException(context + ": " + e, e);
    }

    /** Stops the timers; call once everything is sent or failed. */
    void close() {
        Disposable t = ticker;
        if (t != null) {
            t.dispose();
        }
    }
}
