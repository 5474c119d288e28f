package io.tributary.admin.internal;

import io.tributary.admin.TransactionListing;
import io.tributary.admin.TransactionState;
import io.tributary.client.internal.Failures;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.InitProducerIdResponse;
import io.tributary.protocol.message.ListTransactionsRequest;
import io.tributary.protocol.message.ListTransactionsResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Transaction calls: ListTransactions, asked of every broker (each coordinates some transactional ids), and
 * fencing, asked of each id's transaction coordinator. Stateless and thread-safe.
 */
final class TransactionCalls {
    /**
     * The transaction time-out a fencing InitProducerId declares: the fencing "producer" never begins a
     * transaction, and the next real producer of the id declares its own.
     */
    private static final int FENCING_TRANSACTION_TIMEOUT_MS = 1;

    private final AdminContext context;
    private final Coordinators coordinators;

    TransactionCalls(AdminContext context, Coordinators coordinators) {
        this.context = context;
        this.coordinators = coordinators;
    }

    Mono<Void> fenceProducers(List<String> transactionalIds) {
        return KeyedCall.run(context.runtime(), "FenceProducers of " + transactionalIds,
                () -> new KeyedCall<String, Boolean>(transactionalIds, KeyedCall.ANY_RETRIABLE,
                    id -> "transactional id " + id),
                (call, pending) -> Flux.fromIterable(pending)
                    .flatMap(id -> fence(call, id))
                    .then())
            .then();
    }

    private Mono<Void> fence(KeyedCall<String, Boolean> call, String transactionalId) {
        InitProducerIdRequest request = new InitProducerIdRequest()
            .transactionalId(transactionalId)
            .transactionTimeoutMs(FENCING_TRANSACTION_TIMEOUT_MS)
            .producerId(-1L)
            .producerEpoch((short) -1);
        return coordinators.send(transactionalId, request, InitProducerIdResponse.class)
            .doOnNext(r -> {
                coordinators.onError(transactionalId, r.errorCode());
                call.answer(transactionalId, r.errorCode(), null, Boolean.TRUE);
            })
            .then()
            .onErrorResume(e -> {
                call.requestFailed(List.of(transactionalId), e);
                return Mono.empty();
            });
    }

    Flux<TransactionListing> listTransactions() {
        ListTransactionsRequest request = new ListTransactionsRequest()
            .stateFilters(List.of())
            .producerIdFilters(List.of())
            .durationFilter(-1)
            .transactionalIdPattern(null);
        return context.onEveryBroker("ListTransactions", broker -> context.runtime()
                .send(broker, request, ListTransactionsResponse.class)
                .flatMap(r -> r.errorCode() != 0
                    ? Mono.error(Failures.of(r.errorCode(), null, "ListTransactions to broker " + broker))
                    : Mono.just(listings(r))))
            .collectMap(TransactionListing::transactionalId)
            .flatMapIterable(Map::values)
            .sort(Comparator.comparing(TransactionListing::transactionalId));
    }

    private static List<TransactionListing> listings(ListTransactionsResponse response) {
        List<TransactionListing> out = new ArrayList<>();
        for (ListTransactionsResponse.TransactionState t : response.transactionStates()) {
            out.add(new TransactionListing(t.transactionalId(), t.producerId(),
                TransactionState.parse(t.transactionState())));
        }
        return out;
    }
}
