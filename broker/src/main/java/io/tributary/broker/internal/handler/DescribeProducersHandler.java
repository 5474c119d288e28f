package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.log.LogStorageException;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.broker.internal.producer.ProducerState;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.DescribeProducersRequest;
import io.tributary.protocol.message.DescribeProducersResponse;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * DescribeProducers v0: per partition, the producers with state there (id, epoch, last sequence, last write time,
 * coordinator epoch of their last marker, first offset of their open transaction). Reading a partition's producer
 * state for the first time rebuilds it from the log, so this runs on the IO scheduler. Thread-safe.
 */
public final class DescribeProducersHandler
    implements RequestHandler<DescribeProducersRequest, DescribeProducersResponse> {
    private final BrokerContext broker;

    public DescribeProducersHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_PRODUCERS;
    }

    @Override
    public VersionRange versions() {
        return Versions.DESCRIBE_PRODUCERS;
    }

    @Override
    public Mono<DescribeProducersResponse> handle(RequestContext context, DescribeProducersRequest request) {
        return Mono.fromCallable(() -> answer(request)).subscribeOn(broker.io());
    }

    private DescribeProducersResponse answer(DescribeProducersRequest request) {
        List<DescribeProducersResponse.TopicResponse> topics = new ArrayList<>();
        for (DescribeProducersRequest.TopicRequest t : request.topics()) {
            List<DescribeProducersResponse.PartitionResponse> partitions = new ArrayList<>();
            for (int p : t.partitionIndexes()) {
                DescribeProducersResponse.PartitionResponse r = new DescribeProducersResponse.PartitionResponse()
                    .partitionIndex(p);
                try {
                    PartitionLog log = PartitionLookup.log(broker, t.name(), p);
                    List<DescribeProducersResponse.ProducerState> active = new ArrayList<>();
                    for (ProducerState.ActiveProducer a : broker.partitions().producerState(log.topicPartition(), log)
                        .activeProducers()) {
                        active.add(new DescribeProducersResponse.ProducerState().producerId(a.producerId())
                            .producerEpoch(a.epoch()).lastSequence(a.lastSequence()).lastTimestamp(a.lastTimestamp())
                            .coordinatorEpoch(a.coordinatorEpoch()).currentTxnStartOffset(a.currentTxnStartOffset()));
                    }
                    r.errorCode(ErrorCode.NONE.code()).activeProducers(active);
                } catch (ApiException e) {
                    r.errorCode(e.error().code()).errorMessage(e.getMessage());
                } catch (LogStorageException e) {
                    r.errorCode(ErrorCode.KAFKA_STORAGE_ERROR.code()).errorMessage(e.getMessage());
                }
                partitions.add(r);
            }
            topics.add(new DescribeProducersResponse.TopicResponse().name(t.name()).partitions(partitions));
        }
        return new DescribeProducersResponse().topics(topics);
    }
}
