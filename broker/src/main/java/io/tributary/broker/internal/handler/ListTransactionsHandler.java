package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.broker.internal.txn.TransactionCoordinator;
import io.tributary.broker.internal.txn.TransactionSnapshot;
import io.tributary.broker.internal.txn.TransactionState;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.ListTransactionsRequest;
import io.tributary.protocol.message.ListTransactionsResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import reactor.core.publisher.Mono;

/**
 * ListTransactions v0-2: the transactional ids this coordinator knows, filtered by state names (unknown names are
 * echoed in UnknownStateFilters), by producer ids, from v1 by how long the transaction has been running (only those
 * running longer than DurationFilter ms; -1 for all), and from v2 by a regular expression the whole id must match
 * (INVALID_REGULAR_EXPRESSION if it does not compile). Thread-safe.
 */
public final class ListTransactionsHandler
    implements RequestHandler<ListTransactionsRequest, ListTransactionsResponse> {
    private final TransactionCoordinator transactions;

    public ListTransactionsHandler(TransactionCoordinator transactions) {
        this.transactions = transactions;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_TRANSACTIONS;
    }

    @Override
    public VersionRange versions() {
        return Versions.LIST_TRANSACTIONS;
    }

    @Override
    public Mono<ListTransactionsResponse> handle(RequestContext context, ListTransactionsRequest request) {
        ListTransactionsResponse response = new ListTransactionsResponse();
        ErrorCode loaded = transactions.checkLoaded();
        if (loaded != ErrorCode.NONE) {
            return Mono.just(response.errorCode(loaded.code()));
        }
        Pattern pattern = null;
        if (context.apiVersion() >= 2 && request.transactionalIdPattern() != null
            && !request.transactionalIdPattern().isEmpty()) {
            try {
                pattern = Pattern.compile(request.transactionalIdPattern());
            } catch (PatternSyntaxException e) {
                return Mono.just(response.errorCode(ErrorCode.INVALID_REGULAR_EXPRESSION.code()));
            }
        }
        Set<TransactionState> states = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : request.stateFilters()) {
            TransactionState s = TransactionState.forName(name);
            if (s == null) {
                unknown.add(name);
            } else {
                states.add(s);
            }
        }
        Set<Long> producerIds = new HashSet<>(request.producerIdFilters());
        long duration = context.apiVersion() >= 1 ? request.durationFilter() : -1;
        long now = transactions.now();
        List<ListTransactionsResponse.TransactionState> out = new ArrayList<>();
        for (TransactionCoordinator.Listing l : transactions.list()) {
            TransactionSnapshot s = l.state();
            boolean included = (states.isEmpty() && unknown.isEmpty() || states.contains(s.state()))
                && (producerIds.isEmpty() || producerIds.contains(s.producerId()))
                && (duration < 0 || s.startMs() >= 0 && now - s.startMs() > duration)
                && (pattern == null || pattern.matcher(l.transactionalId()).matches());
            if (included) {
                out.add(new ListTransactionsResponse.TransactionState().transactionalId(l.transactionalId())
                    .producerId(s.producerId()).transactionState(s.state().displayName()));
            }
        }
        return Mono.just(response.errorCode(ErrorCode.NONE.code()).unknownStateFilters(unknown)
            .transactionStates(out));
    }
}
