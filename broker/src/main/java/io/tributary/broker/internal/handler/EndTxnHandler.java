package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.broker.internal.txn.TransactionCoordinator;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.EndTxnRequest;
import io.tributary.protocol.message.EndTxnResponse;
import reactor.core.publisher.Mono;

/**
 * EndTxn: commits or aborts the producer's transaction, answering once the decision is durable. v5 is transactions
 * V2 (KIP-890): the epoch is bumped with every commit and abort, and the answer carries the producer id and epoch to
 * go on with. PRODUCER_FENCED is INVALID_PRODUCER_EPOCH before v2. Thread-safe.
 */
public final class EndTxnHandler implements RequestHandler<EndTxnRequest, EndTxnResponse> {
    private final TransactionCoordinator transactions;

    public EndTxnHandler(TransactionCoordinator transactions) {
        this.transactions = transactions;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.END_TXN;
    }

    @Override
    public VersionRange versions() {
        return Versions.END_TXN;
    }

    @Override
    public Mono<EndTxnResponse> handle(RequestContext context, EndTxnRequest request) {
        boolean v2 = context.apiVersion() >= 5;
        return transactions.endTransaction(request.transactionalId(), request.producerId(), request.producerEpoch(),
                request.committed(), v2)
            .map(r -> new EndTxnResponse()
                .errorCode(TxnErrors.forVersion(r.error(), context.apiVersion(), 2).code())
                .producerId(v2 ? r.producerId() : -1)
                .producerEpoch(v2 ? r.producerEpoch() : (short) -1));
    }
}
