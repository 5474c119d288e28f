package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.log.LogStorageException;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.log.TimestampAndOffset;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.ListOffsetsResponse;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * ListOffsets (PROTOCOL.md 5.3): -1 latest (high watermark, or last stable offset for read_committed), -2 earliest,
 * -3 the record with the largest timestamp, -4 earliest local (= earliest without tiered storage), -5 latest tiered
 * (none: -1), and by time through the time index.
 */
public final class ListOffsetsHandler implements RequestHandler<ListOffsetsRequest, ListOffsetsResponse> {
    private final BrokerContext broker;

    public ListOffsetsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_OFFSETS;
    }

    @Override
    public VersionRange versions() {
        return Versions.LIST_OFFSETS;
    }

    @Override
    public Mono<ListOffsetsResponse> handle(RequestContext context, ListOffsetsRequest request) {
        return Mono.fromCallable(() -> answer(context, request)).subscribeOn(broker.io());
    }

    private ListOffsetsResponse answer(RequestContext context, ListOffsetsRequest request) {
        boolean committed = context.apiVersion() >= 2 && request.isolationLevel() == 1;
        List<ListOffsetsResponse.ListOffsetsTopicResponse> topics = new ArrayList<>();
        for (ListOffsetsRequest.ListOffsetsTopic t : request.topics()) {
            List<ListOffsetsResponse.ListOffsetsPartitionResponse> partitions = new ArrayList<>();
            for (ListOffsetsRequest.ListOffsetsPartition p : t.partitions()) {
                ListOffsetsResponse.ListOffsetsPartitionResponse r =
                    new ListOffsetsResponse.ListOffsetsPartitionResponse().partitionIndex(p.partitionIndex());
                try {
                    PartitionLookup.checkLeaderEpoch(p.currentLeaderEpoch());
                    PartitionLog log = PartitionLookup.log(broker, t.name(), p.partitionIndex());
                    TimestampAndOffset found = committed && p.timestamp() == -1
                        ? new TimestampAndOffset(-1, broker.partitions().producerState(log.topicPartition(), log)
                            .lastStableOffset(log::highWatermark), 0)
                        : find(log, p.timestamp());
                    r.errorCode(ErrorCode.NONE.code()).timestamp(found.timestamp()).offset(found.offset())
                        .leaderEpoch(found.isNone() ? -1 : Math.max(0, found.leaderEpoch()));
                } catch (ApiException e) {
                    r.errorCode(e.error().code());
                } catch (LogStorageException e) {
                    r.errorCode(ErrorCode.KAFKA_STORAGE_ERROR.code());
                }
                partitions.add(r);
            }
            topics.add(new ListOffsetsResponse.ListOffsetsTopicResponse().name(t.name()).partitions(partitions));
        }
        return new ListOffsetsResponse().topics(topics);
    }

    private static TimestampAndOffset find(PartitionLog log, long timestamp) {
        if (timestamp == -1) {
            return new TimestampAndOffset(-1, log.highWatermark(), 0);
        }
        if (timestamp == -2 || timestamp == -4) {
            return new TimestampAndOffset(-1, log.logStartOffset(), 0);
        }
        if (timestamp == -3) {
            return log.maxTimestampOffset();
        }
        if (timestamp < 0) {
            return TimestampAndOffset.none();
        }
        return log.offsetForTimestamp(timestamp);
    }
}
