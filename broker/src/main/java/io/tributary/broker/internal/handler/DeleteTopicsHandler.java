package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.internal.Wire;
import io.tributary.protocol.message.DeleteTopicsRequest;
import io.tributary.protocol.message.DeleteTopicsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * DeleteTopics by name (v1-5) or by name or id (v6). Refused with TOPIC_DELETION_DISABLED when
 * {@code delete.topic.enable=false}; internal topics cannot be deleted.
 */
public final class DeleteTopicsHandler implements RequestHandler<DeleteTopicsRequest, DeleteTopicsResponse> {
    private final BrokerContext broker;

    public DeleteTopicsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_TOPICS;
    }

    @Override
    public VersionRange versions() {
        return Versions.DELETE_TOPICS;
    }

    @Override
    public Mono<DeleteTopicsResponse> handle(RequestContext context, DeleteTopicsRequest request) {
        return Mono.fromCallable(() -> answer(context, request)).subscribeOn(broker.io());
    }

    private DeleteTopicsResponse answer(RequestContext context, DeleteTopicsRequest request) {
        List<DeleteTopicsResponse.DeletableTopicResult> results = new ArrayList<>();
        if (context.apiVersion() >= 6) {
            for (DeleteTopicsRequest.DeleteTopicState state : request.topics()) {
                Optional<Topic> topic = state.name() != null ? broker.topics().get(state.name())
                    : broker.topics().get(state.topicId());
                DeleteTopicsResponse.DeletableTopicResult r = new DeleteTopicsResponse.DeletableTopicResult()
                    .name(state.name()).topicId(state.topicId());
                if (topic.isEmpty()) {
                    ErrorCode code = state.name() != null ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
                        : ErrorCode.UNKNOWN_TOPIC_ID;
                    results.add(r.errorCode(code.code()).errorMessage(code.message()));
                } else {
                    results.add(delete(topic.get().name(), r.name(topic.get().name()).topicId(topic.get().id())));
                }
            }
        } else {
            for (String name : request.topicNames()) {
                results.add(delete(name, new DeleteTopicsResponse.DeletableTopicResult().name(name)
                    .topicId(Wire.ZERO_UUID)));
            }
        }
        return new DeleteTopicsResponse().responses(results);
    }

    private DeleteTopicsResponse.DeletableTopicResult delete(String name,
                                                             DeleteTopicsResponse.DeletableTopicResult result) {
        try {
            if (!(Boolean) broker.config().value("delete.topic.enable")) {
                throw ErrorCode.TOPIC_DELETION_DISABLED.exception("Topic deletion is disabled.");
            }
            Topic topic = broker.topics().require(name);
            if (topic.internal()) {
                throw ErrorCode.INVALID_TOPIC_EXCEPTION.exception("Internal topic " + name + " cannot be deleted");
            }
            broker.topics().delete(name);
            return result.errorCode(ErrorCode.NONE.code());
        } catch (ApiException e) {
            return result.errorCode(e.error().code()).errorMessage(e.getMessage());
        }
    }
}
