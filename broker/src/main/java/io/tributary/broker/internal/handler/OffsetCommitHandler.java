package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.group.CommittedOffset;
import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetCommitResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * OffsetCommit v2-9: as Kafka, partitions of unknown topics or beyond a topic's partition count get
 * UNKNOWN_TOPIC_OR_PARTITION and metadata over {@code offset.metadata.max.bytes} gets OFFSET_METADATA_TOO_LARGE;
 * the rest is checked against the group (member, generation, state) and answered once written to
 * {@code __consumer_offsets}. RetentionTimeMs (v2-4) is ignored: offsets expire by {@code offsets.retention.minutes}.
 * Thread-safe.
 */
public final class OffsetCommitHandler implements RequestHandler<OffsetCommitRequest, OffsetCommitResponse> {
    private final BrokerContext broker;
    private final GroupCoordinator groups;

    public OffsetCommitHandler(BrokerContext broker, GroupCoordinator groups) {
        this.broker = broker;
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_COMMIT;
    }

    @Override
    public VersionRange versions() {
        return Versions.OFFSET_COMMIT;
    }

    @Override
    public Mono<OffsetCommitResponse> handle(RequestContext context, OffsetCommitRequest request) {
        short version = context.apiVersion();
        OffsetsToCommit offsets = new OffsetsToCommit(broker, groups.config().maxMetadataBytes(), groups.now());
        for (OffsetCommitRequest.OffsetCommitRequestTopic t : request.topics()) {
            for (OffsetCommitRequest.OffsetCommitRequestPartition p : t.partitions()) {
                offsets.add(t.name(), p.partitionIndex(), p.committedOffset(),
                    version >= 6 ? p.committedLeaderEpoch() : -1, p.committedMetadata());
            }
        }
        Map<TopicPartition, ErrorCode> results = offsets.results;
        Map<TopicPartition, CommittedOffset> valid = offsets.valid;
        if (valid.isEmpty()) {
            return Mono.just(response(results));
        }
        return groups.commit(request.groupId(), request.memberId(), request.groupInstanceId(),
                request.generationIdOrMemberEpoch(), valid, version)
            .map(error -> {
                valid.keySet().forEach(tp -> results.put(tp, error));
                return response(results);
            });
    }

    private static OffsetCommitResponse response(Map<TopicPartition, ErrorCode> results) {
        Map<String, List<OffsetCommitResponse.OffsetCommitResponsePartition>> byTopic = new LinkedHashMap<>();
        results.forEach((tp, error) -> byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>())
            .add(new OffsetCommitResponse.OffsetCommitResponsePartition().partitionIndex(tp.partition())
                .errorCode(error.code())));
        List<OffsetCommitResponse.OffsetCommitResponseTopic> topics = new ArrayList<>();
        byTopic.forEach((name, partitions) -> topics.add(new OffsetCommitResponse.OffsetCommitResponseTopic()
            .name(name).partitions(partitions)));
        return new OffsetCommitResponse().topics(topics);
    }
}
