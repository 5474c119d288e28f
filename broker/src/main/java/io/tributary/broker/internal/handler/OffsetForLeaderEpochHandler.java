package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.log.LogStorageException;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.OffsetForLeaderEpochRequest;
import io.tributary.protocol.message.OffsetForLeaderEpochResponse;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * OffsetForLeaderEpoch, which consumers use to detect log truncation: this single node has only ever had leader
 * epoch 0, so epoch 0 ends at the log end offset and any other epoch is unknown (-1, -1).
 */
public final class OffsetForLeaderEpochHandler
    implements RequestHandler<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse> {
    private final BrokerContext broker;

    public OffsetForLeaderEpochHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_FOR_LEADER_EPOCH;
    }

    @Override
    public VersionRange versions() {
        return Versions.OFFSET_FOR_LEADER_EPOCH;
    }

    @Override
    public Mono<OffsetForLeaderEpochResponse> handle(RequestContext context, OffsetForLeaderEpochRequest request) {
        List<OffsetForLeaderEpochResponse.OffsetForLeaderTopicResult> topics = new ArrayList<>();
        for (OffsetForLeaderEpochRequest.OffsetForLeaderTopic t : request.topics()) {
            List<OffsetForLeaderEpochResponse.EpochEndOffset> partitions = new ArrayList<>();
            for (OffsetForLeaderEpochRequest.OffsetForLeaderPartition p : t.partitions()) {
                OffsetForLeaderEpochResponse.EpochEndOffset r = new OffsetForLeaderEpochResponse.EpochEndOffset()
                    .partition(p.partition());
                try {
                    PartitionLookup.checkLeaderEpoch(p.currentLeaderEpoch());
                    PartitionLog log = PartitionLookup.log(broker, t.topic(), p.partition());
                    if (p.leaderEpoch() == 0) {
                        r.leaderEpoch(0).endOffset(log.logEndOffset());
                    }
                    r.errorCode(ErrorCode.NONE.code());
                } catch (ApiException e) {
                    r.errorCode(e.error().code());
                } catch (LogStorageException e) {
                    r.errorCode(ErrorCode.KAFKA_STORAGE_ERROR.code());
                }
                partitions.add(r);
            }
            topics.add(new OffsetForLeaderEpochResponse.OffsetForLeaderTopicResult().topic(t.topic())
                .partitions(partitions));
        }
        return Mono.just(new OffsetForLeaderEpochResponse().topics(topics));
    }
}
