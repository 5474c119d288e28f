package io.tributary.broker.internal.handler;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.fetch.FetchSessions;
import io.tributary.broker.internal.fetch.FetchTarget;
import io.tributary.broker.internal.fetch.PartitionKey;
import io.tributary.broker.internal.log.FetchSlice;
import io.tributary.broker.internal.log.LogStorageException;
import io.tributary.broker.internal.log.OffsetOutOfRangeException;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.broker.internal.partition.AppendNotifier;
import io.tributary.broker.internal.producer.AbortedTransactions;
import io.tributary.broker.internal.producer.ProducerState;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.internal.Wire;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Fetch v4+: whole batches from each partition's fetch offset, up to the high watermark (read_uncommitted) or the
 * last stable offset (read_committed), within {@code MaxBytes} and {@code PartitionMaxBytes} except that the first
 * partition returning data gets its first batch whole (KIP-74). When fewer than {@code MinBytes} are available the
 * request waits, up to {@code MaxWaitMs}, for appends to its partitions. From v7, incremental fetch sessions
 * (KIP-227) let clients send and receive only the partitions that changed.
 */
public final class FetchHandler implements RequestHandler<FetchRequest, FetchResponse> {
    /** Record sets from this size on are sent from the segment file; frames copy smaller ones. */
    private static final int ZERO_COPY_MIN_BYTES = 4096;

    private final BrokerContext broker;
    private final FetchSessions sessions;

    public FetchHandler(BrokerContext broker, FetchSessions sessions) {
        this.broker = broker;
        this.sessions = sessions;
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
        boolean byId = context.apiVersion() >= 13;
        FetchSessions.Plan plan = context.apiVersion() >= 7
            ? sessions.plan(request.sessionId(), request.sessionEpoch(), targets(request, byId),
                forgotten(request, byId))
            : sessions.plan(FetchSessions.NO_SESSION, FetchSessions.FINAL_EPOCH, targets(request, byId), List.of());
        if (plan.error() != ErrorCode.NONE) {
            return Mono.just(new FetchResponse().errorCode(plan.error().code()).sessionId(0));
        }
        long deadline = System.nanoTime() + Duration.ofMillis(Math.max(0, request.maxWaitMs())).toNanos();
        return attempt(request, plan, deadline);
    }

    private Mono<FetchResponse> attempt(FetchRequest request, FetchSessions.Plan plan, long deadline) {
        AppendNotifier.Waiter waiter = broker.partitions().notifier().register(partitions(plan));
        return Mono.fromCallable(() -> read(request, plan))
            .subscribeOn(broker.io())
            .flatMap(result -> {
                long remaining = deadline - System.nanoTime();
                if (result.complete(request.minBytes()) || remaining <= 0) {
                    waiter.cancel();
                    return Mono.just(respond(plan, result));
                }
                result.release();
                return waiter.next()
                    .timeout(Duration.ofNanos(remaining), Mono.empty())
                    .then(Mono.defer(() -> attempt(request, plan, deadline)));
            })
            .doOnCancel(waiter::cancel);
    }

    private static List<FetchTarget> targets(FetchRequest request, boolean byId) {
        List<FetchTarget> out = new ArrayList<>();
        for (FetchRequest.FetchTopic t : request.topics()) {
            for (FetchRequest.FetchPartition p : t.partitions()) {
                out.add(new FetchTarget(key(t.topic(), t.topicId(), p.partition(), byId), p.fetchOffset(),
                    p.partitionMaxBytes(), p.currentLeaderEpoch()));
            }
        }
        return out;
    }

    private static List<PartitionKey> forgotten(FetchRequest request, boolean byId) {
        List<PartitionKey> out = new ArrayList<>();
        for (FetchRequest.ForgottenTopic t : request.forgottenTopicsData()) {
            for (int p : t.partitions()) {
                out.add(key(t.topic(), t.topicId(), p, byId));
            }
        }
        return out;
    }

    private static PartitionKey key(String topic, java.util.UUID topicId, int partition, boolean byId) {
        return byId ? new PartitionKey("", topicId, partition) : new PartitionKey(topic, Wire.ZERO_UUID, partition);
    }

    private Optional<Topic> topic(PartitionKey key) {
        return key.topic().isEmpty() ? broker.topics().get(key.topicId()) : broker.topics().get(key.topic());
    }

    private List<TopicPartition> partitions(FetchSessions.Plan plan) {
        List<TopicPartition> out = new ArrayList<>();
        for (FetchTarget t : plan.targets()) {
            topic(t.key()).ifPresent(topic -> out.add(new TopicPartition(topic.name(), t.key().partition())));
        }
        return out;
    }

    /** One pass over the partitions: what each would answer, with the bytes read. */
    private record Result(List<PartitionResult> partitions, long bytes, boolean error) {
        boolean complete(int minBytes) {
            return error || bytes >= minBytes;
        }

        void release() {
            partitions.forEach(p -> releaseRecords(p.data().records()));
        }
    }

    private record PartitionResult(PartitionKey key, FetchResponse.PartitionData data, boolean error) {
    }

    private Result read(FetchRequest request, FetchSessions.Plan plan) {
        boolean committed = request.isolationLevel() == 1;
        long bytes = 0;
        boolean anyError = false;
        List<PartitionResult> results = new ArrayList<>();
        for (FetchTarget t : plan.targets()) {
            FetchResponse.PartitionData out = new FetchResponse.PartitionData().partitionIndex(t.key().partition())
                .records(Unpooled.EMPTY_BUFFER).abortedTransactions(committed ? new ArrayList<>() : null);
            int maxBytes = (int) Math.min(t.partitionMaxBytes(), Math.max(0, request.maxBytes() - bytes));
            ErrorCode code = readPartition(t, out, committed, maxBytes, bytes == 0);
            boolean error = code != ErrorCode.NONE;
            if (error) {
                anyError = true;
                out.errorCode(code.code()).highWatermark(-1).lastStableOffset(-1).logStartOffset(-1);
            }
            bytes += out.records().readableBytes();
            results.add(new PartitionResult(t.key(), out, error));
        }
        return new Result(results, bytes, anyError);
    }

    private ErrorCode readPartition(FetchTarget t, FetchResponse.PartitionData out, boolean committed, int maxBytes,
                                    boolean minOneBatch) {
        Optional<Topic> topic = topic(t.key());
        if (topic.isEmpty()) {
            return t.key().topic().isEmpty() ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        }
        TopicPartition tp = new TopicPartition(topic.get().name(), t.key().partition());
        if (broker.partitions().isOffline(tp)) {
            return ErrorCode.KAFKA_STORAGE_ERROR;
        }
        Optional<PartitionLog> log = broker.partitions().log(tp);
        if (log.isEmpty()) {
            return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        }
        if (t.currentLeaderEpoch() > 0) {
            return ErrorCode.UNKNOWN_LEADER_EPOCH;
        }
        PartitionLog l = log.get();
        try {
            // read_committed needs the producer state (rebuilt from the log once); read_uncommitted only reports
            // the last stable offset, so it uses the state if someone already loaded it.
            ProducerState producers = committed ? broker.partitions().producerState(tp, l)
                : broker.partitions().loadedProducerState(tp);
            long highWatermark = l.highWatermark();
            long stable = producers == null ? highWatermark : producers.lastStableOffset(l::highWatermark);
            if (producers != null) {
                highWatermark = Math.max(highWatermark, stable);
            }
            out.highWatermark(highWatermark).lastStableOffset(stable).logStartOffset(l.logStartOffset());
            FetchSlice slice = l.read(t.fetchOffset(), maxBytes, committed ? stable : highWatermark, minOneBatch);
            if (committed && producers != null) {
                out.abortedTransactions(aborted(producers.abortedTransactions(t.fetchOffset(), stable,
                    l.logStartOffset())));
            }
            // Large slices go out with sendfile; small ones are copied into the frame anyway, so read them here.
            out.records(slice.sizeInBytes() >= ZERO_COPY_MIN_BYTES ? slice.toByteBuf()
                : slice.read(ByteBufAllocator.DEFAULT));
            return ErrorCode.NONE;
        } catch (OffsetOutOfRangeException e) {
            return ErrorCode.OFFSET_OUT_OF_RANGE;
        } catch (LogStorageException e) {
            return ErrorCode.KAFKA_STORAGE_ERROR;
        }
    }

    private static List<FetchResponse.AbortedTransaction> aborted(List<AbortedTransactions.Aborted> entries) {
        List<FetchResponse.AbortedTransaction> out = new ArrayList<>(entries.size());
        for (AbortedTransactions.Aborted a : entries) {
            out.add(new FetchResponse.AbortedTransaction().producerId(a.producerId()).firstOffset(a.firstOffset()));
        }
        return out;
    }

    private static FetchResponse respond(FetchSessions.Plan plan, Result result) {
        Map<PartitionKey, List<FetchResponse.PartitionData>> byTopic = new LinkedHashMap<>();
        for (PartitionResult p : result.partitions()) {
            FetchResponse.PartitionData d = p.data();
            boolean include = plan.include(p.key(), d.records().isReadable(), p.error(), d.highWatermark(),
                d.lastStableOffset(), d.logStartOffset());
            if (!include) {
                releaseRecords(d.records());
                continue;
            }
            PartitionKey topicKey = new PartitionKey(p.key().topic(), p.key().topicId(), 0);
            byTopic.computeIfAbsent(topicKey, k -> new ArrayList<>()).add(d);
        }
        List<FetchResponse.FetchableTopicResponse> topics = new ArrayList<>();
        byTopic.forEach((k, parts) -> topics.add(new FetchResponse.FetchableTopicResponse().topic(k.topic())
            .topicId(k.topicId()).partitions(parts)));
        return new FetchResponse().sessionId(plan.sessionId()).responses(topics);
    }

    @Override
    public void release(FetchResponse response) {
        for (FetchResponse.FetchableTopicResponse t : response.responses()) {
            for (FetchResponse.PartitionData p : t.partitions()) {
                releaseRecords(p.records());
            }
        }
    }

    private static void releaseRecords(ByteBuf records) {
        if (records != null && records != Unpooled.EMPTY_BUFFER && records.refCnt() > 0) {
            records.release();
        }
    }
}
