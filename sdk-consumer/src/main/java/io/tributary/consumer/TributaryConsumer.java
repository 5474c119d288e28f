package io.tributary.consumer;

import io.tributary.common.TopicPartition;
import io.tributary.consumer.internal.DefaultTributaryConsumer;
import java.util.Collection;
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

    /** The partitions the running subscription owns (empty when none runs). */
    Set<TopicPartition> assignment();

    /** Moves an assigned partition to {@code offset}; fetched records not yet emitted are dropped. */
    Mono<Void> seek(TopicPartition partition, long offset);

    /** Moves assigned partitions to their first offset. */
    Mono<Void> seekToBeginning(Collection<TopicPartition> partitions);

    /** Moves assigned partitions to their end: only records written later are read. */
    Mono<Void> seekToEnd(Collection<TopicPartition> partitions);

    /** Moves assigned partitions to the first record at or after {@code timestamp} (ms), or the end if none. */
    Mono<Void> seekToTimestamp(Collection<TopicPartition> partitions, long timestamp);
}
