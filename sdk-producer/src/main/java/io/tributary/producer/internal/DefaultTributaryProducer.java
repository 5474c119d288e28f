package io.tributary.producer.internal;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.ClusterView;
import io.tributary.client.internal.Failures;
import io.tributary.common.Header;
import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.errors.RetriableException;
import io.tributary.errors.TributaryException;
import io.tributary.producer.Acks;
import io.tributary.producer.GroupMetadata;
import io.tributary.producer.Partitioner;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.RecordMetadata;
import io.tributary.producer.SendResult;
import io.tributary.producer.SenderRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.serdes.Serializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * The producer: serializes and partitions records on the caller's thread, reserves buffer memory (waiting, not
 * blocking, when it is full), appends to the {@link RecordAccumulator} and lets the {@link Sender} do the IO.
 * Thread-safe.
 */
public final class DefaultTributaryProducer<K, V> implements TributaryProducer<K, V> {
    private final ProducerOptions<K, V> options;
    private final ClientRuntime runtime;
    private final RecordAccumulator accumulator;
    private final BufferMemory memory;
    private final Sender sender;
    private final StickyPartitioner defaultPartitioner;
    private final @Nullable Partitioner partitioner;
    private final boolean asyncKeys;
    private final boolean asyncValues;
    private final @Nullable TransactionDriver transactions;
    /** Records handed to send and not yet in a batch (waiting for metadata or buffer memory): flush waits for them. */
    private final AtomicInteger appending = new AtomicInteger();
    /** Outcomes of {@code send(record)} told by their batch but not yet handed to the subscriber. */
    private final AtomicInteger undelivered = new AtomicInteger();
    /** Topics not yet in the metadata, by name: the one wait that records sent to them share, in order. */
    private final Map<String, TopicWait> topicsAwaited = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private DefaultTributaryProducer(ProducerOptions<K, V> options) {
        this.options = options;
        this.runtime = new ClientRuntime(options.client());
        this.accumulator = new RecordAccumulator(options.compression(), options.batchSize());
        this.memory = new BufferMemory(options.bufferMemory());
        ProducerIdentity identity = new ProducerIdentity(runtime, options.transactionalId(),
            options.transactionTimeout());
        this.transactions = options.transactionalId() == null ? null
            : new TransactionDriver(runtime, identity, options.transactionalId());
        this.sender = new Sender(runtime, accumulator, memory, identity, transactions, options);
        this.defaultPartitioner = new StickyPartitioner(options.batchSize());
        this.partitioner = options.partitioner();
        this.asyncKeys = overridesAsync(options.keySerializer());
        this.asyncValues = overridesAsync(options.valueSerializer());
    }

    /** Checks settings that depend on each other, then creates the producer (which connects lazily). */
    public static <K, V> DefaultTributaryProducer<K, V> create(ProducerOptions<K, V> options) {
        if (options.idempotence() && options.acks() != Acks.ALL) {
            throw new IllegalArgumentException("enable.idempotence=true needs acks=all, but acks=" + options.acks()
                + "; set acks to all or turn idempotence off");
        }
        if (options.idempotence() && options.maxInFlight() > 5) {
            throw new IllegalArgumentException("enable.idempotence=true allows at most 5 for "
                + "max.in.flight.requests.per.connection, was " + options.maxInFlight());
        }
        if (options.transactionalId() != null && !options.idempotence()) {
            throw new IllegalArgumentException("transactional.id needs enable.idempotence=true");
        }
        // Native codecs load their libraries (file IO) on first use: do it here, not later on an event loop.
        Compressions.warmUp(options.compression());
        return new DefaultTributaryProducer<>(options);
    }

    private static boolean overridesAsync(Serializer<?> serializer) {
        try {
            return serializer.getClass().getMethod("serializeAsync", String.class, List.class, Object.class)
                .getDeclaringClass() != Serializer.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public <T> Flux<SendResult<T>> send(Publisher<SenderRecord<K, V, T>> records) {
        // Appends run one at a time in the records' order (a record waiting for metadata or buffer memory holds
        // back the ones after it, so order within a partition is kept); results are awaited concurrently.
        Flux<SenderRecord<K, V, T>> source = Flux.from(records);
        Flux<SendResult<T>> results = Flux.from(subscriber -> source.subscribe(new SendPipeline<K, V, T>(
            Operators.toCoreSubscriber(subscriber), this::appendNowOrLater, options.stopOnError(),
            options.scheduler())));
        return results.publishOn(options.scheduler());
    }

    @Override
    public Mono<RecordMetadata> send(ProducerRecord<K, V> record) {
        return Mono.defer(() -> {
            // 0: no outcome yet, 1: outcome on its way to the subscriber (counted in undelivered), 2: finished.
            AtomicInteger delivery = new AtomicInteger();
            return Mono.<RecordMetadata>create(sink -> {
                RecordCallback callback = new RecordCallback() {
                    @Override
                    public void onSent(RecordMetadata metadata) {
                        countUndelivered(delivery);
                        sink.success(metadata);
                    }

                    @Override
                    public void onFailed(Throwable error) {
                        countUndelivered(delivery);
                        sink.error(error);
                    }
                };
                Mono<Void> later = appendNowOrLater(record, callback);
                if (later != null) {
                    sink.onCancel(later.subscribe(null, callback::onFailed));
                }
            })
            .publishOn(options.scheduler())
            .doFinally(s -> {
                if (delivery.getAndSet(2) == 1) {
                    undelivered.decrementAndGet();
                }
            });
        });
    }

    /** An outcome is on its way to the subscriber: flush waits for it, as kafka-clients' flush does for futures. */
    private void countUndelivered(AtomicInteger delivery) {
        if (delivery.compareAndSet(0, 1)) {
            undelivered.incrementAndGet();
        }
    }

    /**
     * Serializes, partitions and appends the record, telling {@code callback} its outcome. Returns null when that is
     * done (appended, or failed through the callback); else the wait — for metadata, buffer memory or an
     * asynchronous serializer — that appends when subscribed and completes once the record is in a batch (or errors
     * when it could not be appended).
     */
    @Nullable Mono<Void> appendNowOrLater(ProducerRecord<K, V> record, RecordCallback callback) {
        appending.incrementAndGet();
        Mono<Void> later = null;
        try {
            later = appendOrDefer(record, callback);
        } catch (RuntimeException e) {
            callback.onFailed(e);
        } finally {
            if (later == null) {
                appending.decrementAndGet();
            }
        }
        return later == null ? null : later.doFinally(s -> appending.decrementAndGet());
    }

    private @Nullable Mono<Void> appendOrDefer(ProducerRecord<K, V> record, RecordCallback callback) {
        if (closed) {
            throw new IllegalStateException("The producer is closed");
        }
        if (transactions != null) {
            transactions.requireOpen();
        }
        List<Header> headers = record.headers().isEmpty() ? new ArrayList<>(0) : new ArrayList<>(record.headers());
        if (asyncKeys || asyncValues) {
            return serializeAsync(options.keySerializer(), asyncKeys, record.topic(), headers, record.key())
                .zipWith(serializeAsync(options.valueSerializer(), asyncValues, record.topic(), headers,
                    record.value()))
                .flatMap(kv -> {
                    Mono<Void> later = partitionAndAppend(record, kv.getT1().orElse(null), kv.getT2().orElse(null),
                        headers, callback);
                    return later == null ? Mono.empty() : later;
                });
        }
        byte[] key = options.keySerializer().serialize(record.topic(), headers, record.key());
        byte[] value = options.valueSerializer().serialize(record.topic(), headers, record.value());
        return partitionAndAppend(record, key, value, headers, callback);
    }

    private static <T> Mono<java.util.Optional<byte[]>> serializeAsync(Serializer<T> serializer, boolean async,
                                                                       String topic, List<Header> headers,
                                                                       @Nullable T data) {
        Mono<byte[]> bytes = async ? serializer.serializeAsync(topic, headers, data)
            : Mono.fromCallable(() -> serializer.serialize(topic, headers, data));
        return bytes.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty());
    }

    /** The size check, then the partition count at hand or awaited; null when appended (or failed) at once. */
    private @Nullable Mono<Void> partitionAndAppend(ProducerRecord<K, V> record, byte @Nullable [] key,
                                                   byte @Nullable [] value, List<Header> headers,
                                                   RecordCallback callback) {
        int estimate = RecordBatchBuilder.recordSizeUpperBound(key == null ? -1 : key.length,
            value == null ? -1 : value.length, headers);
        if (estimate + RecordBatch.HEADER_SIZE > options.maxRequestSize()) {
            throw new ApiException(ErrorCode.MESSAGE_TOO_LARGE, "The record for " + record.topic()
                + " is " + estimate + " bytes serialized, more than max.request.size (" + options.maxRequestSize()
                + " bytes)");
        }
        int known = knownPartitionCount(record.topic());
        if (known > 0) {
            return reserveAndAppend(record, key, value, headers, estimate, known, callback);
        }
        return Mono.create(sink -> {
            // Cancelled before its turn: not appended; cancelled while waiting for memory: that wait is disposed.
            Disposable.Swap inner = Disposables.swap();
            sink.onCancel(inner);
            awaitPartitions(record.topic(), new TopicWait.Waiter() {
                @Override
                public void ready(int count) {
                    if (inner.isDisposed()) {
                        return;
                    }
                    Mono<Void> later = reserveAndAppend(record, key, value, headers, estimate, count, callback);
                    if (later == null) {
                        sink.success();
                    } else {
                        inner.update(later.subscribe(null, sink::error, sink::success));
                    }
                }

                @Override
                public void failed(Throwable error) {
                    sink.error(error);
                }
            });
        });
    }

    private @Nullable Mono<Void> reserveAndAppend(ProducerRecord<K, V> record, byte @Nullable [] key,
                                                  byte @Nullable [] value, List<Header> headers, int estimate,
                                                  int count, RecordCallback callback) {
        int partition = choosePartition(record, key, estimate, count);
        if (partition >= count) {
            throw new ApiException(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Partition " + partition
                + " of " + record.topic() + " does not exist: the topic has " + count + " partitions");
        }
        TopicPartition tp = new TopicPartition(record.topic(), partition);
        long timestamp = record.timestamp() != null ? record.timestamp() : System.currentTimeMillis();
        if (memory.tryReserve(estimate)) {
            appendReserved(tp, timestamp, key, value, headers, estimate, callback);
            return null;
        }
        return memory.reserve(estimate)
            .then(Mono.fromRunnable(() -> appendReserved(tp, timestamp, key, value, headers, estimate, callback)));
    }

    private void appendReserved(TopicPartition tp, long timestamp, byte @Nullable [] key, byte @Nullable [] value,
                                List<Header> headers, int estimate, RecordCallback callback) {
        long now = System.nanoTime();
        RecordAccumulator.Appended appended;
        try {
            appended = accumulator.append(tp, timestamp, key, value, headers, estimate, callback, now);
        } catch (RuntimeException e) {
            memory.release(estimate);
            throw e;
        }
        sender.appended(appended, now);
    }

    private int choosePartition(ProducerRecord<K, V> record, byte @Nullable [] key, int estimate, int count) {
        if (record.partition() != null) {
            return record.partition();
        }
        if (partitioner != null) {
            int chosen = partitioner.partition(record.topic(), record.key(), key, count);
            if (chosen >= 0) {
                return chosen;
            }
        }
        return defaultPartitioner.partition(record.topic(), key, estimate, count);
    }

    /** The topic's partition count when the metadata has it and no wait for it is running, else 0. */
    private int knownPartitionCount(String name) {
        if (!topicsAwaited.isEmpty() && topicsAwaited.containsKey(name)) {
            return 0;
        }
        ClusterView.TopicMetadata topic = runtime.cluster().topic(name);
        return topic != null && topic.error() == ErrorCode.NONE ? topic.partitionCount() : 0;
    }

    /**
     * Runs {@code waiter} with the topic's partition count: at once when the metadata has it and nobody waits for
     * it, else once it arrives, after the records that waited before it (records sent while a topic is awaited go on
     * in the order they were sent, as a blocking producer's would). A failed wait is tried afresh by the next send.
     */
    private void awaitPartitions(String name, TopicWait.Waiter waiter) {
        while (true) {
            TopicWait wait = topicsAwaited.get(name);
            if (wait == null) {
                int known = knownPartitionCount(name);   // metadata may have arrived since the caller looked
                if (known > 0) {
                    waiter.ready(known);
                    return;
                }
                TopicWait fresh = new TopicWait();
                wait = topicsAwaited.putIfAbsent(name, fresh);
                if (wait == null) {
                    fresh.join(waiter);
                    awaitTopic(name).subscribe(count -> end(name, fresh, () -> fresh.complete(count)),
                        error -> end(name, fresh, () -> fresh.fail(error)));
                    return;
                }
            }
            if (wait.join(waiter)) {
                return;
            }
            topicsAwaited.remove(name, wait);   // closed: every waiter ran; look again
        }
    }

    /** Ends {@code wait}: its waiters run, then it leaves the map so the next sender reads the metadata. */
    private void end(String name, TopicWait wait, Runnable release) {
        release.run();
        topicsAwaited.remove(name, wait);
    }

    /** Waits (without blocking) for the topic to appear in metadata, at most {@code max.block.ms}. */
    private Mono<Integer> awaitTopic(String topic) {
        AtomicReference<Throwable> last = new AtomicReference<>();
        Duration maxBlock = options.maxBlock();
        return Mono.defer(() -> runtime.refreshMetadata(List.of(topic), options.autoCreateTopics()))
            .flatMap(view -> {
                ClusterView.TopicMetadata t = view.topic(topic);
                if (t == null) {
                    return Mono.error(new RetriableException(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                        "Topic " + topic + " is not in the metadata"));
                }
                if (t.error() != ErrorCode.NONE) {
                    return Mono.error(Failures.of(t.error().code(), null, "topic " + topic));
                }
                return t.partitionCount() == 0
                    ? Mono.error(new RetriableException(ErrorCode.LEADER_NOT_AVAILABLE, topic + " has no partitions"))
                    : Mono.just(t.partitionCount());
            })
            .retryWhen(runtime.retry(last))
            .timeout(maxBlock.isZero() ? Duration.ofMillis(1) : maxBlock)
            .onErrorMap(TimeoutException.class, e -> new ApiException(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                "Topic " + topic + " not present in metadata after " + maxBlock.toMillis() + " ms"
                    + (last.get() == null ? "" : " (" + last.get().getMessage() + ")")));
    }

    @Override
    public Mono<Void> flush() {
        return Mono.defer(() -> {
            sender.beginFlush();
            return Flux.interval(Duration.ofMillis(2), Duration.ofMillis(5))
                .filter(tick -> isFlushed())
                .next()
                .then()
                .doFinally(s -> sender.endFlush());
        });
    }

    /**
     * Whether every record handed over so far is done. Read in a record's order of life, so that one moving on
     * between two reads is still seen: appending, then in a batch (holding buffer memory until its batch's
     * callbacks have run), then an outcome on its way to a {@code send(record)} subscriber.
     */
    private boolean isFlushed() {
        return appending.get() == 0 && memory.isAllFree() && undelivered.get() == 0;
    }

    @Override
    public <R> Flux<R> inTransaction(Function<? super TributaryProducer<K, V>, ? extends Publisher<R>> work) {
        TransactionDriver txn = requireTransactional();
        return Flux.usingWhen(
            txn.begin(),
            begun -> Flux.from(work.apply(this)),
            begun -> txn.finish(flush(), true),
            // A failed abort (e.g. of a fenced producer) must not hide why the transaction failed.
            (begun, error) -> txn.finish(flush().onErrorResume(e -> Mono.empty()), false)
                .onErrorResume(abortError -> {
                    error.addSuppressed(abortError);
                    return Mono.empty();
                }),
            // Cancelled: the abort runs on its own; a transaction begun meanwhile waits for it.
            begun -> txn.finish(flush().onErrorResume(e -> Mono.empty()), false))
            // The commit or abort ends on a network event loop: what the caller does next must not run there.
            .publishOn(options.scheduler());
    }

    @Override
    public Mono<Void> sendOffsetsToTransaction(Map<TopicPartition, Long> offsets, GroupMetadata group) {
        return requireTransactional().sendOffsets(offsets, group);
    }

    private TransactionDriver requireTransactional() {
        if (transactions == null) {
            throw new IllegalStateException("Transactions need a transactionalId in the ProducerOptions");
        }
        return transactions;
    }

    @Override
    public Mono<Void> close() {
        return Mono.defer(() -> {
            if (closed) {
                return Mono.empty();
            }
            return flush().doFinally(s -> {
                closed = true;
                sender.failEverything(new TributaryException("The producer was closed"));
                sender.close();
                runtime.close();
            });
        });
    }

    @Override
    public void closeNow() {
        Mono<Void> closing = close();
        try {
            closing.block(options.closeTimeout());
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof TimeoutException)) {
                throw e;
            }
            closed = true;
            sender.failEverything(new TributaryException("The producer was closed before these records were sent"));
            sender.close();
            runtime.close();
        }
    }
}
