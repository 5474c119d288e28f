package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.OffsetsTopic;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.WriteTxnMarkersRequest;
import io.tributary.protocol.message.WriteTxnMarkersResponse;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * WriteTxnMarkers v1-v2: writes COMMIT or ABORT markers for producers' transactions to local partitions. A single
 * broker's own coordinator writes its markers directly; this request comes from admin clients aborting a hanging
 * transaction ({@code kafka-transactions abort}, Admin.abortTransaction), which find the producer, its epoch and
 * the coordinator epoch with DescribeProducers. A marker on {@code __consumer_offsets} also settles the
 * transaction's pending offsets. Per partition: NONE, UNKNOWN_TOPIC_OR_PARTITION, INVALID_PRODUCER_EPOCH (the
 * producer has moved on to a newer epoch there) or KAFKA_STORAGE_ERROR. Disk writes run on the IO scheduler.
 */
public final class WriteTxnMarkersHandler implements RequestHandler<WriteTxnMarkersRequest, WriteTxnMarkersResponse> {
    private final BrokerContext broker;
    private final GroupCoordinator groups;

    public WriteTxnMarkersHandler(BrokerContext broker, GroupCoordinator groups) {
        this.broker = broker;
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.WRITE_TXN_MARKERS;
    }

    @Override
    public VersionRange versions() {
        return Versions.WRITE_TXN_MARKERS;
    }

    @Override
    public Mono<WriteTxnMarkersResponse> handle(RequestContext context, WriteTxnMarkersRequest request) {
        return Mono.fromCallable(() -> answer(request)).subscribeOn(broker.io());
    }

    private WriteTxnMarkersResponse answer(WriteTxnMarkersRequest request) {
        List<WriteTxnMarkersResponse.WritableTxnMarkerResult> markers = new ArrayList<>();
        for (WriteTxnMarkersRequest.WritableTxnMarker marker : request.markers()) {
            List<WriteTxnMarkersResponse.WritableTxnMarkerTopicResult> topics = new ArrayList<>();
            for (WriteTxnMarkersRequest.WritableTxnMarkerTopic topic : marker.topics()) {
                List<WriteTxnMarkersResponse.WritableTxnMarkerPartitionResult> partitions = new ArrayList<>();
                for (int p : topic.partitionIndexes()) {
                    partitions.add(new WriteTxnMarkersResponse.WritableTxnMarkerPartitionResult()
                        .partitionIndex(p)
                        .errorCode(write(marker, new TopicPartition(topic.name(), p)).code()));
                }
                topics.add(new WriteTxnMarkersResponse.WritableTxnMarkerTopicResult()
                    .name(topic.name())
                    .partitions(partitions));
            }
            markers.add(new WriteTxnMarkersResponse.WritableTxnMarkerResult()
                .producerId(marker.producerId())
                .topics(topics));
        }
        return new WriteTxnMarkersResponse().markers(markers);
    }

    private ErrorCode write(WriteTxnMarkersRequest.WritableTxnMarker marker, TopicPartition tp) {
        boolean commit = marker.transactionResult();
        ErrorCode error = broker.partitions().appendMarker(tp, marker.producerId(), marker.producerEpoch(),
            marker.coordinatorEpoch(), commit, System.currentTimeMillis());
        if (error == ErrorCode.NONE && tp.topic().equals(OffsetsTopic.NAME)) {
            groups.completeTransaction(tp.partition(), marker.producerId(), commit);
        }
        return error;
    }
}
