package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.CreatePartitionsRequest;
import io.tributary.protocol.message.CreatePartitionsResponse;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/** CreatePartitions: grows topics, with validate-only; shrinking or equal counts are INVALID_PARTITIONS. */
public final class CreatePartitionsHandler
    implements RequestHandler<CreatePartitionsRequest, CreatePartitionsResponse> {
    private final BrokerContext broker;

    public CreatePartitionsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_PARTITIONS;
    }

    @Override
    public VersionRange versions() {
        return Versions.CREATE_PARTITIONS;
    }

    @Override
    public Mono<CreatePartitionsResponse> handle(RequestContext context, CreatePartitionsRequest request) {
        return Mono.fromCallable(() -> answer(request)).subscribeOn(broker.io());
    }

    private CreatePartitionsResponse answer(CreatePartitionsRequest request) {
        List<CreatePartitionsResponse.CreatePartitionsTopicResult> results = new ArrayList<>();
        for (CreatePartitionsRequest.CreatePartitionsTopic t : request.topics()) {
            CreatePartitionsResponse.CreatePartitionsTopicResult r =
                new CreatePartitionsResponse.CreatePartitionsTopicResult().name(t.name());
            try {
                if (t.assignments() != null) {
                    for (CreatePartitionsRequest.CreatePartitionsAssignment a : t.assignments()) {
                        if (!a.brokerIds().equals(List.of(broker.nodeId()))) {
                            throw ErrorCode.INVALID_REPLICA_ASSIGNMENT.exception("Assignment " + a.brokerIds()
                                + " names brokers other than " + broker.nodeId());
                        }
                    }
                }
                broker.topics().increasePartitions(t.name(), t.count(), request.validateOnly());
                results.add(r.errorCode(ErrorCode.NONE.code()));
            } catch (ApiException e) {
                results.add(r.errorCode(e.error().code()).errorMessage(e.getMessage()));
            }
        }
        return new CreatePartitionsResponse().results(results);
    }
}
