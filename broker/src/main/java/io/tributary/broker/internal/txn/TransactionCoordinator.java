package io.tributary.broker.internal.txn;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.producer.ProducerIdManager;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The transaction coordinator of this broker, which coordinates every transactional id (PROTOCOL.md 5.5, transaction
 * protocol version 1). Each state change of an id is written to {@code __transaction_state} before it takes effect;
 * while one is being written, or while a transaction's markers are, other requests for the id get
 * CONCURRENT_TRANSACTIONS. EndTxn answers once PrepareCommit or PrepareAbort is durable; the markers are then written
 * to every partition of the transaction on the IO scheduler and the transaction completes. A timer aborts
 * transactions open longer than their timeout (bumping the epoch, which fences their producer) and expires idle ids.
 * State is reloaded from {@code __transaction_state} at start-up, after the group coordinator (whose transactional
 * offsets the markers complete); transactions found half-completed are completed then.
 *
 * <p>Thread-safe: each id's {@link TransactionMetadata} is guarded by its own monitor, never held across IO.
 */
public final class TransactionCoordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCoordinator.class);

    private final TransactionConfig config;
    private final TransactionLog log;
    private final ProducerIdManager ids;
    private final Scheduler io;
    private final LongSupplier clock;
    private final Map<String, TransactionMetadata> txns = new ConcurrentHashMap<>();
    private final Transitions transitions;
    private volatile boolean loaded;
    private long lastExpiryCheck;
    private @Nullable Scheduler timer;
    private @Nullable Disposable ticker;
    private @Nullable Disposable loading;

    /**
     * The answer to InitProducerId.
     *
     * @param error         NONE or the error
     * @param producerId    the producer id, -1 on error
     * @param producerEpoch the epoch, -1 on error
     */
    public record InitResult(ErrorCode error, long producerId, short producerEpoch) {
        static InitResult failed(ErrorCode error) {
            return new InitResult(error, -1, (short) -1);
        }
    }

    /**
     * One transactional id as ListTransactions and DescribeTransactions show it.
     *
     * @param transactionalId the id
     * @param state           its current state
     */
    public record Listing(String transactionalId, TransactionSnapshot state) {
    }

    TransactionCoordinator(TransactionConfig config, TransactionLog log, ProducerIdManager ids,
                           TransactionMarkers markers, Scheduler io, LongSupplier clock) {
        this.config = config;
        this.log = log;
        this.ids = ids;
        this.io = io;
        this.clock = clock;
        this.transitions = new Transitions(log, markers, io, clock,
            meta -> txns.remove(meta.transactionalId(), meta));
        this.lastExpiryCheck = clock.getAsLong();
    }

    /**
     * The coordinator of a broker: loads {@code __transaction_state} on the IO scheduler once the group coordinator
     * has loaded, and starts the timer that aborts timed-out transactions.
     */
    public static TransactionCoordinator start(BrokerContext broker, ProducerIdManager ids, GroupCoordinator groups) {
        TransactionConfig config = TransactionConfig.from(broker.config());
        TransactionLog log = new TransactionLog(broker, config.logPartitions());
        TransactionMarkers markers = new TransactionMarkers(broker.partitions(), groups, System::currentTimeMillis);
        TransactionCoordinator c = new TransactionCoordinator(config, log, ids, markers, broker.io(),
            System::currentTimeMillis);
        c.timer = Schedulers.newSingle("tributary-transactions-" + broker.nodeId(), true);
        c.loading = groups.whenLoaded()
            .then(Mono.fromRunnable(c::load).subscribeOn(broker.io()))
            .subscribe(null, e -> {
                LOG.error("Loading {} failed; serving the transactions loaded so far", TransactionLog.NAME, e);
                c.loaded = true;
            });
        c.ticker = Flux.interval(Duration.ofMillis(config.abortCheckMs()), c.timer)
            .onBackpressureDrop()
            .subscribe(t -> c.tick(), e -> LOG.error("Transaction timer stopped", e));
        return c;
    }

    public TransactionConfig config() {
        return config;
    }

    /** Rebuilds the transactional ids from the topic (blocking), then completes half-completed transactions. */
    void load() {
        long started = System.nanoTime();
        Map<String, TransactionSnapshot> states = new HashMap<>();
        log.load((id, state) -> {
            if (state == null) {
                states.remove(id);
            } else {
                states.put(id, state);
            }
        });
        states.forEach((id, state) -> txns.put(id, new TransactionMetadata(id, state)));
        loaded = true;
        LOG.info("Loaded {} transactional ids from {} in {} ms", txns.size(), TransactionLog.NAME,
            (System.nanoTime() - started) / 1_000_000);
        txns.values().forEach(transitions::complete);
    }

    // ---------------------------------------------------------------- producer requests

    /**
     * InitProducerId with a transactional id: a new producer id with epoch 0, or the id's next epoch, which fences
     * older instances. An open transaction is aborted first (with a bumped epoch) and the caller gets
     * CONCURRENT_TRANSACTIONS, to retry once the abort is complete. With {@code expectedProducerId} (v3+, a producer
     * recovering its id) a stale producer gets PRODUCER_FENCED. May reserve producer ids on disk: runs on the IO
     * scheduler.
     */
    public Mono<InitResult> initProducerId(String transactionalId, int timeoutMs, long expectedProducerId,
                                           short expectedEpoch) {
        return Mono.defer(() -> init(transactionalId, timeoutMs, expectedProducerId, expectedEpoch))
            .subscribeOn(io);
    }

    private Mono<InitResult> init(String transactionalId, int timeoutMs, long expectedId, short expectedEpoch) {
        if (transactionalId.isEmpty()) {
            return Mono.just(InitResult.failed(ErrorCode.INVALID_REQUEST));
        }
        if (timeoutMs <= 0 || timeoutMs > config.maxTimeoutMs()) {
            return Mono.just(InitResult.failed(ErrorCode.INVALID_TRANSACTION_TIMEOUT));
        }
        if (!loaded) {
            return Mono.just(InitResult.failed(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS));
        }
        long now = clock.getAsLong();
        TransactionMetadata meta = txns.computeIfAbsent(transactionalId,
            id -> TransactionMetadata.fresh(id, ids.nextId(), timeoutMs, now));
        boolean expected = expectedId >= 0;
        TransactionSnapshot next;
        synchronized (meta) {
            if (meta.hasPending() || meta.state() == TransactionState.DEAD || meta.state().isPreparing()) {
                return Mono.just(InitResult.failed(ErrorCode.CONCURRENT_TRANSACTIONS));
            }
            if (expected && !validExpected(meta, expectedId, expectedEpoch)) {
                return Mono.just(InitResult.failed(ErrorCode.PRODUCER_FENCED));
            }
            if (meta.state() == TransactionState.ONGOING) {
                next = meta.prepareFenceAndAbort(now);
            } else if (meta.isEpochExhausted() && (!expected || expectedEpoch == meta.producerEpoch())) {
                next = meta.prepareProducerIdRotation(ids.nextId(), timeoutMs, expected, now);
            } else {
                next = meta.prepareIncrementProducerEpoch(timeoutMs, expected ? expectedEpoch : null, now);
                if (next == null) {
                    return Mono.just(InitResult.failed(ErrorCode.PRODUCER_FENCED));
                }
            }
            meta.pending(next);
        }
        if (next.state() == TransactionState.PREPARE_ABORT) {
            LOG.info("Transactional id {}: a new instance fences producer {} epoch {}; aborting its transaction",
                transactionalId, next.producerId(), next.producerEpoch());
            return transitions.write(meta, next)
                .doOnNext(error -> transitions.completeIfWritten(meta, error))
                .map(error -> InitResult.failed(error == ErrorCode.NONE ? ErrorCode.CONCURRENT_TRANSACTIONS : error));
        }
        TransactionSnapshot initialized = next;
        return transitions.write(meta, next).map(error -> error == ErrorCode.NONE
            ? new InitResult(ErrorCode.NONE, initialized.producerId(), initialized.producerEpoch())
            : InitResult.failed(error));
    }

    /** Whether a recovering producer may bump: a fresh id, its own id, or a retry after an id rotation. */
    private static boolean validExpected(TransactionMetadata meta, long expectedId, short expectedEpoch) {
        return meta.producerEpoch() < 0 || expectedId == meta.producerId()
            || expectedId == meta.current().lastProducerId() && expectedEpoch >= TransactionMetadata.MAX_EPOCH;
    }

    /**
     * AddPartitionsToTxn (and AddOffsetsToTxn, with the group's {@code __consumer_offsets} partition): the
     * transaction becomes Ongoing with the partitions added. Completes once durable.
     */
    public Mono<ErrorCode> addPartitions(String transactionalId, long producerId, short epoch,
                                         Set<TopicPartition> partitions) {
        ErrorCode pre = precheck(transactionalId);
        if (pre != ErrorCode.NONE) {
            return Mono.just(pre);
        }
        TransactionMetadata meta = txns.get(transactionalId);
        if (meta == null) {
            return Mono.just(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
        }
        TransactionSnapshot next;
        synchronized (meta) {
            ErrorCode error = meta.checkProducer(producerId, epoch);
            if (error != ErrorCode.NONE) {
                return Mono.just(error);
            }
            if (meta.state().isPreparing()) {
                return Mono.just(ErrorCode.CONCURRENT_TRANSACTIONS);
            }
            if (meta.state() == TransactionState.DEAD) {
                return Mono.just(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
            }
            if (meta.state() == TransactionState.ONGOING && meta.current().partitions().containsAll(partitions)) {
                return Mono.just(ErrorCode.NONE);
            }
            next = meta.prepareAddPartitions(partitions, clock.getAsLong());
            meta.pending(next);
        }
        return transitions.write(meta, next);
    }

    /**
     * EndTxn: commits or aborts the open transaction. Answers once PrepareCommit or PrepareAbort is durable; the
     * markers follow. A retry after completion gets NONE, one during completion CONCURRENT_TRANSACTIONS, the other
     * outcome INVALID_TXN_STATE.
     */
    public Mono<ErrorCode> endTransaction(String transactionalId, long producerId, short epoch, boolean commit) {
        return endTransaction(transactionalId, producerId, epoch, commit, false).map(EndResult::error);
    }

    /** The answer to EndTxn: the error, and (transactions V2) the producer id and epoch to go on with. */
    public record EndResult(ErrorCode error, long producerId, short producerEpoch) {
        static EndResult of(ErrorCode error) {
            return new EndResult(error, -1, (short) -1);
        }
    }

    /**
     * EndTxn, of transactions V1 or, with {@code epochBump} (EndTxn v5), V2: the epoch goes up with every commit and
     * abort and the answer names the producer id and epoch to go on with; an abort may also end a transaction that
     * has no partitions (the producer cannot know whether its writes added any), and a retry with the epoch just
     * replaced is answered as for the current one.
     */
    public Mono<EndResult> endTransaction(String transactionalId, long producerId, short epoch, boolean commit,
                                          boolean epochBump) {
        ErrorCode pre = precheck(transactionalId);
        if (pre != ErrorCode.NONE) {
            return Mono.just(EndResult.of(pre));
        }
        TransactionMetadata meta = txns.get(transactionalId);
        if (meta == null) {
            return Mono.just(EndResult.of(ErrorCode.INVALID_PRODUCER_ID_MAPPING));
        }
        TransactionSnapshot next;
        long handover;
        synchronized (meta) {
            TransactionState state = meta.state();
            if (epochBump && isRetryOfBump(meta, producerId, epoch)) {
                return Mono.just(current(meta, endError(state, commit)));
            }
            ErrorCode error = meta.checkProducer(producerId, epoch);
            if (error != ErrorCode.NONE) {
                return Mono.just(EndResult.of(error));
            }
            boolean idleAbort = epochBump && !commit && (state == TransactionState.EMPTY
                || state == TransactionState.COMPLETE_COMMIT || state == TransactionState.COMPLETE_ABORT);
            if (state != TransactionState.ONGOING && !idleAbort) {
                return Mono.just(epochBump ? current(meta, endError(state, commit))
                    : EndResult.of(endError(state, commit)));
            }
            if (!epochBump) {
                next = meta.prepareEnd(commit, clock.getAsLong());
            } else {
                if (meta.bumpExhaustsEpoch()) {
                    meta.nextProducerId(ids.nextId());
                }
                next = meta.prepareEndWithEpochBump(commit, clock.getAsLong());
            }
            handover = meta.nextProducerId();
            meta.pending(next);
        }
        return transitions.write(meta, next)
            .doOnNext(error -> transitions.completeIfWritten(meta, error))
            .map(error -> !epochBump || error != ErrorCode.NONE ? EndResult.of(error)
                // Read at prepare time: a completion that ran meanwhile has already applied (and forgotten) it.
                : handover >= 0 ? new EndResult(error, handover, (short) 0)
                : new EndResult(error, next.producerId(), next.producerEpoch()));
    }

    /** A V2 EndTxn repeated by a producer whose first attempt already bumped the epoch (its answer was lost). */
    private static boolean isRetryOfBump(TransactionMetadata meta, long producerId, short epoch) {
        TransactionSnapshot c = meta.current();
        boolean ended = c.state().isPreparing() || c.state() == TransactionState.COMPLETE_COMMIT
            || c.state() == TransactionState.COMPLETE_ABORT;
        boolean previousEpoch = producerId == c.producerId() && epoch == c.lastProducerEpoch()
            && epoch == c.producerEpoch() - 1;
        boolean previousId = producerId == c.lastProducerId() && c.producerEpoch() == 0;
        return ended && (previousEpoch || previousId);
    }

    /** {@code error}, with the producer id and epoch the producer goes on with (the new id if one is handed over). */
    private static EndResult current(TransactionMetadata meta, ErrorCode error) {
        synchronized (meta) {
            long handover = meta.nextProducerId();
            return handover >= 0 ? new EndResult(error, handover, (short) 0)
                : new EndResult(error, meta.producerId(), meta.producerEpoch());
        }
    }

    private static ErrorCode endError(TransactionState state, boolean commit) {
        return switch (state) {
            case COMPLETE_COMMIT -> commit ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE;
            case COMPLETE_ABORT -> commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.NONE;
            case PREPARE_COMMIT -> commit ? ErrorCode.CONCURRENT_TRANSACTIONS : ErrorCode.INVALID_TXN_STATE;
            case PREPARE_ABORT -> commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.CONCURRENT_TRANSACTIONS;
            default -> ErrorCode.INVALID_TXN_STATE;
        };
    }

    /**
     * Whether a transactional write to {@code partition} (a Produce, or a TxnOffsetCommit to the group's
     * {@code __consumer_offsets} partition) belongs to the open transaction of the producer: NONE;
     * COORDINATOR_LOAD_IN_PROGRESS while loading; INVALID_PRODUCER_ID_MAPPING for an unknown id or another producer;
     * INVALID_PRODUCER_EPOCH for another epoch (a fenced producer); INVALID_TXN_STATE when the partition was not
     * added or no transaction is open.
     */
    public ErrorCode verify(@Nullable String transactionalId, long producerId, short epoch, TopicPartition partition) {
        if (!loaded) {
            return ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
        }
        TransactionMetadata meta = transactionalId == null ? null : txns.get(transactionalId);
        if (meta == null) {
            return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
        }
        synchronized (meta) {
            if (meta.producerId() != producerId) {
                return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
            }
            if (meta.producerEpoch() != epoch) {
                return ErrorCode.INVALID_PRODUCER_EPOCH;
            }
            TransactionSnapshot pending = meta.pendingSnapshot();
            boolean open = meta.state() == TransactionState.ONGOING
                && (pending == null || pending.state() == TransactionState.ONGOING);
            return open && meta.current().partitions().contains(partition) ? ErrorCode.NONE
                : ErrorCode.INVALID_TXN_STATE;
        }
    }

    // ---------------------------------------------------------------- administration

    /** COORDINATOR_LOAD_IN_PROGRESS until the state is loaded, then NONE. */
    public ErrorCode checkLoaded() {
        return loaded ? ErrorCode.NONE : ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
    }

    /** The state of one id (DescribeTransactions), or null if unknown or expired. */
    public @Nullable TransactionSnapshot describe(String transactionalId) {
        TransactionMetadata meta = txns.get(transactionalId);
        if (meta == null) {
            return null;
        }
        synchronized (meta) {
            return meta.state() == TransactionState.DEAD ? null : meta.current();
        }
    }

    /** Every live id (ListTransactions). */
    public List<Listing> list() {
        List<Listing> out = new ArrayList<>();
        for (TransactionMetadata meta : txns.values()) {
            synchronized (meta) {
                if (meta.state() != TransactionState.DEAD) {
                    out.add(new Listing(meta.transactionalId(), meta.current()));
                }
            }
        }
        return out;
    }

    /** The coordinator's clock, in epoch milliseconds. */
    public long now() {
        return clock.getAsLong();
    }

    // ---------------------------------------------------------------- timer

    /**
     * Aborts transactions open longer than their timeout (with an epoch bump, fencing their producer), retries the
     * completion of transactions whose markers were not all written, and, every
     * {@code transaction.remove.expired.transaction.cleanup.interval.ms}, expires ids idle longer than
     * {@code transactional.id.expiration.ms}.
     */
    void tick() {
        long now = clock.getAsLong();
        boolean expire = now - lastExpiryCheck >= config.idExpirationCheckMs();
        if (expire) {
            lastExpiryCheck = now;
        }
        for (TransactionMetadata meta : txns.values()) {
            TransactionSnapshot next = null;
            boolean retryCompletion = false;
            synchronized (meta) {
                if (meta.hasPending()) {
                    continue;
                }
                TransactionSnapshot c = meta.current();
                if (c.state().isPreparing()) {
                    retryCompletion = !meta.completing();
                } else if (c.state() == TransactionState.ONGOING && now - c.startMs() > c.timeoutMs()) {
                    LOG.info("Transactional id {}: aborting the transaction of producer {} epoch {}, open for "
                        + "more than {} ms", meta.transactionalId(), c.producerId(), c.producerEpoch(), c.timeoutMs());
                    next = meta.prepareFenceAndAbort(now);
                } else if (expire && c.state().isIdle() && now - c.lastUpdateMs() > config.idExpirationMs()) {
                    next = meta.prepareDead(now);
                }
                if (next != null) {
                    meta.pending(next);
                }
            }
            if (next != null) {
                transitions.write(meta, next).subscribe(error -> transitions.completeIfWritten(meta, error));
            } else if (retryCompletion) {
                transitions.complete(meta);
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    private ErrorCode precheck(String transactionalId) {
        if (transactionalId.isEmpty()) {
            return ErrorCode.INVALID_REQUEST;
        }
        return loaded ? ErrorCode.NONE : ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.dispose();
        }
        if (loading != null) {
            loading.dispose();
        }
        if (timer != null) {
            timer.dispose();
        }
    }
}
