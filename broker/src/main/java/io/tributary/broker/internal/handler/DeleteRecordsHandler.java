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
import io.tributary.protocol.message.DeleteRecordsRequest;
import io.tributary.protocol.message.DeleteRecordsResponse;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * DeleteRecords: moves each partition's log start offset up to the given offset (-1 = the high watermark); an
 * offset beyond the high watermark is OFFSET_OUT_OF_RANGE. Answers with the new low watermark.
 */
public final class DeleteRecordsHandler implements RequestHandler<DeleteRecordsRequest, DeleteRecordsResponse> {
    private final BrokerContext broker;

    public DeleteRecordsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_RECORDS;
    }

    @Override
    public VersionRange versions() {
        return Versions.DELETE_RECORDS;
    }

    @Override
    public Mono<DeleteRecordsResponse> handle(RequestContext context, DeleteRecordsRequest request) {
        return Mono.fromCallable(() -> answer(request)).subscribeOn(broker.io());
    }

    private DeleteRecordsResponse answer(DeleteRecordsRequest request) {
        List<DeleteRecordsResponse.DeleteRecordsTopicResult> topics = new ArrayList<>();
        for (DeleteRecordsRequest.DeleteRecordsTopic t : request.topics()) {
            List<DeleteRecordsResponse.DeleteRecordsPartitionResult> partitions = new ArrayList<>();
            for (DeleteRecordsRequest.DeleteRecordsPartition p : t.partitions()) {
                DeleteRecordsResponse.DeleteRecordsPartitionResult r =
                    new DeleteRecordsResponse.DeleteRecordsPartitionResult().partitionIndex(p.partitionIndex())
                        .lowWatermark(-1);
                try {
                    PartitionLog log = PartitionLookup.log(broker, t.name(), p.partitionIndex());
                    long offset = p.offset() == -1 ? log.highWatermark() : p.offset();
                    if (offset < 0 || offset > log.highWatermark()) {
                        throw ErrorCode.OFFSET_OUT_OF_RANGE.exception("Offset " + p.offset()
                            + " is beyond the high watermark " + log.highWatermark());
                    }
                    r.lowWatermark(log.deleteRecordsBefore(offset)).errorCode(ErrorCode.NONE.code());
                } catch (ApiException e) {
                    r.errorCode(e.error().code());
                } catch (LogStorageException e) {
                    r.errorCode(ErrorCode.KAFKA_STORAGE_ERROR.code());
                }
                partitions.add(r);
            }
            topics.add(new DeleteRecordsResponse.DeleteRecordsTopicResult().name(t.name()).partitions(partitions));
        }
        return new DeleteRecordsResponse().topics(topics);
    }
}
