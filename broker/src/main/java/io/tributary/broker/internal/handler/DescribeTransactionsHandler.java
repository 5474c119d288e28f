package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.broker.internal.txn.TransactionCoordinator;
import io.tributary.broker.internal.txn.TransactionSnapshot;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.DescribeTransactionsRequest;
import io.tributary.protocol.message.DescribeTransactionsResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * DescribeTransactions v0: per transactional id its state name, timeout, start time, producer id and epoch and the
 * partitions of its transaction; TRANSACTIONAL_ID_NOT_FOUND for unknown ids, INVALID_REQUEST for an empty id,
 * COORDINATOR_LOAD_IN_PROGRESS while the coordinator loads. Answered from memory. Thread-safe.
 */
public final class DescribeTransactionsHandler
    implements RequestHandler<DescribeTransactionsRequest, DescribeTransactionsResponse> {
    private final TransactionCoordinator transactions;

    public DescribeTransactionsHandler(TransactionCoordinator transactions) {
        this.transactions = transactions;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_TRANSACTIONS;
    }

    @Override
    public VersionRange versions() {
        return Versions.DESCRIBE_TRANSACTIONS;
    }

    @Override
    public Mono<DescribeTransactionsResponse> handle(RequestContext context, DescribeTransactionsRequest request) {
        List<DescribeTransactionsResponse.TransactionState> out = new ArrayList<>();
        for (String id : request.transactionalIds()) {
            out.add(describe(id));
        }
        return Mono.just(new DescribeTransactionsResponse().transactionStates(out));
    }

    private DescribeTransactionsResponse.TransactionState describe(String id) {
        DescribeTransactionsResponse.TransactionState s = new DescribeTransactionsResponse.TransactionState()
            .transactionalId(id).transactionState("").producerId(-1).producerEpoch((short) -1)
            .transactionStartTimeMs(-1);
        ErrorCode error = id.isEmpty() ? ErrorCode.INVALID_REQUEST : transactions.checkLoaded();
        TransactionSnapshot state = error == ErrorCode.NONE ? transactions.describe(id) : null;
        if (error == ErrorCode.NONE && state == null) {
            error = ErrorCode.TRANSACTIONAL_ID_NOT_FOUND;
        }
        if (state == null) {
            return s.errorCode(error.code());
        }
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : state.partitions()) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        List<DescribeTransactionsResponse.TopicData> topics = new ArrayList<>();
        byTopic.forEach((topic, partitions) -> topics.add(new DescribeTransactionsResponse.TopicData().topic(topic)
            .partitions(partitions)));
        return s.errorCode(ErrorCode.NONE.code()).transactionState(state.state().displayName())
            .transactionTimeoutMs(state.timeoutMs()).transactionStartTimeMs(state.startMs())
            .producerId(state.producerId()).producerEpoch(state.producerEpoch()).topics(topics);
    }
}
