package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.group.CommittedOffset;
import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.broker.internal.txn.TransactionCoordinator;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.TxnOffsetCommitRequest;
import io.tributary.protocol.message.TxnOffsetCommitResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * TxnOffsetCommit v0-4 (the group coordinator's side of {@code sendOffsetsToTransaction}): checks each partition as
 * OffsetCommit does (UNKNOWN_TOPIC_OR_PARTITION, OFFSET_METADATA_TOO_LARGE), checks with the transaction coordinator
 * that the group's {@code __consumer_offsets} partition is in the producer's open transaction (AddOffsetsToTxn came
 * first; a fenced producer gets PRODUCER_FENCED, a missing AddOffsetsToTxn INVALID_TXN_STATE, or
 * TRANSACTION_ABORTABLE from v4), then writes the offsets as part of the transaction. They become visible when it
 * commits and are dropped when it aborts. From v3 the consumer's member id and generation are checked. Thread-safe.
 */
public final class TxnOffsetCommitHandler implements RequestHandler<TxnOffsetCommitRequest, TxnOffsetCommitResponse> {
    private final BrokerContext broker;
    private final GroupCoordinator groups;
    private final TransactionCoordinator transactions;

    public TxnOffsetCommitHandler(BrokerContext broker, GroupCoordinator groups,
                                  TransactionCoordinator transactions) {
        this.broker = broker;
        this.groups = groups;
        this.transactions = transactions;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.TXN_OFFSET_COMMIT;
    }

    @Override
    public VersionRange versions() {
        return Versions.TXN_OFFSET_COMMIT;
    }

    @Override
    public Mono<TxnOffsetCommitResponse> handle(RequestContext context, TxnOffsetCommitRequest request) {
        short version = context.apiVersion();
        OffsetsToCommit offsets = new OffsetsToCommit(broker, groups.config().maxMetadataBytes(), groups.now());
        for (TxnOffsetCommitRequest.TxnOffsetCommitRequestTopic t : request.topics()) {
            for (TxnOffsetCommitRequest.TxnOffsetCommitRequestPartition p : t.partitions()) {
                offsets.add(t.name(), p.partitionIndex(), p.committedOffset(),
                    version >= 2 ? p.committedLeaderEpoch() : -1, p.committedMetadata());
            }
        }
        Map<TopicPartition, ErrorCode> results = offsets.results;
        Map<TopicPartition, CommittedOffset> valid = offsets.valid;
        if (valid.isEmpty()) {
            return Mono.just(response(results));
        }
        ErrorCode groupError = groups.checkGroup(request.groupId());
        if (groupError != ErrorCode.NONE) {
            valid.keySet().forEach(tp -> results.put(tp, groupError));
            return Mono.just(response(results));
        }
        // v5 is transactions V2: no AddOffsetsToTxn came first, the commit adds the group's partition itself.
        Mono<ErrorCode> added = version >= 5 ? transactions.addPartitions(request.transactionalId(),
                request.producerId(), request.producerEpoch(), Set.of(groups.offsetsPartition(request.groupId())))
            : Mono.just(ErrorCode.NONE);
        return added.flatMap(addError -> {
            ErrorCode error = addError == ErrorCode.CONCURRENT_TRANSACTIONS ? addError : verified(request, version);
            if (error != ErrorCode.NONE) {
                valid.keySet().forEach(tp -> results.put(tp, error));
                return Mono.just(response(results));
            }
            return commit(request, version, valid, results);
        });
    }

    private Mono<TxnOffsetCommitResponse> commit(TxnOffsetCommitRequest request, short version,
                                                 Map<TopicPartition, CommittedOffset> valid,
                                                 Map<TopicPartition, ErrorCode> results) {
        String memberId = version >= 3 ? request.memberId() : "";
        int generation = version >= 3 ? request.generationId() : -1;
        return groups.commitTransactional(request.groupId(), memberId, version >= 3 ? request.groupInstanceId() : null,
                generation, request.producerId(), request.producerEpoch(), valid)
            .map(e -> {
                valid.keySet().forEach(tp -> results.put(tp, e));
                return response(results);
            });
    }

    private ErrorCode verified(TxnOffsetCommitRequest request, short version) {
        ErrorCode error = transactions.verify(request.transactionalId(), request.producerId(),
            request.producerEpoch(), groups.offsetsPartition(request.groupId()));
        return switch (error) {
            case NONE, COORDINATOR_LOAD_IN_PROGRESS -> error;
            case INVALID_PRODUCER_EPOCH -> ErrorCode.PRODUCER_FENCED;
            default -> version >= 4 ? ErrorCode.TRANSACTION_ABORTABLE : ErrorCode.INVALID_TXN_STATE;
        };
    }

    private static TxnOffsetCommitResponse response(Map<TopicPartition, ErrorCode> results) {
        Map<String, List<TxnOffsetCommitResponse.TxnOffsetCommitResponsePartition>> byTopic = new LinkedHashMap<>();
        results.forEach((tp, error) -> byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>())
            .add(new TxnOffsetCommitResponse.TxnOffsetCommitResponsePartition().partitionIndex(tp.partition())
                .errorCode(error.code())));
        List<TxnOffsetCommitResponse.TxnOffsetCommitResponseTopic> topics = new ArrayList<>();
        byTopic.forEach((name, partitions) -> topics.add(new TxnOffsetCommitResponse.TxnOffsetCommitResponseTopic()
            .name(name).partitions(partitions)));
        return new TxnOffsetCommitResponse().topics(topics);
    }
}
