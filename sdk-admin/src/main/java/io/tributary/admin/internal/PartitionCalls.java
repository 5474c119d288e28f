package io.tributary.admin.internal;

import io.tributary.admin.ListedOffset;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.ProducerState;
import io.tributary.client.internal.ClusterView;
import io.tributary.client.internal.Failures;
import io.tributary.common.TopicPartition;
import io.tributary.errors.RetriableException;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DeleteRecordsRequest;
import io.tributary.protocol.message.DeleteRecordsResponse;
import io.tributary.protocol.message.DescribeProducersRequest;
import io.tributary.protocol.message.DescribeProducersResponse;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.ListOffsetsResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calls answered by each partition's leader: DeleteRecords, ListOffsets and DescribeProducers. Every attempt reads
 * fresh metadata, groups the pending partitions by leader and sends one request per leader in parallel; a moved
 * leader retries just its partitions. A topic or partition that metadata does not know fails at once with
 * {@code UNKNOWN_TOPIC_OR_PARTITION}. Stateless and thread-safe.
 */
final class PartitionCalls {
    private static final byte READ_UNCOMMITTED = 0;
    private static final int CONSUMER_REPLICA_ID = -1;

    private final AdminContext context;

    PartitionCalls(AdminContext context) {
        this.context = context;
    }

    /** Sends one request about {@code partitions} to {@code leader} and records the answers in {@code call}. */
    @FunctionalInterface
    private interface LeaderRequest<V> {
        Mono<Void> send(KeyedCall<TopicPartition, V> call, int leader, List<TopicPartition> partitions);
    }

    Mono<Map<TopicPartition, Long>> deleteRecords(Map<TopicPartition, Long> beforeOffsets) {
        return onLeaders(new ArrayList<>(beforeOffsets.keySet()), "DeleteRecords", (call, leader, partitions) -> {
            List<DeleteRecordsRequest.DeleteRecordsTopic> topics = new ArrayList<>();
            byTopic(partitions).forEach((topic, indexes) -> {
                List<DeleteRecordsRequest.DeleteRecordsPartition> ps = new ArrayList<>();
                for (int p : indexes) {
                    ps.add(new DeleteRecordsRequest.DeleteRecordsPartition().partitionIndex(p)
                        .offset(beforeOffsets.get(new TopicPartition(topic, p))));
                }
                topics.add(new DeleteRecordsRequest.DeleteRecordsTopic().name(topic).partitions(ps));
            });
            DeleteRecordsRequest request = new DeleteRecordsRequest()
                .topics(topics)
                .timeoutMs(context.operationTimeoutMs());
            return context.runtime().send(leader, request, DeleteRecordsResponse.class)
                .doOnNext(response -> {
                    for (DeleteRecordsResponse.DeleteRecordsTopicResult t : response.topics()) {
                        for (DeleteRecordsResponse.DeleteRecordsPartitionResult p : t.partitions()) {
                            call.answer(new TopicPartition(t.name(), p.partitionIndex()), p.errorCode(), null,
                                p.lowWatermark());
                        }
                    }
                })
                .then();
        });
    }

    Mono<Map<TopicPartition, ListedOffset>> listOffsets(Map<TopicPartition, OffsetSpec> specs) {
        return onLeaders(new ArrayList<>(specs.keySet()), "ListOffsets", (call, leader, partitions) -> {
            List<ListOffsetsRequest.ListOffsetsTopic> topics = new ArrayList<>();
            byTopic(partitions).forEach((topic, indexes) -> {
                List<ListOffsetsRequest.ListOffsetsPartition> ps = new ArrayList<>();
                for (int p : indexes) {
                    ps.add(new ListOffsetsRequest.ListOffsetsPartition().partitionIndex(p).currentLeaderEpoch(-1)
                        .timestamp(specs.get(new TopicPartition(topic, p)).timestamp()));
                }
                topics.add(new ListOffsetsRequest.ListOffsetsTopic().name(topic).partitions(ps));
            });
            ListOffsetsRequest request = new ListOffsetsRequest()
                .replicaId(CONSUMER_REPLICA_ID)
                .isolationLevel(READ_UNCOMMITTED)
                .topics(topics)
                .timeoutMs(context.operationTimeoutMs());
            return context.runtime().send(leader, request, ListOffsetsResponse.class)
                .doOnNext(response -> {
                    for (ListOffsetsResponse.ListOffsetsTopicResponse t : response.topics()) {
                        for (ListOffsetsResponse.ListOffsetsPartitionResponse p : t.partitions()) {
                            call.answer(new TopicPartition(t.name(), p.partitionIndex()), p.errorCode(), null,
                                new ListedOffset(p.offset(), p.timestamp(), p.leaderEpoch()));
                        }
                    }
                })
                .then();
        });
    }

    Mono<Map<TopicPartition, List<ProducerState>>> describeProducers(List<TopicPartition> partitions) {
        return onLeaders(partitions, "DescribeProducers", (call, leader, ps) -> {
            List<DescribeProducersRequest.TopicRequest> topics = new ArrayList<>();
            byTopic(ps).forEach((topic, indexes) -> topics.add(new DescribeProducersRequest.TopicRequest()
                .name(topic)
                .partitionIndexes(indexes)));
            DescribeProducersRequest request = new DescribeProducersRequest().topics(topics);
            return context.runtime().send(leader, request, DescribeProducersResponse.class)
                .doOnNext(response -> {
                    for (DescribeProducersResponse.TopicResponse t : response.topics()) {
                        for (DescribeProducersResponse.PartitionResponse p : t.partitions()) {
                            call.answer(new TopicPartition(t.name(), p.partitionIndex()), p.errorCode(),
                                p.errorMessage(), producers(p));
                        }
                    }
                })
                .then();
        });
    }

    private static List<ProducerState> producers(DescribeProducersResponse.PartitionResponse p) {
        List<ProducerState> out = new ArrayList<>();
        for (DescribeProducersResponse.ProducerState s : p.activeProducers()) {
            out.add(new ProducerState(s.producerId(), s.producerEpoch(), s.lastSequence(), s.lastTimestamp(),
                s.coordinatorEpoch(), s.currentTxnStartOffset()));
        }
        return List.copyOf(out);
    }

    private <V> Mono<Map<TopicPartition, V>> onLeaders(List<TopicPartition> partitions, String api,
                                                       LeaderRequest<V> request) {
        return KeyedCall.run(context.runtime(), api + " of " + partitions,
            () -> new KeyedCall<>(partitions, KeyedCall.ANY_RETRIABLE, tp -> "partition " + tp),
            (call, pending) -> route(call, pending, request));
    }

    private <V> Mono<Void> route(KeyedCall<TopicPartition, V> call, Set<TopicPartition> pending,
                                 LeaderRequest<V> request) {
        Set<String> topics = new LinkedHashSet<>();
        pending.forEach(tp -> topics.add(tp.topic()));
        return context.runtime().refreshMetadata(topics, false)
            .flatMap(view -> {
                Map<Integer, List<TopicPartition>> byLeader = new LinkedHashMap<>();
                for (TopicPartition tp : pending) {
                    int leader = leader(call, view, tp);
                    if (leader >= 0) {
                        byLeader.computeIfAbsent(leader, l -> new ArrayList<>()).add(tp);
                    }
                }
                return Flux.fromIterable(byLeader.entrySet())
                    .flatMap(e -> request.send(call, e.getKey(), e.getValue())
                        .onErrorResume(error -> {
                            call.requestFailed(e.getValue(), error);
                            return Mono.empty();
                        }))
                    .then();
            });
    }

    /** The leader of {@code tp}, or -1 after recording why there is none to ask. */
    private static int leader(KeyedCall<TopicPartition, ?> call, ClusterView view, TopicPartition tp) {
        ClusterView.TopicMetadata topic = view.topic(tp.topic());
        ErrorCode error = topic == null ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : topic.error();
        if (error != ErrorCode.NONE) {
            // A topic metadata does not know is an answer; a topic without leaders yet is not.
            boolean retry = error.retriable() && error != ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
            RuntimeException failure = Failures.of(error.code(), null, call.describe(tp));
            if (retry) {
                call.retry(tp, failure);
            } else {
                call.fail(tp, failure);
            }
            return -1;
        }
        for (ClusterView.PartitionMetadata p : topic.partitions()) {
            if (p.partition() == tp.partition()) {
                if (p.leader() < 0) {
                    call.retry(tp, new RetriableException(ErrorCode.LEADER_NOT_AVAILABLE, "LEADER_NOT_AVAILABLE on "
                        + call.describe(tp) + ": the partition has no leader"));
                    return -1;
                }
                return p.leader();
            }
        }
        call.fail(tp, Failures.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), "Topic " + tp.topic() + " has "
            + topic.partitionCount() + " partitions", call.describe(tp)));
        return -1;
    }

    private static Map<String, List<Integer>> byTopic(List<TopicPartition> partitions) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            out.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        return out;
    }
}
