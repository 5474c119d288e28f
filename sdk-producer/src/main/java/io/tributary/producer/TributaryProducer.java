package io.tributary.producer;

import io.tributary.common.TopicPartition;
import io.tributary.producer.internal.DefaultTributaryProducer;
import java.util.Map;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A reactive Kafka producer. Thread-safe: share one per application. Nothing connects before the first record is
 * sent.
 *
 * <pre>{@code
 * TributaryProducer<String, String> producer = TributaryProducer.create(options);
 * producer.send(Flux.range(1, 100)
 *         .map(i -> ProducerRecord.of("orders", "key-" + i, "order " + i).correlate(i)))
 *     .doOnNext(r -> System.out.println(r.correlation() + " sent: " + r.isSent()))
 *     .blockLast();
 * producer.closeNow();
 * }</pre>
 *
 * <p><strong>Threads.</strong> Records are serialized, partitioned and appended on the thread that emits them to
 * {@code send}; no call blocks it. Results are emitted on {@link ProducerOptions#scheduler()} (by default Reactor's
 * parallel scheduler), never on a network event loop unless configured so. {@code send(Publisher)} requests more
 * records from the publisher on the thread that emits to it or, once results or freed buffer memory let it go on,
 * on that scheduler: a synchronous publisher then emits there, never on a network event loop.
 *
 * <p><strong>Backpressure.</strong> {@code send} requests records from the publisher only while
 * {@code buffer.memory} has room; it never buffers without bound and never blocks the publisher's thread.
 *
 * @since 0.1
 */
public interface TributaryProducer<K, V> {
    /**
     * A producer with these options.
     *
     * @throws IllegalArgumentException if settings contradict each other (the message names both), e.g. idempotence
     *                                  with {@code acks} other than all
     */
    static <K, V> TributaryProducer<K, V> create(ProducerOptions<K, V> options) {
        return DefaultTributaryProducer.create(options);
    }

    /**
     * Sends records and emits one result per record, in the order the records came (so in order within each
     * partition), each with its correlation metadata.
     *
     * <p><strong>Errors:</strong> with {@code stopOnError} (the default) the first failed record ends the stream
     * with its error; otherwise it is emitted as {@link SendResult.Failed} and the other records go on.
     */
    <T> Flux<SendResult<T>> send(Publisher<SenderRecord<K, V, T>> records);

    /** Sends one record; emits where it was written, or its error. */
    Mono<RecordMetadata> send(ProducerRecord<K, V> record);

    /**
     * Completes once every record handed over before the subscription is acknowledged (or has failed), and the
     * outcome of each {@link #send(ProducerRecord)} among them has reached its subscriber.
     */
    Mono<Void> flush();

    /**
     * Runs {@code work} in a transaction: begins it, lets {@code work} send records (and offsets with
     * {@link #sendOffsetsToTransaction}), commits when the publisher completes and aborts when it fails, then
     * passes the error on. Transactions on one producer run one at a time. Needs {@code transactionalId}.
     *
     * <p>A producer fenced by a newer instance with the same transactional id fails with a
     * {@code PRODUCER_FENCED} {@link io.tributary.errors.ApiException}; it cannot be used for transactions again.
     */
    <R> Flux<R> inTransaction(Function<? super TributaryProducer<K, V>, ? extends Publisher<R>> work);

    /**
     * Adds consumed offsets to the current transaction, committed for {@code groupId} only if the transaction
     * commits (consume-transform-produce). The offsets are the next ones to consume.
     */
    default Mono<Void> sendOffsetsToTransaction(Map<TopicPartition, Long> offsets, String groupId) {
        return sendOffsetsToTransaction(offsets, GroupMetadata.of(groupId));
    }

    /**
     * Adds consumed offsets to the current transaction for the group member {@code group}: the coordinator refuses
     * them (and the transaction must abort) if that member has been replaced since, e.g. by a rebalance.
     */
    Mono<Void> sendOffsetsToTransaction(Map<TopicPartition, Long> offsets, GroupMetadata group);

    /** Flushes, then closes connections; lazy. */
    Mono<Void> close();

    /** {@link #close()}, waiting at most {@link ProducerOptions#closeTimeout()}. */
    void closeNow();
}
