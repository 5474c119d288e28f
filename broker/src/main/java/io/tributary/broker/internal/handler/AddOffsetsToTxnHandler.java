package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.broker.internal.txn.TransactionCoordinator;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.AddOffsetsToTxnRequest;
import io.tributary.protocol.message.AddOffsetsToTxnResponse;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * AddOffsetsToTxn v0-4: adds the group's {@code __consumer_offsets} partition to the producer's transaction, so that
 * the group's TxnOffsetCommit may follow and the transaction's marker completes it. An empty group id is
 * INVALID_GROUP_ID; PRODUCER_FENCED is INVALID_PRODUCER_EPOCH before v2. Thread-safe.
 */
public final class AddOffsetsToTxnHandler implements RequestHandler<AddOffsetsToTxnRequest, AddOffsetsToTxnResponse> {
    private final TransactionCoordinator transactions;
    private final GroupCoordinator groups;

    public AddOffsetsToTxnHandler(TransactionCoordinator transactions, GroupCoordinator groups) {
        this.transactions = transactions;
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ADD_OFFSETS_TO_TXN;
    }

    @Override
    public VersionRange versions() {
        return Versions.ADD_OFFSETS_TO_TXN;
    }

    @Override
    public Mono<AddOffsetsToTxnResponse> handle(RequestContext context, AddOffsetsToTxnRequest request) {
        if (request.groupId().isEmpty()) {
            return Mono.just(new AddOffsetsToTxnResponse().errorCode(ErrorCode.INVALID_GROUP_ID.code()));
        }
        return transactions.addPartitions(request.transactionalId(), request.producerId(), request.producerEpoch(),
                Set.of(groups.offsetsPartition(request.groupId())))
            .map(error -> new AddOffsetsToTxnResponse()
                .errorCode(TxnErrors.forVersion(error, context.apiVersion(), 2).code()));
    }
}
