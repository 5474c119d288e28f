package io.tributary.consumer.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.producer.GroupMetadata;
import io.tributary.producer.SendResult;
import io.tributary.producer.SenderRecord;
import io.tributary.producer.TributaryProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The consumer: one {@link ConsumerSession} per {@code receive} subscription. Thread-safe. */
public final class DefaultTributaryConsumer<K, V> implements TributaryConsumer<K, V> {
    /** How long a batch waits for more records before it goes on with fewer. */
    private static final Duration BATCH_WAIT = Duration.ofMillis(100);

    private final ConsumerOptions<K, V> options;
    private final AtomicReference<@Nullable ConsumerSession<K, V>> session = new AtomicReference<>();

    private DefaultTributaryConsumer(ConsumerOptions<K, V> options) {
        this.options = options;
    }

    public static <K, V> DefaultTributaryConsumer<K, V> create(ConsumerOptions<K, V> options) {
        if (options.assignment() == null && options.subscribedTopics() == null
            && options.subscribedPattern() == null) {
            throw new IllegalArgumentException("ConsumerOptions need a subscription(...) or an assignment(...)");
        }
        if (options.assignment() == null && options.groupId() == null) {
            throw new IllegalArgumentException("A subscription needs a groupId (group.id)");
        }
        return new DefaultTributaryConsumer<>(options);
    }

    @Override
    public Flux<ReceivedRecord<K, V>> receive() {
        return records(false);
    }

    /** One session's records; IGNORE as the session emits only on demand, so the sink needs no queue of its own. */
    private Flux<ReceivedRecord<K, V>> records(boolean offsetsInTransactions) {
        return Flux.create(sink -> startSession(sink, offsetsInTransactions), FluxSink.OverflowStrategy.IGNORE);
    }

    private static void requirePositiveBatchSize(int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be positive, was " + maxBatchSize);
        }
    }

    private void startSession(FluxSink<ReceivedRecord<K, V>> sink, boolean offsetsInTransactions) {
        ConsumerSession<K, V> previous = session.get();
        if (previous != null && previous.stopping()) {
            // A resubscription (retry, repeat) right after the last one ended: start once that one has let go.
            previous.terminated().subscribe(null, null, () -> {
                if (!sink.isCancelled()) {
                    startSession(sink, offsetsInTransactions);
                }
            });
            return;
        }
        ConsumerSession<K, V>[] holder = newHolder();
        ConsumerSession<K, V> s = new ConsumerSession<>(options, sink, offsetsInTransactions,
            () -> session.compareAndSet(holder[0], null));
        holder[0] = s;
        if (!session.compareAndSet(null, s)) {
            s.runtime().close();
            sink.error(new IllegalStateException("This consumer already has a receive subscription; cancel it "
                + "first or create another consumer"));
            return;
        }
        s.start();
    }

    @SuppressWarnings("unchecked")
    private static <K, V> ConsumerSession<K, V>[] newHolder() {
        return (ConsumerSession<K, V>[]) new ConsumerSession<?, ?>[1];
    }

    @Override
    public Flux<Flux<ReceivedRecord<K, V>>> receiveAutoAck(int maxBatchSize) {
        requirePositiveBatchSize(maxBatchSize);
        return receive()
            .bufferTimeout(maxBatchSize, BATCH_WAIT)
            .map(batch -> Flux.fromIterable(batch)
                .doOnComplete(() -> batch.forEach(ReceivedRecord::acknowledge)));
    }

    @Override
    public Flux<ReceivedRecord<K, V>> receiveAtMostOnce() {
        return receive().concatMap(r -> r.commit().thenReturn(r));
    }

    @Override
    public <R> Flux<R> receiveConcurrently(int concurrency,
                                           Function<ReceivedRecord<K, V>, ? extends Publisher<R>> handler) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive, was " + concurrency);
        }
        // Partitions are hashed onto `concurrency` lanes; each lane runs one record at a time, so records of one
        // partition never overtake each other, and the number of groups never exceeds flatMap's concurrency.
        return receive()
            .groupBy(r -> Math.floorMod(r.topicPartition().hashCode(), concurrency))
            .flatMap(lane -> lane
                .publishOn(Schedulers.parallel())
                .concatMap(r -> Flux.from(handler.apply(r)).doOnComplete(r::acknowledge)), concurrency);
    }

    @Override
    public <KO, VO, T> Flux<SendResult<T>> receiveExactlyOnce(
        TributaryProducer<KO, VO> producer, int maxBatchSize,
        Function<? super ReceivedRecord<K, V>, ? extends Publisher<SenderRecord<KO, VO, T>>> transform) {
        requireNonNull(producer, "producer");
        requireNonNull(transform, "transform");
        requirePositiveBatchSize(maxBatchSize);
        if (options.groupId() == null) {
            throw new IllegalArgumentException("Exactly-once processing commits offsets for a group: set groupId");
        }
        return records(true)
            .bufferTimeout(maxBatchSize, BATCH_WAIT)
            .concatMap(batch -> ExactlyOnceBatch.process(producer, batch, transform));
    }

    @Override
    public Mono<Void> close() {
        return Mono.defer(() -> {
            ConsumerSession<K, V> s = session.get();
            if (s == null) {
                return Mono.empty();
            }
            s.end();
            return s.terminated();
        });
    }

    @Override
    public GroupMetadata groupMetadata() {
        String group = options.groupId();
        if (group == null) {
            throw new IllegalStateException("The consumer has no group id");
        }
        ConsumerSession<K, V> s = session.get();
        return s == null ? GroupMetadata.of(group) : s.groupMetadata();
    }

    @Override
    public Set<TopicPartition> assignment() {
        ConsumerSession<K, V> s = session.get();
        return s == null ? Set.of() : s.assignment();
    }

    @Override
    public Mono<Long> position(TopicPartition partition) {
        return Mono.defer(() -> running().position(partition));
    }

    @Override
    public Mono<Void> seek(TopicPartition partition, long offset) {
        return Mono.fromRunnable(() -> running().seek(partition, offset));
    }

    @Override
    public Mono<Void> seekToBeginning(Collection<TopicPartition> partitions) {
        return seekTo(partitions, OffsetLookup.EARLIEST);
    }

    @Override
    public Mono<Void> seekToEnd(Collection<TopicPartition> partitions) {
        return seekTo(partitions, OffsetLookup.LATEST);
    }

    @Override
    public Mono<Void> seekToTimestamp(Collection<TopicPartition> partitions, long timestamp) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must not be negative, was " + timestamp);
        }
        return seekTo(partitions, timestamp);
    }

    private Mono<Void> seekTo(Collection<TopicPartition> partitions, long spec) {
        List<TopicPartition> list = new ArrayList<>(partitions);
        return Mono.defer(() -> {
            ConsumerSession<K, V> s = running();
            return OffsetLookup.offsets(s.runtime(), list, spec, options.isolationLevel())
                .flatMap(offsets -> spec >= 0 ? endsForMissing(s, offsets) : Mono.just(offsets))
                .doOnNext(offsets -> offsets.forEach(s::seek))
                .then();
        });
    }

    /** A timestamp after the last record gives -1: such partitions go to their end. */
    private Mono<Map<TopicPartition, Long>> endsForMissing(ConsumerSession<K, V> s, Map<TopicPartition, Long> found) {
        List<TopicPartition> missing = found.entrySet().stream().filter(e -> e.getValue() < 0).map(Map.Entry::getKey)
            .toList();
        if (missing.isEmpty()) {
            return Mono.just(found);
        }
        return OffsetLookup.offsets(s.runtime(), missing, OffsetLookup.LATEST, options.isolationLevel())
            .map(ends -> {
                Map<TopicPartition, Long> all = new java.util.HashMap<>(found);
                all.putAll(ends);
                return all;
            });
    }

    private ConsumerSession<K, V> running() {
        ConsumerSession<K, V> s = session.get();
        if (s == null) {
            throw new IllegalStateException("No receive subscription is running");
        }
        return s;
    }
}
