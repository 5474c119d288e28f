package io.tributary.producer.internal;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.Failures;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.InitProducerIdResponse;
import io.tributary.protocol.record.RecordBatch;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The producer id and epoch an idempotent or transactional producer writes with, obtained by InitProducerId (from
 * any broker, or from the transaction coordinator when a transactional id is set). Thread-safe: the id and epoch
 * change together, and only one InitProducerId is in flight at a time.
 */
final class ProducerIdentity {
    /** An id and epoch pair; {@link #NONE} until initialized. */
    record Id(long producerId, short epoch) {
        static final Id NONE = new Id(RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH);
    }

    private final ClientRuntime runtime;
    private final @Nullable String transactionalId;
    private final Duration transactionTimeout;
    private final AtomicBoolean initializing = new AtomicBoolean();
    private volatile Id id = Id.NONE;

    ProducerIdentity(ClientRuntime runtime, @Nullable String transactionalId, Duration transactionTimeout) {
        this.runtime = runtime;
        this.transactionalId = transactionalId;
        this.transactionTimeout = transactionTimeout;
    }

    Id current() {
        return id;
    }

    boolean isReady() {
        return id.producerId() >= 0;
    }

    /** Starts InitProducerId unless one runs already; calls back when it ends. */
    void ensure(Runnable onReady, Consumer<Throwable> onFailure) {
        if (isReady() || !initializing.compareAndSet(false, true)) {
            return;
        }
        init()
            .doFinally(s -> initializing.set(false))
            .subscribe(ok -> onReady.run(), onFailure);
    }

    /** Asks for a producer id (a new epoch of the same id, for a transactional id); lazy, with retries. */
    Mono<Id> init() {
        InitProducerIdRequest request = new InitProducerIdRequest()
            .transactionalId(transactionalId)
            .transactionTimeoutMs((int) Math.min(Integer.MAX_VALUE, transactionTimeout.toMillis()))
            .producerId(RecordBatch.NO_PRODUCER_ID)
            .producerEpoch(RecordBatch.NO_PRODUCER_EPOCH);
        Mono<InitProducerIdResponse> send = transactionalId == null
            ? runtime.sendAny(request, InitProducerIdResponse.class)
            : runtime.coordinatorConnection(ClientRuntime.TRANSACTION, transactionalId)
                .flatMap(c -> c.send(request, InitProducerIdResponse.class));
        return runtime.withRetries(send.flatMap(r -> {
            if (r.errorCode() != 0) {
                if (transactionalId != null) {
                    runtime.invalidateCoordinator(ClientRuntime.TRANSACTION, transactionalId);
                }
                return Mono.error(Failures.of(r.errorCode(), null, "InitProducerId"
                    + (transactionalId == null ? "" : " for transactional id " + transactionalId)));
            }
            Id next = new Id(r.producerId(), r.producerEpoch());
            id = next;
            return Mono.just(next);
        }), "InitProducerId");
    }
}
