package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.internal.Wire;
import io.tributary.protocol.message.DescribeTopicPartitionsRequest;
import io.tributary.protocol.message.DescribeTopicPartitionsResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * DescribeTopicPartitions (KIP-966), which Kafka's Admin and {@code kafka-topics --describe} use before falling
 * back to Metadata: topics in name order, paged by {@code ResponsePartitionLimit} with a cursor.
 */
public final class DescribeTopicPartitionsHandler
    implements RequestHandler<DescribeTopicPartitionsRequest, DescribeTopicPartitionsResponse> {
    private final BrokerContext broker;

    public DescribeTopicPartitionsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_TOPIC_PARTITIONS;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(0, 0);
    }

    @Override
    public Mono<DescribeTopicPartitionsResponse> handle(RequestContext context,
                                                        DescribeTopicPartitionsRequest request) {
        List<String> names = new ArrayList<>();
        if (request.topics().isEmpty()) {
            broker.topics().all().forEach(t -> names.add(t.name()));
        } else {
            request.topics().forEach(t -> names.add(t.name()));
        }
        names.sort(Comparator.naturalOrder());
        DescribeTopicPartitionsRequest.Cursor cursor = request.cursor();
        int budget = Math.max(1, request.responsePartitionLimit());
        List<DescribeTopicPartitionsResponse.DescribeTopicPartitionsResponseTopic> topics = new ArrayList<>();
        DescribeTopicPartitionsResponse response = new DescribeTopicPartitionsResponse().topics(topics);
        for (String name : names) {
            if (cursor != null && name.compareTo(cursor.topicName()) < 0) {
                continue;
            }
            Optional<Topic> topic = broker.topics().get(name);
            if (topic.isEmpty()) {
                topics.add(new DescribeTopicPartitionsResponse.DescribeTopicPartitionsResponseTopic().name(name)
                    .topicId(Wire.ZERO_UUID).errorCode(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code()));
                continue;
            }
            int first = cursor != null && name.equals(cursor.topicName()) ? cursor.partitionIndex() : 0;
            List<DescribeTopicPartitionsResponse.DescribeTopicPartitionsResponsePartition> partitions =
                new ArrayList<>();
            int p = first;
            for (; p < topic.get().partitions() && budget > 0; p++, budget--) {
                partitions.add(new DescribeTopicPartitionsResponse.DescribeTopicPartitionsResponsePartition()
                    .partitionIndex(p).leaderId(broker.nodeId()).leaderEpoch(0)
                    .replicaNodes(new ArrayList<>(List.of(broker.nodeId())))
                    .isrNodes(new ArrayList<>(List.of(broker.nodeId())))
                    .eligibleLeaderReplicas(new ArrayList<>()).lastKnownElr(new ArrayList<>()));
            }
            topics.add(new DescribeTopicPartitionsResponse.DescribeTopicPartitionsResponseTopic().name(name)
                .topicId(topic.get().id()).isInternal(topic.get().internal()).partitions(partitions));
            if (p < topic.get().partitions()) {
                return Mono.just(response.nextCursor(new DescribeTopicPartitionsResponse.Cursor().topicName(name)
                    .partitionIndex(p)));
            }
            if (budget == 0) {
                int next = names.indexOf(name) + 1;
                if (next < names.size()) {
                    response.nextCursor(new DescribeTopicPartitionsResponse.Cursor().topicName(names.get(next))
                        .partitionIndex(0));
                }
                return Mono.just(response);
            }
        }
        return Mono.just(response);
    }
}
