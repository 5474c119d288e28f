package io.tributary.broker.internal.txn;

import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The live state of one transactional id, owned by the {@link TransactionCoordinator}: the current
 * {@link TransactionSnapshot}, the transition being written to {@code __transaction_state} (while one is pending,
 * requests get CONCURRENT_TRANSACTIONS) and whether its markers are being written. The {@code prepare...} methods
 * compute the next snapshot without changing anything; {@link #apply} installs it once it is durable.
 *
 * <p>Not thread-safe by itself: callers synchronize on the instance.
 */
final class TransactionMetadata {
    /** Kafka's limit: an epoch this high is exhausted and the next bump takes a new producer id. */
    static final short MAX_EPOCH = Short.MAX_VALUE - 1;

    private final String transactionalId;
    private TransactionSnapshot current;
    private @Nullable TransactionSnapshot pending;
    private boolean completing;
    /** Transactions V2, epoch used up: the producer id the completing transaction hands over to, or -1. */
    private long nextProducerId = -1;

    TransactionMetadata(String transactionalId, TransactionSnapshot current) {
        this.transactionalId = transactionalId;
        this.current = current;
    }

    /** A new id: a fresh producer id, no epoch yet, Empty. */
    static TransactionMetadata fresh(String transactionalId, long producerId, int timeoutMs, long now) {
        return new TransactionMetadata(transactionalId, new TransactionSnapshot(producerId, -1, (short) -1,
            (short) -1, timeoutMs, TransactionState.EMPTY, Set.of(), -1, now));
    }

    String transactionalId() {
        return transactionalId;
    }

    TransactionSnapshot current() {
        return current;
    }

    TransactionState state() {
        return current.state();
    }

    long producerId() {
        return current.producerId();
    }

    short producerEpoch() {
        return current.producerEpoch();
    }

    boolean hasPending() {
        return pending != null;
    }

    /** The transition being written, or null. */
    @Nullable TransactionSnapshot pendingSnapshot() {
        return pending;
    }

    /** Marks {@code next} as being written. */
    void pending(TransactionSnapshot next) {
        pending = next;
    }

    /** Ends the pending write: installs {@code next} when it was written. */
    void apply(TransactionSnapshot next, boolean written) {
        pending = null;
        if (written) {
            if (nextProducerId >= 0 && next.producerId() == nextProducerId) {
                nextProducerId = -1;   // handed over
            }
            current = next;
        }
    }

    boolean completing() {
        return completing;
    }

    void completing(boolean value) {
        completing = value;
    }

    boolean isEpochExhausted() {
        return current.producerEpoch() >= MAX_EPOCH;
    }

    /** InitProducerId on an idle id when the epoch is used up: a new producer id, epoch 0. */
    TransactionSnapshot prepareProducerIdRotation(long newProducerId, int timeoutMs, boolean recovering, long now) {
        TransactionSnapshot c = current;
        return new TransactionSnapshot(newProducerId, c.producerId(), (short) 0,
            recovering ? c.producerEpoch() : (short) -1, timeoutMs, TransactionState.EMPTY, Set.of(), -1, now);
    }

    /**
     * InitProducerId on an idle id: the next epoch. With {@code expectedEpoch} (a producer recovering its id,
     * InitProducerId v3+), a retry of the last bump gets the current epoch again, any other stale epoch is fenced.
     *
     * @return the next snapshot, or null when the expected epoch is fenced (PRODUCER_FENCED)
     */
    @Nullable TransactionSnapshot prepareIncrementProducerEpoch(int timeoutMs, @Nullable Short expectedEpoch,
                                                                long now) {
        TransactionSnapshot c = current;
        short bumped = (short) (c.producerEpoch() + 1);
        short epoch;
        short lastEpoch;
        if (expectedEpoch == null) {
            epoch = bumped;
            lastEpoch = -1;
        } else if (c.producerEpoch() < 0 || expectedEpoch == c.producerEpoch()) {
            epoch = bumped;
            lastEpoch = c.producerEpoch();
        } else if (expectedEpoch == c.lastProducerEpoch()) {
            epoch = c.producerEpoch();
            lastEpoch = c.lastProducerEpoch();
        } else {
            return null;
        }
        return new TransactionSnapshot(c.producerId(), c.lastProducerId(), epoch, lastEpoch, timeoutMs,
            TransactionState.EMPTY, Set.of(), -1, now);
    }

    /**
     * Fencing an open transaction (a new instance, or its timeout): the epoch goes up by one, so that the current
     * producer is fenced, and the transaction is aborted with markers of that epoch.
     */
    TransactionSnapshot prepareFenceAndAbort(long now) {
        TransactionSnapshot c = current;
        short epoch = c.producerEpoch() == Short.MAX_VALUE ? c.producerEpoch() : (short) (c.producerEpoch() + 1);
        return c.withProducer(c.producerId(), c.lastProducerId(), epoch, (short) -1)
            .to(TransactionState.PREPARE_ABORT, c.partitions(), c.startMs(), now);
    }

    /** AddPartitionsToTxn / AddOffsetsToTxn: Ongoing with the partitions added; a new transaction starts now. */
    TransactionSnapshot prepareAddPartitions(Set<TopicPartition> added, long now) {
        TransactionSnapshot c = current;
        boolean open = c.state() == TransactionState.ONGOING;
        Set<TopicPartition> all = new LinkedHashSet<>(open ? c.partitions() : Set.of());
        all.addAll(added);
        return c.to(TransactionState.ONGOING, all, open ? c.startMs() : now, now);
    }

    /** EndTxn on an open transaction: PrepareCommit or PrepareAbort. */
    TransactionSnapshot prepareEnd(boolean commit, long now) {
        TransactionSnapshot c = current;
        return c.to(commit ? TransactionState.PREPARE_COMMIT : TransactionState.PREPARE_ABORT, c.partitions(),
            c.startMs(), now);
    }

    /**
     * EndTxn v5 (transactions V2): PrepareCommit or PrepareAbort with the epoch bumped, so the markers carry the new
     * epoch and the producer's next transaction starts on it (KIP-890); the old epoch is fenced from then on.
     */
    TransactionSnapshot prepareEndWithEpochBump(boolean commit, long now) {
        TransactionSnapshot c = current;
        boolean open = c.state() == TransactionState.ONGOING;
        return c.withProducer(c.producerId(), c.lastProducerId(), (short) (c.producerEpoch() + 1), c.producerEpoch())
            .to(commit ? TransactionState.PREPARE_COMMIT : TransactionState.PREPARE_ABORT,
                open ? c.partitions() : Set.of(), open ? c.startMs() : now, now);
    }

    /** Whether a V2 epoch bump now would use the epoch up, so the transaction hands over to a new producer id. */
    boolean bumpExhaustsEpoch() {
        return current.producerEpoch() + 1 >= MAX_EPOCH;
    }

    /** The producer id a V2 transaction at the end of its epochs hands over to when it completes. */
    void nextProducerId(long producerId) {
        nextProducerId = producerId;
    }

    long nextProducerId() {
        return nextProducerId;
    }

    /**
     * Every marker written: CompleteCommit or CompleteAbort, no partitions; on a new producer id (epoch 0) if a V2
     * transaction used its epochs up. (That hand-over is kept in memory only: a coordinator restarted between the
     * two states completes on the old id, and the producer must initialize again.)
     */
    TransactionSnapshot prepareComplete(long now) {
        TransactionSnapshot c = current;
        TransactionState next = c.state() == TransactionState.PREPARE_COMMIT ? TransactionState.COMPLETE_COMMIT
            : TransactionState.COMPLETE_ABORT;
        TransactionSnapshot producer = nextProducerId < 0 ? c
            : c.withProducer(nextProducerId, c.producerId(), (short) 0, (short) -1);
        return producer.to(next, Set.of(), c.startMs(), now);
    }

    /** Expiry of an idle id: Dead, written as a tombstone. */
    TransactionSnapshot prepareDead(long now) {
        return current.to(TransactionState.DEAD, Set.of(), current.startMs(), now);
    }

    /**
     * The common checks of requests that name a producer: NONE, INVALID_PRODUCER_ID_MAPPING for another producer
     * id, PRODUCER_FENCED for another epoch, CONCURRENT_TRANSACTIONS while a transition is being written.
     */
    ErrorCode checkProducer(long producerId, short epoch) {
        if (producerId != current.producerId()) {
            return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
        }
        if (epoch != current.producerEpoch()) {
            return ErrorCode.PRODUCER_FENCED;
        }
        return pending != null ? ErrorCode.CONCURRENT_TRANSACTIONS : ErrorCode.NONE;
    }
}
