package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.broker.internal.metadata.TopicNames;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.internal.Wire;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Metadata: this node as the only broker and controller, and the requested topics (all of them for a null list, or
 * an empty one in v0), each partition led by this node. Unknown topics are created when
 * {@code auto.create.topics.enable} is on and the request allows it; looking a topic up by id (v12+) answers
 * UNKNOWN_TOPIC_ID for ids it does not know.
 */
public final class MetadataHandler implements RequestHandler<MetadataRequest, MetadataResponse> {
    private final BrokerContext broker;

    public MetadataHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.METADATA;
    }

    @Override
    public VersionRange versions() {
        return Versions.METADATA;
    }

    @Override
    public Mono<MetadataResponse> handle(RequestContext context, MetadataRequest request) {
        // Auto-creation writes topic metadata and creates partition directories: disk work.
        return Mono.fromCallable(() -> answer(context, request)).subscribeOn(broker.io());
    }

    private MetadataResponse answer(RequestContext context, MetadataRequest request) {
        List<MetadataResponse.MetadataResponseTopic> topics = new ArrayList<>();
        List<MetadataRequest.MetadataRequestTopic> wanted = request.topics();
        boolean all = wanted == null || (context.apiVersion() == 0 && wanted.isEmpty());
        if (all) {
            for (Topic t : broker.topics().all()) {
                topics.add(describe(t));
            }
        } else {
            boolean autoCreate = (Boolean) broker.config().value("auto.create.topics.enable")
                && (context.apiVersion() < 4 || request.allowAutoTopicCreation());
            for (MetadataRequest.MetadataRequestTopic w : wanted) {
                topics.add(lookup(w, autoCreate));
            }
        }
        List<MetadataResponse.MetadataResponseBroker> brokers = new ArrayList<>();
        brokers.add(new MetadataResponse.MetadataResponseBroker().nodeId(broker.nodeId()).host(broker.host())
            .port(broker.port()));
        return new MetadataResponse()
            .brokers(brokers)
            .clusterId(broker.identity().clusterId())
            .controllerId(broker.nodeId())
            .topics(topics);
    }

    private MetadataResponse.MetadataResponseTopic lookup(MetadataRequest.MetadataRequestTopic wanted,
                                                          boolean autoCreate) {
        if (wanted.name() == null) {
            Optional<Topic> byId = broker.topics().get(wanted.topicId());
            return byId.map(this::describe).orElseGet(() -> new MetadataResponse.MetadataResponseTopic()
                .topicId(wanted.topicId()).name(null).errorCode(ErrorCode.UNKNOWN_TOPIC_ID.code()));
        }
        String name = wanted.name();
        Optional<Topic> topic = broker.topics().get(name);
        if (topic.isPresent()) {
            return describe(topic.get());
        }
        if (TopicNames.invalidReason(name) != null) {
            return error(name, ErrorCode.INVALID_TOPIC_EXCEPTION);
        }
        if (!autoCreate) {
            return error(name, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
        try {
            return describe(broker.topics().create(name, (Integer) broker.config().value("num.partitions"),
                Map.of()));
        } catch (ApiException e) {
            if (e.error() == ErrorCode.TOPIC_ALREADY_EXISTS) {
                return broker.topics().get(name).map(this::describe).orElseGet(
                    () -> error(name, ErrorCode.LEADER_NOT_AVAILABLE));
            }
            return error(name, e.error());
        }
    }

    private static MetadataResponse.MetadataResponseTopic error(String name, ErrorCode code) {
        return new MetadataResponse.MetadataResponseTopic().name(name).errorCode(code.code())
            .topicId(Wire.ZERO_UUID);
    }

    private MetadataResponse.MetadataResponseTopic describe(Topic t) {
        List<MetadataResponse.MetadataResponsePartition> partitions = new ArrayList<>(t.partitions());
        List<Integer> replicas = List.of(broker.nodeId());
        for (int p = 0; p < t.partitions(); p++) {
            partitions.add(new MetadataResponse.MetadataResponsePartition()
                .partitionIndex(p)
                .leaderId(broker.nodeId())
                .leaderEpoch(0)
                .replicaNodes(new ArrayList<>(replicas))
                .isrNodes(new ArrayList<>(replicas)));
        }
        return new MetadataResponse.MetadataResponseTopic()
            .name(t.name())
            .topicId(t.id())
            .isInternal(t.internal())
            .partitions(partitions);
    }
}
