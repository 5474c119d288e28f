package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.broker.internal.txn.TransactionCoordinator;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.AddPartitionsToTxnRequest;
import io.tributary.protocol.message.AddPartitionsToTxnResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * AddPartitionsToTxn v0-3, the versions clients send (v4+ are Kafka's broker-to-coordinator calls): adds the
 * partitions to the producer's transaction. As Kafka does, when any partition is unknown the request is not
 * attempted: those partitions get UNKNOWN_TOPIC_OR_PARTITION and the others OPERATION_NOT_ATTEMPTED. Otherwise every
 * partition gets the coordinator's answer; PRODUCER_FENCED is INVALID_PRODUCER_EPOCH before v2. Thread-safe.
 */
public final class AddPartitionsToTxnHandler
    implements RequestHandler<AddPartitionsToTxnRequest, AddPartitionsToTxnResponse> {
    private final BrokerContext broker;
    private final TransactionCoordinator transactions;

    public AddPartitionsToTxnHandler(BrokerContext broker, TransactionCoordinator transactions) {
        this.broker = broker;
        this.transactions = transactions;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ADD_PARTITIONS_TO_TXN;
    }

    @Override
    public VersionRange versions() {
        return Versions.ADD_PARTITIONS_TO_TXN;
    }

    @Override
    public Mono<AddPartitionsToTxnResponse> handle(RequestContext context, AddPartitionsToTxnRequest request) {
        Map<TopicPartition, ErrorCode> results = new LinkedHashMap<>();
        Set<TopicPartition> known = new LinkedHashSet<>();
        boolean anyUnknown = false;
        for (AddPartitionsToTxnRequest.AddPartitionsToTxnTopic t : request.v3AndBelowTopics()) {
            Optional<Topic> topic = broker.topics().get(t.name());
            for (int p : t.partitions()) {
                TopicPartition tp = new TopicPartition(t.name(), p);
                if (topic.isEmpty() || p < 0 || p >= topic.get().partitions()) {
                    results.put(tp, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
                    anyUnknown = true;
                } else {
                    known.add(tp);
                }
            }
        }
        if (anyUnknown || known.isEmpty()) {
            known.forEach(tp -> results.put(tp, ErrorCode.OPERATION_NOT_ATTEMPTED));
            return Mono.just(response(results));
        }
        return transactions.addPartitions(request.v3AndBelowTransactionalId(), request.v3AndBelowProducerId(),
                request.v3AndBelowProducerEpoch(), known)
            .map(error -> {
                ErrorCode e = TxnErrors.forVersion(error, context.apiVersion(), 2);
                known.forEach(tp -> results.put(tp, e));
                return response(results);
            });
    }

    private static AddPartitionsToTxnResponse response(Map<TopicPartition, ErrorCode> results) {
        Map<String, List<AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult>> byTopic =
            new LinkedHashMap<>();
        results.forEach((tp, error) -> byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>())
            .add(new AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult().partitionIndex(tp.partition())
                .partitionErrorCode(error.code())));
        List<AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult> topics = new ArrayList<>();
        byTopic.forEach((name, partitions) -> topics.add(new AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult()
            .name(name).resultsByPartition(partitions)));
        return new AddPartitionsToTxnResponse().resultsByTopicV3AndBelow(topics);
    }
}
