package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.protocol.message.FetchRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a consumer's Fetch request by topic name, one entry per partition at its position, with the consumer's
 * size, wait and isolation settings and the fetch session's id, epoch and forgotten partitions
 * ({@link FetchSession}). Stateless.
 */
final class FetchRequests {
    private FetchRequests() {
    }

    /** @param maxBytes the response's size limit: the consumer's {@code fetch.max.bytes} or the prefetch room left */
    static FetchRequest build(ConsumerOptions<?, ?> options, Map<TopicPartition, Long> positions, int maxBytes,
                              int sessionId, int sessionEpoch, List<TopicPartition> forgotten) {
        Map<String, FetchRequest.ForgottenTopic> forget = new LinkedHashMap<>();
        forgotten.forEach(tp -> forget.computeIfAbsent(tp.topic(),
                t -> new FetchRequest.ForgottenTopic().topic(t).partitions(new ArrayList<>()))
            .partitions().add(tp.partition()));
        Map<String, FetchRequest.FetchTopic> topics = new LinkedHashMap<>();
        positions.forEach((tp, position) -> topics.computeIfAbsent(tp.topic(),
                t -> new FetchRequest.FetchTopic().topic(t).partitions(new ArrayList<>()))
            .partitions().add(new FetchRequest.FetchPartition()
                .partition(tp.partition())
                .currentLeaderEpoch(-1)
                .fetchOffset(position)
                .lastFetchedEpoch(-1)
                .logStartOffset(-1)
                .partitionMaxBytes(options.maxPartitionFetchBytes())));
        return new FetchRequest()
            .replicaId(-1)
            .maxWaitMs((int) Math.min(Integer.MAX_VALUE, options.fetchMaxWait().toMillis()))
            .minBytes(options.fetchMinBytes())
            .maxBytes(maxBytes)
            .isolationLevel(options.isolationLevel().wire())
            .sessionId(sessionId)
            .sessionEpoch(sessionEpoch)
            .topics(new ArrayList<>(topics.values()))
            .forgottenTopicsData(new ArrayList<>(forget.values()))
            .rackId(options.rack() == null ? "" : options.rack());
    }
}
