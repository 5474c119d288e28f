package io.tributary.admin.internal;

import io.tributary.admin.TransactionListing;
import io.tributary.admin.TransactionState;
import io.tributary.client.internal.Failures;
import io.tributary.protocol.message.ListTransactionsRequest;
import io.tributary.protocol.message.ListTransactionsResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** ListTransactions, asked of every broker (each coordinates some transactional ids). Stateless and thread-safe. */
final class TransactionCalls {
    private final AdminContext context;

    TransactionCalls(AdminContext context) {
        this.context = context;
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
