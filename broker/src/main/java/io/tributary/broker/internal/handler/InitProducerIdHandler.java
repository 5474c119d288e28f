package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.broker.internal.producer.ProducerIdManager;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.InitProducerIdResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * InitProducerId for idempotent producers (no transactional id): a fresh producer id with epoch 0, or, when a
 * producer asks to recover its id (v3+), the same id with the next epoch (a new id once the epoch runs out).
 * Transactional ids are refused with INVALID_REQUEST until the transaction coordinator exists.
 */
public final class InitProducerIdHandler implements RequestHandler<InitProducerIdRequest, InitProducerIdResponse> {
    private final ProducerIdManager ids;
    private final Scheduler io;

    public InitProducerIdHandler(ProducerIdManager ids, Scheduler io) {
        this.ids = ids;
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
            return Mono.just(new InitProducerIdResponse().errorCode(ErrorCode.INVALID_REQUEST.code())
                .producerId(-1).producerEpoch((short) -1));
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
