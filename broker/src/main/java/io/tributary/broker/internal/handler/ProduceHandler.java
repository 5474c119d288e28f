package io.tributary.broker.internal.handler;

import io.netty.buffer.ByteBufAllocator;
import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.log.AppendResult;
import io.tributary.broker.internal.log.LogStorageException;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.broker.internal.produce.BatchValidator;
import io.tributary.broker.internal.produce.PartitionError;
import io.tributary.broker.internal.produce.ProduceRules;
import io.tributary.broker.internal.producer.ProducerState;
import io.tributary.broker.internal.txn.TransactionCoordinator;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.protocol.record.InvalidRecordException;
import io.tributary.protocol.record.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Produce v3+: validates each partition's batch (PROTOCOL.md 3.6), recompresses it if the topic asks for another
 * codec, appends it on the IO scheduler and answers with the assigned base offset. Idempotent and transactional
 * batches pass the partition's producer state (sequences, epochs); transactional ones must also belong to their
 * producer's open transaction. Every partition succeeds or
 * fails on its own. With {@code acks=0} the records are appended but no response is sent. v0-2 are advertised for
 * librdkafka's feature check but closed, as Kafka 4 does (the dispatcher cannot decode them).
 */
public final class ProduceHandler implements RequestHandler<ProduceRequest, ProduceResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ProduceHandler.class);

    private final BrokerContext broker;
    private final TransactionCoordinator transactions;

    public ProduceHandler(BrokerContext broker, TransactionCoordinator transactions) {
        this.broker = broker;
        this.transactions = transactions;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.PRODUCE;
    }

    @Override
    public VersionRange versions() {
        return Versions.PRODUCE;
    }

    @Override
    public Mono<ProduceResponse> handle(RequestContext context, ProduceRequest request) {
        return ImplicitPartitionAdd.add(broker, transactions, context.apiVersion(), request)
            .flatMap(added -> Mono.fromCallable(() -> answer(context, request, added)).subscribeOn(broker.io()))
            .filter(response -> request.acks() != 0);
    }

    /** {@code added}: what adding the partitions to the transaction gave (transactions V2), else NONE. */
    private ProduceResponse answer(RequestContext context, ProduceRequest request, ErrorCode added) {
        long now = System.currentTimeMillis();
        boolean validAcks = request.acks() == 0 || request.acks() == 1 || request.acks() == -1;
        List<ProduceResponse.TopicProduceResponse> topics = new ArrayList<>();
        for (ProduceRequest.TopicProduceData t : request.topicData()) {
            Optional<Topic> topic = context.apiVersion() >= 13 ? broker.topics().get(t.topicId())
                : broker.topics().get(t.name());
            List<ProduceResponse.PartitionProduceResponse> partitions = new ArrayList<>();
            for (ProduceRequest.PartitionProduceData p : t.partitionData()) {
                ProduceResponse.PartitionProduceResponse r = new ProduceResponse.PartitionProduceResponse()
                    .index(p.index());
                try {
                    if (!validAcks) {
                        throw new PartitionError(ErrorCode.INVALID_REQUIRED_ACKS, "acks must be 0, 1 or -1, was "
                            + request.acks());
                    }
                    partitions.add(append(context, request, topic, t, p, r, now, added));
                } catch (PartitionError e) {
                    partitions.add(fail(r, e));
                }
            }
            topics.add(new ProduceResponse.TopicProduceResponse().name(t.name()).topicId(t.topicId())
                .partitionResponses(partitions));
        }
        return new ProduceResponse().responses(topics);
    }

    private ProduceResponse.PartitionProduceResponse append(RequestContext context, ProduceRequest request,
                                                            Optional<Topic> topic, ProduceRequest.TopicProduceData t,
                                                            ProduceRequest.PartitionProduceData p,
                                                            ProduceResponse.PartitionProduceResponse r, long now,
                                                            ErrorCode added) {
        if (topic.isEmpty()) {
            throw new PartitionError(context.apiVersion() >= 13 ? ErrorCode.UNKNOWN_TOPIC_ID
                : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Unknown topic " + (t.name().isEmpty() ? t.topicId()
                : t.name()));
        }
        if (topic.get().internal()) {
            throw new PartitionError(ErrorCode.INVALID_TOPIC_EXCEPTION, "Clients may not write to internal topic "
                + topic.get().name());
        }
        TopicPartition tp = new TopicPartition(topic.get().name(), p.index());
        if (broker.partitions().isOffline(tp)) {
            throw new PartitionError(ErrorCode.KAFKA_STORAGE_ERROR, "The log of " + tp + " is offline");
        }
        PartitionLog log = broker.partitions().log(tp).orElseThrow(() -> new PartitionError(
            ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Unknown partition " + tp));
        ProduceRules rules = broker.partitions().rules(topic.get());
        BatchValidator.Validated batch = BatchValidator.validate(p.records(), context.apiVersion(),
            request.transactionalId() != null, rules, now, ByteBufAllocator.DEFAULT);
        try {
            RecordBatch appended = RecordBatch.wrap(batch.buffer());
            if (appended.producerId() < 0) {
                AppendResult result = log.append(batch.buffer(), 0, now, rules.logAppendTime());
                return succeeded(r, tp, result);
            }
            if (appended.isTransactional()) {
                if (ImplicitPartitionAdd.retriable(added)) {
                    throw new PartitionError(ErrorCode.NOT_ENOUGH_REPLICAS, "The transaction of "
                        + request.transactionalId() + " cannot take " + tp + " yet (" + added + "); retry");
                }
                verifyTransaction(context, request.transactionalId(), appended, tp);
            }
            ProducerState producers = broker.partitions().producerState(tp, log);
            synchronized (producers) {
                ProducerState.BatchMetadata retried = producers.check(appended);
                if (retried != null) {
                    // A retry of a batch we already have: answer with its offset and append nothing.
                    return r.errorCode(ErrorCode.NONE.code()).baseOffset(retried.firstOffset())
                        .logStartOffset(log.logStartOffset());
                }
                AppendResult result = log.append(batch.buffer(), 0, now, rules.logAppendTime());
                // The batch's own max timestamp, as Kafka keeps it (and as a replay of the log finds it again).
                producers.record(appended.producerId(), appended.producerEpoch(), appended.baseSequence(),
                    appended.lastSequence(), result.firstOffset(), result.lastOffset(),
                    rules.logAppendTime() ? now : appended.maxTimestamp(), appended.isTransactional());
                return succeeded(r, tp, result);
            }
        } catch (InvalidRecordException e) {
            throw new PartitionError(ErrorCode.CORRUPT_MESSAGE, e.getMessage());
        } catch (LogStorageException e) {
            LOG.error("Append to {} failed", tp, e);
            throw new PartitionError(ErrorCode.KAFKA_STORAGE_ERROR, "Disk error in the log of " + tp);
        } finally {
            batch.releaseIfOwned();
        }
    }

    /**
     * Checks with the transaction coordinator that a transactional batch belongs to its producer's open transaction
     * and that the partition was added to it (Kafka's transaction verification): a fenced epoch is
     * INVALID_PRODUCER_EPOCH; a partition outside the transaction INVALID_TXN_STATE, or TRANSACTION_ABORTABLE from
     * v11, whose clients abort and go on; a coordinator still loading NOT_ENOUGH_REPLICAS, which clients retry.
     */
    private void verifyTransaction(RequestContext context, @Nullable String transactionalId, RecordBatch batch,
                                   TopicPartition tp) {
        ErrorCode error = transactions.verify(transactionalId, batch.producerId(), batch.producerEpoch(), tp);
        switch (error) {
            case NONE -> {
            }
            case INVALID_PRODUCER_EPOCH -> throw new PartitionError(error, "Producer " + batch.producerId()
                + " with epoch " + batch.producerEpoch() + " is fenced by a newer instance of " + transactionalId);
            case COORDINATOR_LOAD_IN_PROGRESS -> throw new PartitionError(ErrorCode.NOT_ENOUGH_REPLICAS,
                "The transaction coordinator is loading");
            default -> throw new PartitionError(context.apiVersion() >= 11 ? ErrorCode.TRANSACTION_ABORTABLE
                : ErrorCode.INVALID_TXN_STATE, "Partition " + tp + " is not part of an open transaction of "
                + transactionalId + " (producer " + batch.producerId() + ", epoch " + batch.producerEpoch() + ")");
        }
    }

    private ProduceResponse.PartitionProduceResponse succeeded(ProduceResponse.PartitionProduceResponse r,
                                                               TopicPartition tp, AppendResult result) {
        broker.partitions().notifier().appended(tp);
        return r.errorCode(ErrorCode.NONE.code()).baseOffset(result.firstOffset())
            .logAppendTimeMs(result.logAppendTime()).logStartOffset(result.logStartOffset());
    }

    private static ProduceResponse.PartitionProduceResponse fail(ProduceResponse.PartitionProduceResponse r,
                                                                 PartitionError e) {
        List<ProduceResponse.BatchIndexAndErrorMessage> recordErrors = new ArrayList<>();
        for (PartitionError.RecordError re : e.recordErrors()) {
            recordErrors.add(new ProduceResponse.BatchIndexAndErrorMessage().batchIndex(re.index())
                .batchIndexErrorMessage(re.message()));
        }
        return r.errorCode(e.error().code()).errorMessage(e.getMessage()).baseOffset(-1)
            .recordErrors(recordErrors);
    }
}
