package io.tributary.streams.internal.runtime;

import io.tributary.admin.ListedOffset;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.TopicPartitionInfo;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.IsolationLevel;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.serdes.Serdes;
import io.tributary.streams.internal.engine.GlobalStateTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Keeps the global stores of one application instance: a consumer without group, assigned every partition of the
 * global topics from the beginning, applies each record to its store under the runtime's lock (so tasks never see
 * a store mid-update). {@link #start()} completes once every partition has been read up to the end offset it had
 * at start-up; the consumer then keeps following the topics until {@link #close()}. Owned by
 * {@link DefaultTributaryStreams}; thread-safe.
 */
final class GlobalStateUpdater {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalStateUpdater.class);

    private final TributaryAdmin admin;
    private final ClientOptions client;
    private final IsolationLevel isolation;
    private final GlobalStateTask global;
    private final Object lock;
    private final Consumer<Throwable> onFailure;
    private final Sinks.Empty<Void> loaded = Sinks.empty();
    private volatile @Nullable TributaryConsumer<byte[], byte[]> consumer;
    private volatile @Nullable Disposable following;
    private volatile @Nullable Disposable readToEnd;

    /**
     * @param isolation how the global topics are read (read_committed under exactly-once)
     * @param lock      the lock tasks process under
     * @param onFailure told when following the topics fails after start-up
     */
    GlobalStateUpdater(TributaryAdmin admin, ClientOptions client, IsolationLevel isolation, GlobalStateTask global,
                       Object lock, Consumer<Throwable> onFailure) {
        this.admin = admin;
        this.client = client;
        this.isolation = isolation;
        this.global = global;
        this.lock = lock;
        this.onFailure = onFailure;
    }

    /** Loads the global stores to the current end of their topics, then keeps following; lazy. */
    Mono<Void> start() {
        if (global.topics().isEmpty()) {
            return Mono.empty();
        }
        return admin.describeTopics(List.copyOf(global.topics()))
            .map(described -> {
                List<TopicPartition> out = new ArrayList<>();
                described.forEach((topic, d) -> d.partitions().stream()
                    .map(TopicPartitionInfo::partition)
                    .forEach(p -> out.add(new TopicPartition(topic, p))));
                return out;
            })
            .flatMap(partitions -> Mono.zip(offsets(partitions, OffsetSpec.earliest()),
                    offsets(partitions, OffsetSpec.latest()))
                .flatMap(range -> follow(partitions, range.getT1(), range.getT2())));
    }

    private Mono<Map<TopicPartition, ListedOffset>> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec)));
    }

    private Mono<Void> follow(List<TopicPartition> partitions, Map<TopicPartition, ListedOffset> earliest,
                              Map<TopicPartition, ListedOffset> latest) {
        // The end offset to read to per partition before the stores count as loaded; empty partitions need none.
        Map<TopicPartition, Long> remaining = new ConcurrentHashMap<>();
        for (TopicPartition tp : partitions) {
            long end = latest.get(tp).offset();
            if (end > earliest.get(tp).offset()) {
                remaining.put(tp, end);
            }
        }
        long started = System.nanoTime();
        TributaryConsumer<byte[], byte[]> c = TributaryConsumer.create(ConsumerOptions
            .create(client, Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer())
            .assignment(partitions)
            .isolationLevel(isolation)
            .offsetReset(OffsetReset.EARLIEST));
        consumer = c;
        following = c.receive()
            .doOnNext(r -> apply(r, remaining, started))
            .subscribe(null, e -> {
                loaded.tryEmitError(e);
                onFailure.accept(e);
            });
        if (remaining.isEmpty()) {
            loaded(started);
        } else {
            // Records alone cannot tell a partition that ends in a transaction marker has been read.
            readToEnd = c.awaitPositions(remaining).subscribe(null, e -> { }, () -> loaded(started));
        }
        return loaded.asMono();
    }

    private void apply(ReceivedRecord<byte[], byte[]> r, Map<TopicPartition, Long> remaining, long started) {
        synchronized (lock) {
            global.update(r.topic(), r.key(), r.value(), r.timestamp());
        }
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        Long end = remaining.get(tp);
        if (end != null && r.offset() + 1 >= end && remaining.remove(tp) != null && remaining.isEmpty()) {
            loaded(started);
        }
    }

    private void loaded(long started) {
        if (loaded.tryEmitEmpty().isSuccess()) {
            LOG.info("Loaded global stores {} from {} in {} ms", global.stores().keySet(), global.topics(),
                (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Stops following the topics. */
    Mono<Void> close() {
        return Mono.defer(() -> {
            Disposable f = following;
            Disposable r = readToEnd;
            if (r != null) {
                r.dispose();
            }
            TributaryConsumer<byte[], byte[]> c = consumer;
            return (c == null ? Mono.<Void>empty() : c.close())
                .then(Mono.fromRunnable(() -> {
                    if (f != null) {
                        f.dispose();
                    }
                }));
        });
    }
}
