package io.tributary.producer.internal;

import io.tributary.client.internal.BrokerConnection;
import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.Failures;
import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.errors.TributaryException;
import io.tributary.producer.GroupMetadata;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.AddOffsetsToTxnRequest;
import io.tributary.protocol.message.AddOffsetsToTxnResponse;
import io.tributary.protocol.message.AddPartitionsToTxnRequest;
import io.tributary.protocol.message.AddPartitionsToTxnResponse;
import io.tributary.protocol.message.EndTxnRequest;
import io.tributary.protocol.message.EndTxnResponse;
import io.tributary.protocol.message.TxnOffsetCommitRequest;
import io.tributary.protocol.message.TxnOffsetCommitResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The client side of Kafka transactions (the protocol of transaction version 1, which every broker with
 * transactions speaks): InitProducerId with the transactional id, AddPartitionsToTxn before a partition's first
 * batch in a transaction, AddOffsetsToTxn and TxnOffsetCommit for consumed offsets, EndTxn to commit or abort.
 * Fencing (a newer producer with the same id) is fatal and reported as {@code PRODUCER_FENCED}. Thread-safe; one
 * transaction at a time.
 */
final class TransactionDriver {
    /** The highest versions of the transaction-version-1 protocol; later ones mean version 2 semantics. */
    static final short MAX_PRODUCE_VERSION = 11;
    private static final short MAX_ADD_PARTITIONS_VERSION = 3;
    private static final short MAX_END_TXN_VERSION = 4;

    private final ClientRuntime runtime;
    private final ProducerIdentity identity;
    private final String transactionalId;
    private final Set<TopicPartition> added = ConcurrentHashMap.newKeySet();
    private final Set<TopicPartition> toAdd = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean adding = new AtomicBoolean();
    private volatile boolean open;
    private volatile boolean initialized;
    private volatile boolean offsetsAdded;
    private volatile @Nullable TributaryException fatal;
    private volatile @Nullable TributaryException addFailure;
    /** Completes when the open transaction's end (commit or abort) has run; null when none is running. */
    private volatile @Nullable Mono<Void> ending;

    TransactionDriver(ClientRuntime runtime, ProducerIdentity identity, String transactionalId) {
        this.runtime = runtime;
        this.identity = identity;
        this.transactionalId = transactionalId;
    }

    /** Initializes the producer id on first use (fencing older producers), then opens a transaction. */
    Mono<Boolean> begin() {
        return Mono.defer(() -> {
            if (fatal != null) {
                return Mono.error(fatal);
            }
            Mono<Void> previous = ending;
            if (open && previous != null) {
                // The last transaction is still ending (an abort after a cancellation, say): begin after it.
                return previous.then(Mono.defer(this::begin));
            }
            if (open) {
                return Mono.error(new IllegalStateException("A transaction is already open on this producer; "
                    + "transactions on one producer run one after the other"));
            }
            Mono<?> init = initialized ? Mono.just(true) : identity.init().doOnNext(id -> initialized = true);
            return init.map(ok -> {
                added.clear();
                toAdd.clear();
                addFailure = null;
                offsetsAdded = false;
                open = true;
                return true;
            });
        });
    }

    /** Throws unless a transaction is open: a transactional producer sends only inside one. */
    void requireOpen() {
        if (fatal != null) {
            throw fatal;
        }
        if (!open) {
            throw new IllegalStateException("Transactional producer " + transactionalId
                + " sends records only inside inTransaction(...)");
        }
    }

    /**
     * Whether batches of {@code partition} may be sent: true once the coordinator added it to the transaction;
     * otherwise asks for it (batched with other partitions) and calls {@code wakeup} when done.
     */
    boolean isAdded(TopicPartition partition, Runnable wakeup, Consumer<TributaryException> onFailure) {
        if (added.contains(partition)) {
            return true;
        }
        toAdd.add(partition);
        addPending(wakeup, onFailure);
        return false;
    }

    private void addPending(Runnable wakeup, Consumer<TributaryException> onFailure) {
        if (toAdd.isEmpty() || !adding.compareAndSet(false, true)) {
            return;
        }
        List<TopicPartition> batch = new ArrayList<>(toAdd);
        ProducerIdentity.Id id = identity.current();
        Map<String, AddPartitionsToTxnRequest.AddPartitionsToTxnTopic> topics = new LinkedHashMap<>();
        for (TopicPartition tp : batch) {
            topics.computeIfAbsent(tp.topic(), t -> new AddPartitionsToTxnRequest.AddPartitionsToTxnTopic().name(t)
                .partitions(new ArrayList<>())).partitions().add(tp.partition());
        }
        AddPartitionsToTxnRequest request = new AddPartitionsToTxnRequest()
            .v3AndBelowTransactionalId(transactionalId)
            .v3AndBelowProducerId(id.producerId())
            .v3AndBelowProducerEpoch(id.epoch())
            .v3AndBelowTopics(new ArrayList<>(topics.values()));
        toCoordinator(request, MAX_ADD_PARTITIONS_VERSION, AddPartitionsToTxnResponse.class, "AddPartitionsToTxn",
                this::checkAddPartitions)
            .doFinally(s -> adding.set(false))
            .subscribe(ok -> {
                added.addAll(batch);
                toAdd.removeAll(batch);
                wakeup.run();
                addPending(wakeup, onFailure);
            }, e -> {
                TributaryException failure = Sender.asTributary(e, "AddPartitionsToTxn failed");
                addFailure = failure;
                noteFatal(failure);
                onFailure.accept(failure);
            });
    }

    private Mono<AddPartitionsToTxnResponse> checkAddPartitions(AddPartitionsToTxnResponse response) {
        if (response.errorCode() != 0) {
            return Mono.error(Failures.of(response.errorCode(), null, "AddPartitionsToTxn for " + transactionalId));
        }
        for (AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult t : response.resultsByTopicV3AndBelow()) {
            for (AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult p : t.resultsByPartition()) {
                if (p.partitionErrorCode() != 0 && p.partitionErrorCode() != ErrorCode.OPERATION_NOT_ATTEMPTED.code()) {
                    return Mono.error(Failures.of(p.partitionErrorCode(), null, "AddPartitionsToTxn of " + t.name()
                        + "-" + p.partitionIndex() + " for " + transactionalId));
                }
            }
            for (AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult p : t.resultsByPartition()) {
                if (p.partitionErrorCode() == ErrorCode.OPERATION_NOT_ATTEMPTED.code()) {
                    return Mono.error(ErrorCode.CONCURRENT_TRANSACTIONS.exception("retry the whole batch"));
                }
            }
        }
        return Mono.just(response);
    }

    /** Adds the group's offsets to the open transaction: AddOffsetsToTxn, then TxnOffsetCommit. */
    Mono<Void> sendOffsets(Map<TopicPartition, Long> offsets, GroupMetadata group) {
        String groupId = group.groupId();
        return Mono.defer(() -> {
            requireOpen();
            ProducerIdentity.Id id = identity.current();
            AddOffsetsToTxnRequest add = new AddOffsetsToTxnRequest()
                .transactionalId(transactionalId)
                .producerId(id.producerId())
                .producerEpoch(id.epoch())
                .groupId(groupId);
            Map<String, TxnOffsetCommitRequest.TxnOffsetCommitRequestTopic> topics = new LinkedHashMap<>();
            offsets.forEach((tp, offset) -> topics.computeIfAbsent(tp.topic(),
                    t -> new TxnOffsetCommitRequest.TxnOffsetCommitRequestTopic().name(t).partitions(new ArrayList<>()))
                .partitions().add(new TxnOffsetCommitRequest.TxnOffsetCommitRequestPartition()
                    .partitionIndex(tp.partition())
                    .committedOffset(offset)
                    .committedLeaderEpoch(-1)));
            TxnOffsetCommitRequest commit = new TxnOffsetCommitRequest()
                .transactionalId(transactionalId)
                .groupId(groupId)
                .producerId(id.producerId())
                .producerEpoch(id.epoch())
                .generationId(group.generationId())
                .memberId(group.memberId())
                .groupInstanceId(group.groupInstanceId())
                .topics(new ArrayList<>(topics.values()));
            return toCoordinator(add, Short.MAX_VALUE, AddOffsetsToTxnResponse.class, "AddOffsetsToTxn",
                    r -> r.errorCode() == 0 ? Mono.just(r)
                        : Mono.error(Failures.of(r.errorCode(), null, "AddOffsetsToTxn for " + groupId)))
                .doOnNext(r -> offsetsAdded = true)
                .then(commitOffsets(commit, groupId));
        }).doOnError(this::noteFatal);
    }

    private Mono<Void> commitOffsets(TxnOffsetCommitRequest request, String groupId) {
        Mono<Void> attempt = runtime.coordinatorConnection(ClientRuntime.GROUP, groupId)
            .flatMap(c -> c.send(request, TxnOffsetCommitResponse.class))
            .flatMap(r -> {
                for (TxnOffsetCommitResponse.TxnOffsetCommitResponseTopic t : r.topics()) {
                    for (TxnOffsetCommitResponse.TxnOffsetCommitResponsePartition p : t.partitions()) {
                        if (p.errorCode() != 0) {
                            return Mono.<Void>error(Failures.of(p.errorCode(), null, "TxnOffsetCommit of "
                                + t.name() + "-" + p.partitionIndex() + " for group " + groupId));
                        }
                    }
                }
                return Mono.<Void>empty();
            })
            .doOnError(e -> forgetCoordinatorOn(e, ClientRuntime.GROUP, groupId));
        return runtime.withRetries(attempt, "TxnOffsetCommit for group " + groupId);
    }

    /**
     * Ends the open transaction (commit or abort) after {@code before} (a flush); a {@link #begin()} meanwhile waits
     * for it instead of finding a transaction still open.
     */
    Mono<Void> finish(Mono<Void> before, boolean commit) {
        return Mono.defer(() -> {
            Sinks.Empty<Void> done = Sinks.empty();
            ending = done.asMono();
            return before.then(end(commit)).doFinally(signal -> {
                ending = null;
                done.tryEmitEmpty();
            });
        });
    }

    private Mono<Void> end(boolean commit) {
        return Mono.defer(() -> {
            TributaryException failed = addFailure;
            if (commit && failed != null) {
                return Mono.error(failed);
            }
            if (added.isEmpty() && !offsetsAdded) {
                // Nothing reached the coordinator: there is nothing to end.
                open = false;
                return Mono.empty();
            }
            ProducerIdentity.Id id = identity.current();
            EndTxnRequest request = new EndTxnRequest()
                .transactionalId(transactionalId)
                .producerId(id.producerId())
                .producerEpoch(id.epoch())
                .committed(commit);
            return toCoordinator(request, MAX_END_TXN_VERSION, EndTxnResponse.class,
                    commit ? "EndTxn(commit)" : "EndTxn(abort)",
                    r -> r.errorCode() == 0 ? Mono.just(r)
                        : Mono.error(Failures.of(r.errorCode(), null, (commit ? "Commit" : "Abort")
                            + " of transaction " + transactionalId)))
                .then()
                .doOnError(this::noteFatal)
                .onErrorMap(e -> fatal != null ? fatal : e)
                // Before the outcome reaches the caller (doFinally would run after), so that the caller's next
                // transaction never finds this one still open.
                .doOnTerminate(() -> open = false)
                .doOnCancel(() -> open = false);
        });
    }

    /**
     * Sends to the transaction coordinator in at most {@code maxVersion} and checks the answer with {@code check};
     * retries the whole when the send or the check fails with a retriable error.
     */
    private <R extends ApiMessage> Mono<R> toCoordinator(ApiMessage request, short maxVersion, Class<R> type,
                                                         String what, Function<R, Mono<R>> check) {
        Mono<R> attempt = runtime.coordinatorConnection(ClientRuntime.TRANSACTION, transactionalId)
            .flatMap(c -> c.send(request, version(c, request.apiKey(), maxVersion)))
            .cast(type)
            .flatMap(check)
            .doOnError(e -> forgetCoordinatorOn(e, ClientRuntime.TRANSACTION, transactionalId));
        return runtime.withRetries(attempt, what + " for " + transactionalId);
    }

    private static short version(BrokerConnection c, ApiKey api, short maxVersion) {
        return (short) Math.min(c.versions().version(api), maxVersion);
    }

    private void forgetCoordinatorOn(Throwable e, byte keyType, String key) {
        if (e instanceof ApiException api && (api.error() == ErrorCode.NOT_COORDINATOR
            || api.error() == ErrorCode.COORDINATOR_NOT_AVAILABLE) || !(e instanceof ApiException)) {
            runtime.invalidateCoordinator(keyType, key);
        }
    }

    /** Fencing and authorization failures end the producer's transactional life. */
    void noteFatal(Throwable e) {
        if (e instanceof ApiException api && (api.error() == ErrorCode.PRODUCER_FENCED
            || api.error() == ErrorCode.INVALID_PRODUCER_EPOCH
            || api.error() == ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)) {
            fatal = new ApiException(ErrorCode.PRODUCER_FENCED, "Producer with transactional.id "
                + transactionalId + " was fenced (" + api.error() + "): a newer producer with the same id took over;"
                + " create a new producer");
        }
    }

    @Nullable TributaryException fatal() {
        return fatal;
    }
}
