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
 * EndTxn v0-4 (transaction protocol version 1; v5 belongs to version 2, which this broker does not announce):
 * commits or aborts the producer's transaction, answering once the decision is durable. PRODUCER_FENCED is
 * INVALID_PRODUCER_EPOCH before v2. Thread-safe.
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
        return transactions.endTransaction(request.transactionalId(), request.producerId(), request.producerEpoch(),
                request.committed())
            .map(error -> new EndTxnResponse().errorCode(TxnErrors.forVersion(error, context.apiVersion(), 2).code())
                .producerId(-1).producerEpoch((short) -1));
    }
}
