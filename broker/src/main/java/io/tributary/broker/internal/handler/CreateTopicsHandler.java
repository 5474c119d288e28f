package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.config.ResolvedConfig;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.CreateTopicsRequest;
import io.tributary.protocol.message.CreateTopicsResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * CreateTopics, including validate-only and config overrides. Partition count and replication factor -1 take the
 * broker defaults (v4+); a replication factor above 1 is INVALID_REPLICATION_FACTOR on a single node; a name given
 * twice in one request is INVALID_REQUEST for each occurrence, as in Kafka.
 */
public final class CreateTopicsHandler implements RequestHandler<CreateTopicsRequest, CreateTopicsResponse> {
    private final BrokerContext broker;

    public CreateTopicsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_TOPICS;
    }

    @Override
    public VersionRange versions() {
        return Versions.CREATE_TOPICS;
    }

    @Override
    public Mono<CreateTopicsResponse> handle(RequestContext context, CreateTopicsRequest request) {
        return Mono.fromCallable(() -> answer(request)).subscribeOn(broker.io());
    }

    private CreateTopicsResponse answer(CreateTopicsRequest request) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (CreateTopicsRequest.CreatableTopic t : request.topics()) {
            if (!seen.add(t.name())) {
                duplicated.add(t.name());
            }
        }
        List<CreateTopicsResponse.CreatableTopicResult> results = new ArrayList<>();
        for (CreateTopicsRequest.CreatableTopic t : request.topics()) {
            CreateTopicsResponse.CreatableTopicResult result = new CreateTopicsResponse.CreatableTopicResult()
                .name(t.name());
            if (duplicated.contains(t.name())) {
                results.add(fail(result, ErrorCode.INVALID_REQUEST.exception("Create topics request from client "
                    + "contains a duplicate topic with name " + t.name())));
                continue;
            }
            try {
                results.add(create(t, request.validateOnly(), result));
            } catch (ApiException e) {
                results.add(fail(result, e));
            }
        }
        return new CreateTopicsResponse().topics(results);
    }

    private CreateTopicsResponse.CreatableTopicResult create(CreateTopicsRequest.CreatableTopic t,
                                                             boolean validateOnly,
                                                             CreateTopicsResponse.CreatableTopicResult result) {
        int partitions = t.numPartitions() == -1 ? (Integer) broker.config().value("num.partitions")
            : t.numPartitions();
        if (!t.assignments().isEmpty()) {
            if (t.numPartitions() != -1 || t.replicationFactor() != -1) {
                throw ErrorCode.INVALID_REQUEST.exception("Both numPartitions or replicationFactor and "
                    + "replicasAssignments were set. Both cannot be used at the same time.");
            }
            for (CreateTopicsRequest.CreatableReplicaAssignment a : t.assignments()) {
                if (!a.brokerIds().equals(List.of(broker.nodeId()))) {
                    throw ErrorCode.INVALID_REPLICA_ASSIGNMENT.exception("Replica assignment " + a.brokerIds()
                        + " of partition " + a.partitionIndex() + " names brokers other than " + broker.nodeId());
                }
            }
            partitions = t.assignments().size();
        }
        if (t.replicationFactor() != -1 && t.replicationFactor() != 1) {
            throw ErrorCode.INVALID_REPLICATION_FACTOR.exception("Replication factor: " + t.replicationFactor()
                + " larger than available brokers: 1.");
        }
        Map<String, String> configs = new LinkedHashMap<>();
        for (CreateTopicsRequest.CreatableTopicConfig c : t.configs()) {
            configs.put(c.name(), c.value());
        }
        Topic topic;
        if (validateOnly) {
            broker.topics().validateCreate(t.name(), partitions, configs);
            topic = null;
        } else {
            topic = broker.topics().create(t.name(), partitions, configs);
            result.topicId(topic.id());
        }
        List<CreateTopicsResponse.CreatableTopicConfigs> echoed = new ArrayList<>();
        for (ResolvedConfig c : broker.configs().topicConfigs(configs).values()) {
            echoed.add(new CreateTopicsResponse.CreatableTopicConfigs().name(c.name()).value(c.value())
                .configSource(c.source().code()).readOnly(false).isSensitive(false));
        }
        return result.numPartitions(partitions).replicationFactor((short) 1).configs(echoed)
            .errorCode(ErrorCode.NONE.code());
    }

    private static CreateTopicsResponse.CreatableTopicResult fail(CreateTopicsResponse.CreatableTopicResult result,
                                                                  ApiException e) {
        return result.errorCode(e.error().code()).errorMessage(e.getMessage()).configs(null);
    }
}
