package io.tributary.broker.internal.handler;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.log.FetchSlice;
import io.tributary.broker.internal.log.LogStorageException;
import io.tributary.broker.internal.log.OffsetOutOfRangeException;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.broker.internal.partition.AppendNotifier;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Fetch v4+: whole batches from each partition's fetch offset, up to the high watermark (read_uncommitted) or the
 * last stable offset (read_committed), within {@code MaxBytes} and {@code PartitionMaxBytes} except that the first
 * partition returning data gets its first batch whole (KIP-74). When fewer than {@code MinBytes} are available the
 * request waits, up to {@code MaxWaitMs}, for appends to its partitions. Fetch sessions are declined (session id 0
 * in every response), which Kafka's protocol allows and clients handle with full fetches.
 */
public final class FetchHandler implements RequestHandler<FetchRequest, FetchResponse> {
    private final BrokerContext broker;

    public FetchHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FETCH;
    }

    @Override
    public VersionRange versions() {
        return Versions.FETCH;
    }

    @Override
    public Mono<FetchResponse> handle(RequestContext context, FetchRequest request) {
        if (request.sessionId() != 0) {
            // We never create sessions, so any session id is unknown; the client falls back to a full fetch.
            return Mono.just(new FetchResponse().errorCode(ErrorCode.FETCH_SESSION_ID_NOT_FOUND.code())
                .sessionId(0));
        }
        long deadline = System.nanoTime() + Duration.ofMillis(Math.max(0, request.maxWaitMs())).toNanos();
        return attempt(context, request, deadline);
    }

    private Mono<FetchResponse> attempt(RequestContext context, FetchRequest request, long deadline) {
        AppendNotifier.Waiter waiter = broker.partitions().notifier().register(partitions(context, request));
        return Mono.fromCallable(() -> read(context, request))
            .subscribeOn(broker.io())
            .flatMap(result -> {
                long remaining = deadline - System.nanoTime();
                if (result.complete(request.minBytes()) || remaining <= 0) {
                    waiter.cancel();
                    return Mono.just(result.response());
                }
                release(result.response());
                return waiter.next()
                    .timeout(Duration.ofNanos(remaining), Mono.empty())
                    .then(Mono.defer(() -> attempt(context, request, deadline)));
            })
            .doOnCancel(waiter::cancel);
    }

    private List<TopicPartition> partitions(RequestContext context, FetchRequest request) {
        List<TopicPartition> out = new ArrayList<>();
        for (FetchRequest.FetchTopic t : request.topics()) {
            Optional<Topic> topic = topic(context, t);
            if (topic.isPresent()) {
                for (FetchRequest.FetchPartition p : t.partitions()) {
                    out.add(new TopicPartition(topic.get().name(), p.partition()));
                }
            }
        }
        return out;
    }

    private Optional<Topic> topic(RequestContext context, FetchRequest.FetchTopic t) {
        return context.apiVersion() >= 13 ? broker.topics().get(t.topicId()) : broker.topics().get(t.topic());
    }

    /** One pass over the requested partitions. */
    private record Result(FetchResponse response, long bytes, boolean error) {
        boolean complete(int minBytes) {
            return error || bytes >= minBytes;
        }
    }

    private Result read(RequestContext context, FetchRequest request) {
        boolean committed = request.isolationLevel() == 1;
        long budget = request.maxBytes();
        long bytes = 0;
        boolean error = false;
        boolean dataSeen = false;
        List<FetchResponse.FetchableTopicResponse> topics = new ArrayList<>();
        for (FetchRequest.FetchTopic t : request.topics()) {
            Optional<Topic> topic = topic(context, t);
            List<FetchResponse.PartitionData> partitions = new ArrayList<>();
            for (FetchRequest.FetchPartition p : t.partitions()) {
                FetchResponse.PartitionData out = new FetchResponse.PartitionData().partitionIndex(p.partition())
                    .records(Unpooled.EMPTY_BUFFER).abortedTransactions(committed ? new ArrayList<>() : null);
                partitions.add(out);
                ErrorCode code = readPartition(context, topic, p, out, committed,
                    (int) Math.min(p.partitionMaxBytes(), Math.max(0, budget - bytes)), !dataSeen);
                if (code != ErrorCode.NONE) {
                    error = true;
                    out.errorCode(code.code()).highWatermark(-1).lastStableOffset(-1).logStartOffset(-1)
                        .records(Unpooled.EMPTY_BUFFER);
                    continue;
                }
                int size = out.records().readableBytes();
                bytes += size;
                dataSeen |= size > 0;
            }
            topics.add(new FetchResponse.FetchableTopicResponse().topic(t.topic()).topicId(t.topicId())
                .partitions(partitions));
        }
        return new Result(new FetchResponse().sessionId(0).responses(topics), bytes, error);
    }

    private ErrorCode readPartition(RequestContext context, Optional<Topic> topic, FetchRequest.FetchPartition p,
                                    FetchResponse.PartitionData out, boolean committed, int maxBytes,
                                    boolean minOneBatch) {
        if (topic.isEmpty()) {
            return context.apiVersion() >= 13 ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        }
        TopicPartition tp = new TopicPartition(topic.get().name(), p.partition());
        if (broker.partitions().isOffline(tp)) {
            return ErrorCode.KAFKA_STORAGE_ERROR;
        }
        Optional<PartitionLog> log = broker.partitions().log(tp);
        if (log.isEmpty()) {
            return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        }
        if (p.currentLeaderEpoch() > 0) {
            return ErrorCode.UNKNOWN_LEADER_EPOCH;
        }
        PartitionLog l = log.get();
        long highWatermark = l.highWatermark();
        long stable = highWatermark;
        out.highWatermark(highWatermark).lastStableOffset(stable).logStartOffset(l.logStartOffset());
        try {
            FetchSlice slice = l.read(p.fetchOffset(), maxBytes, committed ? stable : highWatermark, minOneBatch);
            ByteBuf records = slice.read(ByteBufAllocator.DEFAULT);
            out.records(records);
            return ErrorCode.NONE;
        } catch (OffsetOutOfRangeException e) {
            return ErrorCode.OFFSET_OUT_OF_RANGE;
        } catch (LogStorageException e) {
            return ErrorCode.KAFKA_STORAGE_ERROR;
        }
    }

    @Override
    public void release(FetchResponse response) {
        for (FetchResponse.FetchableTopicResponse t : response.responses()) {
            for (FetchResponse.PartitionData p : t.partitions()) {
                ByteBuf records = p.records();
                if (records != null && records != Unpooled.EMPTY_BUFFER && records.refCnt() > 0) {
                    records.release();
                }
            }
        }
    }
}
