package io.tributary.broker.internal.handler;

import io.netty.buffer.ByteBuf;
import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.broker.internal.txn.TransactionCoordinator;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.record.InvalidRecordException;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Transactions V2 (KIP-890): a transactional Produce v12+ does not follow an AddPartitionsToTxn, so the leader adds
 * the partitions it writes to the producer's transaction itself, before appending. The producer id and epoch are
 * read off each partition's first batch; the batches are validated afterwards, at the append, as always. Stateless.
 */
final class ImplicitPartitionAdd {
    private ImplicitPartitionAdd() {
    }

    /**
     * Adds the partitions of {@code request}'s transactional batches to its transaction: NONE when there were none
     * or they were added, else the coordinator's error (the append then fails the way verification decides).
     */
    static Mono<ErrorCode> add(BrokerContext broker, TransactionCoordinator transactions, short version,
                               ProduceRequest request) {
        String transactionalId = request.transactionalId();
        if (version < 12 || transactionalId == null) {
            return Mono.just(ErrorCode.NONE);
        }
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        long producerId = -1;
        short epoch = -1;
        for (ProduceRequest.TopicProduceData t : request.topicData()) {
            Optional<Topic> topic = version >= 13 ? broker.topics().get(t.topicId()) : broker.topics().get(t.name());
            if (topic.isEmpty()) {
                continue;
            }
            for (ProduceRequest.PartitionProduceData p : t.partitionData()) {
                RecordBatch first = firstBatch(p.records());
                if (first == null || !first.isTransactional()) {
                    continue;
                }
                producerId = first.producerId();
                epoch = first.producerEpoch();
                partitions.add(new TopicPartition(topic.get().name(), p.index()));
            }
        }
        return partitions.isEmpty() ? Mono.just(ErrorCode.NONE)
            : transactions.addPartitions(transactionalId, producerId, epoch, partitions);
    }

    /** The first batch of {@code records}, or null if there is none or it is malformed (the append refuses it). */
    private static @Nullable RecordBatch firstBatch(@Nullable ByteBuf records) {
        if (records == null) {
            return null;
        }
        try {
            Iterator<RecordBatch> batches = RecordBatches.of(records).iterator();
            return batches.hasNext() ? batches.next() : null;
        } catch (InvalidRecordException e) {
            return null;
        }
    }

    /**
     * Whether the coordinator could not add the partitions for now (still completing the previous transaction, or
     * loading): the Produce is answered NOT_ENOUGH_REPLICAS, which producers retry, as Kafka does.
     */
    static boolean retriable(ErrorCode error) {
        return error == ErrorCode.CONCURRENT_TRANSACTIONS || error == ErrorCode.COORDINATOR_LOAD_IN_PROGRESS
            || error == ErrorCode.COORDINATOR_NOT_AVAILABLE || error == ErrorCode.NOT_COORDINATOR;
    }
}
