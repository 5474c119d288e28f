package io.tributary.broker.internal.txn;

import io.tributary.common.TopicPartition;
import java.util.Set;

/**
 * The state of one transactional id at one moment: what {@code __transaction_state} stores (a TransactionLogValue)
 * and what a transition writes before it takes effect. Immutable.
 *
 * @param producerId        the current producer id
 * @param lastProducerId    the producer id before the last rotation, or -1 (kept in memory only)
 * @param producerEpoch     the current epoch (-1 for an id created but never initialized)
 * @param lastProducerEpoch the epoch before the last bump by InitProducerId, or -1 (kept in memory only)
 * @param timeoutMs         the producer's {@code transaction.timeout.ms}
 * @param state             the transaction state
 * @param partitions        the partitions of the open, or completing, transaction
 * @param startMs           when the current (or last) transaction started, or -1
 * @param lastUpdateMs      when this state was entered
 */
public record TransactionSnapshot(long producerId, long lastProducerId, short producerEpoch, short lastProducerEpoch,
                                  int timeoutMs, TransactionState state, Set<TopicPartition> partitions, long startMs,
                                  long lastUpdateMs) {
    public TransactionSnapshot {
        partitions = Set.copyOf(partitions);
    }

    /** A copy in {@code newState}, entered at {@code now}, with {@code newPartitions}. */
    TransactionSnapshot to(TransactionState newState, Set<TopicPartition> newPartitions, long newStartMs, long now) {
        return new TransactionSnapshot(producerId, lastProducerId, producerEpoch, lastProducerEpoch, timeoutMs,
            newState, newPartitions, newStartMs, now);
    }

    /** A copy with another producer id and epochs. */
    TransactionSnapshot withProducer(long id, long lastId, short epoch, short lastEpoch) {
        return new TransactionSnapshot(id, lastId, epoch, lastEpoch, timeoutMs, state, partitions, startMs,
            lastUpdateMs);
    }
}
