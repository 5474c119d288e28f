package io.tributary.streams.internal.runtime;

import io.tributary.admin.ListedOffset;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.IsolationLevel;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.serdes.Serdes;
import io.tributary.streams.internal.engine.StreamTask;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Restores a new task's stores by replaying their changelog partitions from the first offset (or, for a persistent
 * store, its checkpointed offset, or for a task taken over from a standby, the standby's position) to the end offset
 * they had when the restore began, with a consumer assigned to each partition (no group); reports each restore to
 * {@link RestoreMetrics}, one with nothing to replay included.
 * Stateless; the task is not used by anyone else meanwhile.
 */
final class ChangelogRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(ChangelogRestorer.class);

    private final TributaryAdmin admin;
    private final ClientOptions client;
    private final IsolationLevel isolation;
    private final RestoreMetrics metrics;

    /** {@code isolation}: read_committed under exactly-once, so that aborted changelog writes are not restored. */
    ChangelogRestorer(TributaryAdmin admin, ClientOptions client, IsolationLevel isolation, RestoreMetrics metrics) {
        this.admin = admin;
        this.client = client;
        this.isolation = isolation;
        this.metrics = metrics;
    }

    Mono<StreamTask> restore(StreamTask task) {
        return restore(task, Map.of());
    }

    /**
     * Restores {@code task}, whose stores already reflect their changelogs up to {@code positions} (per store, the
     * next offset: what a standby applied); the other stores start from their checkpoint or the changelog's start.
     */
    Mono<StreamTask> restore(StreamTask task, Map<String, Long> positions) {
        return Flux.fromIterable(task.changelogTopics().entrySet())
            .concatMap(e -> restore(task, e.getKey(), new TopicPartition(e.getValue(), task.id().partition()),
                positions.get(e.getKey())))
            .then(Mono.just(task));
    }

    private Mono<Void> restore(StreamTask task, String store, TopicPartition changelog, @Nullable Long position) {
        Mono<ListedOffset> earliest = admin.listOffsets(Map.of(changelog, OffsetSpec.earliest()))
            .map(m -> m.get(changelog));
        Mono<ListedOffset> latest = admin.listOffsets(Map.of(changelog, OffsetSpec.latest()))
            .map(m -> m.get(changelog));
        return Mono.zip(earliest, latest).flatMap(range -> {
            // A persistent store with a checkpoint holds the changelog up to it: only the tail is replayed.
            Long checkpointed = position != null ? position : task.checkpointedOffset(store);
            long from = checkpointed == null ? range.getT1().offset()
                : Math.max(range.getT1().offset(), checkpointed);
            long end = range.getT2().offset();
            if (end <= from) {
                task.changelogAt(store, end);
                metrics.restored(store, changelog, 0, 0);   // e.g. a standby that was up to date: nothing replayed
                return Mono.empty();
            }
            AtomicBoolean sought = new AtomicBoolean(from <= range.getT1().offset());
            AtomicLong next = new AtomicLong(from);
            long started = System.nanoTime();
            TributaryConsumer<byte[], byte[]> consumer = TributaryConsumer.create(ConsumerOptions
                .create(client, Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer())
                .assignment(List.of(changelog))
                .isolationLevel(isolation)
                .offsetReset(OffsetReset.EARLIEST));
            return consumer.receive()
                .takeUntil(r -> r.offset() >= end - 1)
                .takeUntilOther(consumer.awaitPositions(Map.of(changelog, end)))
                // Without a start-offset option the consumer begins at the earliest offset: once running it is
                // moved to the checkpoint; records before it, and any read again after the move, are skipped by
                // offset. A filter, not a concatMap: a concatMap asks the consumer for one record at a time, which
                // put a task on its worker per record and made restores wait more than work.
                .filter(r -> {
                    if (r.offset() < from && !sought.getAndSet(true)) {
                        consumer.seek(changelog, from).subscribe(null, e -> LOG.debug("Seek of {} to {} failed; "
                            + "reading up to it instead", changelog, from, e));
                    }
                    if (r.offset() < next.get()) {
                        return false;
                    }
                    next.set(r.offset() + 1);
                    return true;
                })
                .doOnNext(r -> task.restore(store, r.key(), r.value(), r.timestamp()))
                .count()
                .doOnNext(n -> task.changelogAt(store, end))
                .doOnNext(n -> {
                    long nanos = System.nanoTime() - started;
                    metrics.restored(store, changelog, n, nanos);
                    LOG.info("Restored store {} of task {} from {} ({} records in {} ms)", store, task.id(), changelog,
                        n, nanos / 1_000_000);
                })
                .then(consumer.close());
        });
    }
}
