package io.tributary.consumer.internal;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.ClusterView;
import io.tributary.client.internal.Failures;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.IsolationLevel;
import io.tributary.errors.RetriableException;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.ListOffsetsResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * ListOffsets for a consumer: the earliest or latest offset, or the first offset at or after a timestamp, of each
 * partition, asked of each partition's leader, with retries. Stateless.
 */
final class OffsetLookup {
    static final long EARLIEST = -2L;
    static final long LATEST = -1L;

    private OffsetLookup() {
    }

    /** The offsets for {@code timestamp} ({@link #EARLIEST}, {@link #LATEST} or ms); -1 where none exists. */
    static Mono<Map<TopicPartition, Long>> offsets(ClientRuntime runtime, Collection<TopicPartition> partitions,
                                                   long timestamp, IsolationLevel isolation) {
        if (partitions.isEmpty()) {
            return Mono.just(Map.of());
        }
        Set<String> topics = partitions.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        Mono<Map<TopicPartition, Long>> attempt = runtime.metadataFor(topics, false)
            .flatMap(view -> Flux.fromIterable(byLeader(view, partitions).entrySet())
                .flatMap(e -> ask(runtime, e.getKey(), e.getValue(), timestamp, isolation))
                .collectList())
            .map(results -> {
                Map<TopicPartition, Long> all = new HashMap<>();
                results.forEach(all::putAll);
                return all;
            });
        return runtime.withRetries(attempt, "ListOffsets for " + partitions);
    }

    private static Map<Integer, List<TopicPartition>> byLeader(ClusterView view, Collection<TopicPartition> parts) {
        Map<Integer, List<TopicPartition>> byLeader = new LinkedHashMap<>();
        for (TopicPartition tp : parts) {
            ClusterView.TopicMetadata topic = view.topic(tp.topic());
            int leader = topic == null || tp.partition() >= topic.partitionCount() ? -1
                : topic.partitions().get(tp.partition()).leader();
            if (leader < 0) {
                throw new RetriableException(ErrorCode.LEADER_NOT_AVAILABLE, "No leader known for " + tp);
            }
            byLeader.computeIfAbsent(leader, l -> new ArrayList<>()).add(tp);
        }
        return byLeader;
    }

    private static Mono<Map<TopicPartition, Long>> ask(ClientRuntime runtime, int leader,
                                                       List<TopicPartition> partitions, long timestamp,
                                                       IsolationLevel isolation) {
        Map<String, ListOffsetsRequest.ListOffsetsTopic> topics = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            topics.computeIfAbsent(tp.topic(), t -> new ListOffsetsRequest.ListOffsetsTopic().name(t)
                    .partitions(new ArrayList<>()))
                .partitions().add(new ListOffsetsRequest.ListOffsetsPartition()
                    .partitionIndex(tp.partition())
                    .currentLeaderEpoch(-1)
                    .timestamp(timestamp));
        }
        ListOffsetsRequest request = new ListOffsetsRequest()
            .replicaId(-1)
            .isolationLevel(isolation.wire())
            .topics(new ArrayList<>(topics.values()));
        return runtime.send(leader, request, ListOffsetsResponse.class).flatMap(response -> {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (ListOffsetsResponse.ListOffsetsTopicResponse t : response.topics()) {
                for (ListOffsetsResponse.ListOffsetsPartitionResponse p : t.partitions()) {
                    if (p.errorCode() != 0) {
                        return Mono.error(Failures.of(p.errorCode(), null, "ListOffsets of " + t.name() + "-"
                            + p.partitionIndex()));
                    }
                    offsets.put(new TopicPartition(t.name(), p.partitionIndex()), p.offset());
                }
            }
            return Mono.just(offsets);
        });
    }
}
