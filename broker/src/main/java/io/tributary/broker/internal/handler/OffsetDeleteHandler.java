package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.OffsetDeleteRequest;
import io.tributary.protocol.message.OffsetDeleteResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * OffsetDelete v0: removes a group's committed offsets of the given partitions, except for topics the group's
 * members subscribe to (GROUP_SUBSCRIBED_TO_TOPIC); unknown partitions get UNKNOWN_TOPIC_OR_PARTITION, an unknown
 * group GROUP_ID_NOT_FOUND and a non-empty group that does not use the consumer protocol NON_EMPTY_GROUP.
 * Thread-safe.
 */
public final class OffsetDeleteHandler implements RequestHandler<OffsetDeleteRequest, OffsetDeleteResponse> {
    private final BrokerContext broker;
    private final GroupCoordinator groups;

    public OffsetDeleteHandler(BrokerContext broker, GroupCoordinator groups) {
        this.broker = broker;
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_DELETE;
    }

    @Override
    public VersionRange versions() {
        return Versions.OFFSET_DELETE;
    }

    @Override
    public Mono<OffsetDeleteResponse> handle(RequestContext context, OffsetDeleteRequest request) {
        Map<TopicPartition, ErrorCode> results = new LinkedHashMap<>();
        List<TopicPartition> known = new ArrayList<>();
        for (OffsetDeleteRequest.OffsetDeleteRequestTopic t : request.topics()) {
            Optional<Topic> topic = broker.topics().get(t.name());
            for (OffsetDeleteRequest.OffsetDeleteRequestPartition p : t.partitions()) {
                TopicPartition tp = new TopicPartition(t.name(), p.partitionIndex());
                if (topic.isEmpty() || p.partitionIndex() < 0 || p.partitionIndex() >= topic.get().partitions()) {
                    results.put(tp, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
                } else {
                    results.put(tp, ErrorCode.NONE);
                    known.add(tp);
                }
            }
        }
        return groups.deleteOffsets(request.groupId(), known).map(r -> {
            if (r.error() != ErrorCode.NONE) {
                return new OffsetDeleteResponse().errorCode(r.error().code());
            }
            r.partitions().forEach(results::put);
            Map<String, List<OffsetDeleteResponse.OffsetDeleteResponsePartition>> byTopic = new LinkedHashMap<>();
            results.forEach((tp, e) -> byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>())
                .add(new OffsetDeleteResponse.OffsetDeleteResponsePartition().partitionIndex(tp.partition())
                    .errorCode(e.code())));
            List<OffsetDeleteResponse.OffsetDeleteResponseTopic> topics = new ArrayList<>();
            byTopic.forEach((name, partitions) -> topics.add(new OffsetDeleteResponse.OffsetDeleteResponseTopic()
                .name(name).partitions(partitions)));
            return new OffsetDeleteResponse().errorCode(ErrorCode.NONE.code()).topics(topics);
        });
    }
}
