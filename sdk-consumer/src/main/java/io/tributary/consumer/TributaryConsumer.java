package io.tributary.consumer;

import io.tributary.common.TopicPartition;
import io.tributary.consumer.internal.DefaultTributaryConsumer;
import io.tributary.producer.GroupMetadata;
import io.tributary.producer.SendResult;
import io.tributary.producer.SenderRecord;
import io.tributary.producer.TributaryProducer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A reactive Kafka consumer. One {@code receive} subscription at a time: subscribing joins the group (or takes the
 * assigned partitions) and starts fetching; cancelling commits what was acknowledged, leaves the group and closes
 * the connections.
 *
 * <pre>{@code
 * TributaryConsumer<String, String> consumer = TributaryConsumer.create(options);
 * consumer.receive()
 *     .concatMap(record -> process(record).doOnSuccess(v -> record.acknowledge()))
 *     .subscribe();
 * }</pre>
 *
 * <p><strong>Backpressure.</strong> Records are fetched ahead only up to {@link ConsumerOptions#prefetchBytes()};
 * a subscriber that stops requesting keeps its group membership (heartbeats go on) and resumes exactly where it
 * stopped. <strong>Threads.</strong> Records are emitted on {@link ConsumerOptions#scheduler()}, never on a network
 * event loop. <strong>Commits.</strong> Acknowledged offsets are committed in offset order per partition every
 * {@link ConsumerOptions#commitInterval()}, after {@link ConsumerOptions#commitBatchSize()} acknowledgements, on
 * {@link ReceivedRecord#commit()}, and before partitions are revoked (waiting for in-flight records up to
 * {@link ConsumerOptions#revocationTimeout()}); records of revoked partitions that were not emitted are dropped.
 *
 * @since 0.1
 */
public interface TributaryConsumer<K, V> {
    /** @throws IllegalArgumentException if the options name no subscription or assignment, or a subscription lacks
     *                                  a group id */
    static <K, V> TributaryConsumer<K, V> create(ConsumerOptions<K, V> options) {
        return DefaultTributaryConsumer.create(options);
    }

    /** Records, each to acknowledge (or commit) once processed (at-least-once). */
    Flux<ReceivedRecord<K, V>> receive();

    /**
     * Records in batches: each inner {@code Flux} is acknowledged as a whole when it completes. Batches hold up to
     * {@code maxBatchSize} records, fewer when no more arrive within 100 ms.
     */
    Flux<Flux<ReceivedRecord<K, V>>> receiveAutoAck(int maxBatchSize);

    /** Records committed before they are emitted: a crash loses at most the record being processed. */
    Flux<ReceivedRecord<K, V>> receiveAtMostOnce();

    /**
     * Runs {@code handler} for every record, up to {@code concurrency} partitions in parallel, one record at a time
     * within each partition (so per-partition order holds); acknowledges each record once its handler completes.
     */
    <R> Flux<R> receiveConcurrently(int concurrency, Function<ReceivedRecord<K, V>, ? extends Publisher<R>> handler);

    /**
     * Exactly-once consume-transform-produce: reads records in batches of up to {@code maxBatchSize} (fewer when no
     * more arrive within 100 ms) and, for each batch, in one transaction of the transactional {@code producer},
     * sends what {@code transform} makes of each record (none, one or many records) together with the batch's
     * consumed offsets for this consumer's group. Emits the send results of a batch once its transaction committed.
     * Offsets are committed only by the transactions, so a crash anywhere (or a failed, aborted transaction) leaves
     * every input processed exactly once for {@code read_committed} readers of the output: the next run resumes at
     * the last committed batch, and a producer started with the same {@code transactionalId} fences the old one.
     *
     * <p>Each transaction names this member's generation (KIP-447): the coordinator refuses the offsets of a member
     * that lost its partitions in a rebalance, the transaction aborts and the stream ends with that error; resubscribe
     * (e.g. {@code retryWhen}) to go on from the committed offsets. Read inputs written by transactions with
     * {@link IsolationLevel#READ_COMMITTED}.
     *
     * @throws IllegalArgumentException if {@code maxBatchSize} is not positive or the consumer has no group id
     */
    <KO, VO, T> Flux<SendResult<T>> receiveExactlyOnce(
        TributaryProducer<KO, VO> producer, int maxBatchSize,
        Function<? super ReceivedRecord<K, V>, ? extends Publisher<SenderRecord<KO, VO, T>>> transform);

    /**
     * Ends the running subscription, if any, as cancelling it would (its stream completes), and completes once the
     * consumer has committed what was acknowledged, left the group and closed its connections; also waits for that
     * after a subscription ended by itself (e.g. {@code take(n)}). The consumer may be subscribed again afterwards.
     */
    Mono<Void> close();

    /** The partitions the running subscription owns (empty when none runs). */
    Set<TopicPartition> assignment();

    /**
     * This member of the consumer group as it stands now (generation and member id), for
     * {@link TributaryProducer#sendOffsetsToTransaction(Map, GroupMetadata)} in a consume-transform-produce loop of
     * one's own: the coordinator refuses the offsets if the member has been replaced since (KIP-447). Before the
     * member has joined, only the group id.
     *
     * @throws IllegalStateException if the consumer has no group id
     */
    GroupMetadata groupMetadata();

    /**
     * The offset of the next record this subscription will emit for an assigned partition: every record before it
     * has been emitted (records fetched but not yet requested do not count). Unlike the offset of the last record
     * seen, it moves past transaction markers and aborted records, so {@code position(tp) >= endOffset} tells a
     * reader it has read a partition to its end. Empty while the starting position is still being looked up.
     *
     * @throws IllegalStateException (signalled) if the partition is not assigned to the running subscription
     */
    Mono<Long> position(TopicPartition partition);

    /**
     * Completes once the {@link #position} of every partition given has reached its offset: with end offsets, once
     * the subscription has emitted everything that was in the partitions (markers and aborted records included).
     * Checks every 20 ms; positions asked for before the subscription runs count as not reached. Lazy.
     */
    default Mono<Void> awaitPositions(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, Long> targets = Map.copyOf(offsets);
        return Flux.interval(Duration.ZERO, Duration.ofMillis(20))
            // A check slower than the interval skips ticks rather than failing the interval.
            .onBackpressureDrop()
            .concatMap(tick -> Flux.fromIterable(targets.entrySet())
                .concatMap(e -> position(e.getKey())
                    .map(position -> position >= e.getValue())
                    .defaultIfEmpty(false)
                    .onErrorReturn(IllegalStateException.class, false))
                .all(reached -> reached))
            .filter(reached -> reached)
            .next()
            .then();
    }

    /** Moves an assigned partition to {@code offset}; fetched records not yet emitted are dropped. */
    Mono<Void> seek(TopicPartition partition, long offset);

    /** Moves assigned partitions to their first offset. */
    Mono<Void> seekToBeginning(Collection<TopicPartition> partitions);

    /** Moves assigned partitions to their end: only records written later are read. */
    Mono<Void> seekToEnd(Collection<TopicPartition> partitions);

    /** Moves assigned partitions to the first record at or after {@code timestamp} (ms), or the end if none. */
    Mono<Void> seekToTimestamp(Collection<TopicPartition> partitions, long timestamp);
}
