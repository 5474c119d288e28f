package io.tributary.broker.internal.txn;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.OffsetsTopic;
import io.tributary.broker.internal.partition.Partitions;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the COMMIT or ABORT markers of a transaction in PrepareCommit or PrepareAbort to each of its partitions
 * (what Kafka's coordinator sends as WriteTxnMarkers; here every partition is local). A marker on a
 * {@code __consumer_offsets} partition also tells the group coordinator to make the transaction's offsets visible
 * or to drop them. Partitions that no longer exist are skipped. Stateless and thread-safe; blocking.
 */
final class TransactionMarkers {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionMarkers.class);
    /** The coordinator epoch written in markers: a single node never changes coordinator. */
    static final int COORDINATOR_EPOCH = 0;

    private final Partitions partitions;
    private final GroupCoordinator groups;
    private final LongSupplier clock;

    TransactionMarkers(Partitions partitions, GroupCoordinator groups, LongSupplier clock) {
        this.partitions = partitions;
        this.groups = groups;
        this.clock = clock;
    }

    /** Writes the markers of {@code prepared} (PrepareCommit or PrepareAbort). Blocking: call it on an IO thread. */
    void write(String transactionalId, TransactionSnapshot prepared) {
        boolean commit = prepared.state() == TransactionState.PREPARE_COMMIT;
        for (TopicPartition tp : prepared.partitions()) {
            ErrorCode error = partitions.appendMarker(tp, prepared.producerId(), prepared.producerEpoch(),
                COORDINATOR_EPOCH, commit, clock.getAsLong());
            if (error == ErrorCode.NONE && tp.topic().equals(OffsetsTopic.NAME)) {
                groups.completeTransaction(tp.partition(), prepared.producerId(), commit);
            } else if (error != ErrorCode.NONE && error != ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
                LOG.warn("Transaction {} of producer {}: no {} marker on {}: {}", transactionalId,
                    prepared.producerId(), commit ? "COMMIT" : "ABORT", tp, error);
            }
        }
    }
}
