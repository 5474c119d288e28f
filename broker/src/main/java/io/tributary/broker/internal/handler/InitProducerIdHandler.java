package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.broker.internal.producer.ProducerIdManager;
import io.tributary.broker.internal.txn.TransactionCoordinator;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.InitProducerIdResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * InitProducerId. Idempotent producers (no transactional id) get a fresh producer id with epoch 0, or, when they ask
 * to recover their id (v3+), the same id with the next epoch (a new id once the epoch runs out). Transactional
 * producers go to the {@link TransactionCoordinator}, which bumps the id's epoch and so fences older instances;
 * PRODUCER_FENCED is INVALID_PRODUCER_EPOCH before v4, which older clients do not know.
 */
public final class InitProducerIdHandler implements RequestHandler<InitProducerIdRequest, InitProducerIdResponse> {
    private final ProducerIdManager ids;
    private final TransactionCoordinator transactions;
    private final Scheduler io;

    public InitProducerIdHandler(ProducerIdManager ids, TransactionCoordinator transactions, Scheduler io) {
        this.ids = ids;
        this.transactions = transactions;
        this.io = io;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.INIT_PRODUCER_ID;
    }

    @Override
    public VersionRange versions() {
        return Versions.INIT_PRODUCER_ID;
    }

    @Override
    public Mono<InitProducerIdResponse> handle(RequestContext context, InitProducerIdRequest request) {
        if (request.transactionalId() != null) {
            long expectedId = context.apiVersion() >= 3 ? request.producerId() : -1;
            short expectedEpoch = context.apiVersion() >= 3 ? request.producerEpoch() : -1;
            return transactions.initProducerId(request.transactionalId(), request.transactionTimeoutMs(), expectedId,
                    expectedEpoch)
                .map(r -> new InitProducerIdResponse().producerId(r.producerId()).producerEpoch(r.producerEpoch())
                    .errorCode(TxnErrors.forVersion(r.error(), context.apiVersion(), 4).code()));
        }
        // Reserving a new block of ids writes a file: disk work.
        return Mono.fromCallable(() -> answer(request)).subscribeOn(io);
    }

    private InitProducerIdResponse answer(InitProducerIdRequest request) {
        long id = request.producerId();
        short epoch = request.producerEpoch();
        if (id >= 0 && epoch >= 0 && epoch < Short.MAX_VALUE - 1) {
            return new InitProducerIdResponse().producerId(id).producerEpoch((short) (epoch + 1));
        }
        return new InitProducerIdResponse().producerId(ids.nextId()).producerEpoch((short) 0);
    }
}
