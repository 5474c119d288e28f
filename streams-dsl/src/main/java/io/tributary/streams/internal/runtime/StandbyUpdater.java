package io.tributary.streams.internal.runtime;

import io.tributary.admin.GroupDescription;
import io.tributary.admin.GroupState;
import io.tributary.admin.MemberDescription;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.IsolationLevel;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.serdes.Serdes;
import io.tributary.streams.processor.TaskId;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps this instance's {@link StandbyTasks} placed and fed. After each rebalance and every second (a describe just
 * after a rebalance may still show the previous generation) it describes the group, places the standbys with
 * {@link StandbyPlacement}, and when the set changed restarts one group-less consumer assigned to every standby
 * changelog partition, whose records it applies (read_committed under exactly-once, so only committed writes).
 * Refreshes run one at a time. Owned by {@link DefaultTributaryStreams}; thread-safe.
 */
final class StandbyUpdater {
    private static final Logger LOG = LoggerFactory.getLogger(StandbyUpdater.class);
    private static final Duration REFRESH = Duration.ofSeconds(1);

    private final TributaryAdmin admin;
    private final ClientOptions client;
    private final IsolationLevel isolation;
    private final String groupId;
    private final int replicas;
    private final StandbyTasks standbys;
    /** This instance's member id in the group, empty before it joined. */
    private final Supplier<String> memberId;
    /** The tasks of the partitions this instance owns, to tell a describe of an older generation. */
    private final Supplier<Set<TaskId>> owned;
    private final Function<Collection<TopicPartition>, Set<TaskId>> taskIds;
    /** Whether standbys open and close persistent stores (blocking IO: then on boundedElastic). */
    private final boolean persistent;
    private final Sinks.Many<Boolean> requests = Sinks.many().unicast().onBackpressureBuffer();
    private volatile @Nullable Disposable refreshing;
    private volatile @Nullable Feed feed;
    private volatile boolean closed;

    /** The running changelog consumer and what it was started for. */
    private record Feed(TributaryConsumer<byte[], byte[]> consumer, Disposable running, Set<TopicPartition> partitions,
                        long opened) {
    }

    StandbyUpdater(TributaryAdmin admin, ClientOptions client, IsolationLevel isolation, String groupId, int replicas,
                   StandbyTasks standbys, Supplier<String> memberId, Supplier<Set<TaskId>> owned,
                   Function<Collection<TopicPartition>, Set<TaskId>> taskIds, boolean persistent) {
        this.admin = admin;
        this.client = client;
        this.isolation = isolation;
        this.groupId = groupId;
        this.replicas = replicas;
        this.standbys = standbys;
        this.memberId = memberId;
        this.owned = owned;
        this.taskIds = taskIds;
        this.persistent = persistent;
    }

    /** Starts refreshing: now, on each {@link #rebalanced()}, and every second. */
    void start() {
        refreshing = Flux.merge(requests.asFlux(), Flux.interval(Duration.ZERO, REFRESH).map(tick -> true))
            .onBackpressureLatest()
            .concatMap(request -> refresh(), 1)
            .subscribe(null, e -> LOG.error("Standby refresh of {} ended", groupId, e));
    }

    /** The assignment changed: standbys are placed again soon. */
    void rebalanced() {
        requests.tryEmitNext(true);   // may fail when emitted concurrently: the periodic refresh covers that
    }

    private Mono<Void> refresh() {
        return admin.describeGroups(List.of(groupId))
            .flatMap(groups -> {
                GroupDescription group = groups.get(groupId);
                return group == null || group.state() != GroupState.STABLE ? Mono.<Void>empty() : place(group);
            })
            .then(Mono.defer(this::restartFeedIfNeeded))
            .onErrorResume(e -> {
                LOG.debug("Standby refresh of {} failed; trying again", groupId, e);
                return Mono.empty();
            });
    }

    private Mono<Void> place(GroupDescription group) {
        String self = memberId.get();
        Map<String, Set<TaskId>> active = new HashMap<>();
        for (MemberDescription m : group.members()) {
            active.put(m.memberId(), taskIds.apply(m.assignedPartitions()));
        }
        // An assignment that is not ours as we see it is of an older (or newer) generation: wait for the next one.
        if (self.isEmpty() || !owned.get().equals(active.get(self))) {
            return Mono.empty();
        }
        Set<TaskId> wanted = StandbyPlacement.standbysOf(self, active, replicas);
        Mono<Void> update = Mono.fromRunnable(() -> standbys.update(wanted));
        return persistent ? update.subscribeOn(Schedulers.boundedElastic()) : update;
    }

    /** Restarts the feed when standbys were opened (they need their changelogs from their own positions). */
    private Mono<Void> restartFeedIfNeeded() {
        long opened = standbys.openedCount();
        Map<TopicPartition, Long> positions = standbys.positions();
        Feed current = feed;
        if (current != null && current.opened() == opened && current.partitions().equals(positions.keySet())) {
            return Mono.empty();
        }
        return stopFeed().then(Mono.fromRunnable(() -> {
            if (!positions.isEmpty() && !closed) {
                feed = startFeed(positions, opened);
            }
        }));
    }

    private Feed startFeed(Map<TopicPartition, Long> positions, long opened) {
        TributaryConsumer<byte[], byte[]> consumer = TributaryConsumer.create(ConsumerOptions
            .create(client, Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer())
            .assignment(positions.keySet())
            .isolationLevel(isolation)
            .offsetReset(OffsetReset.EARLIEST));
        Set<TopicPartition> sought = ConcurrentHashMap.newKeySet();
        Disposable running = consumer.receive()
            .concatMap(r -> apply(consumer, r, sought))
            .subscribe(null, e -> LOG.warn("Standby changelog feed of {} failed; restarted on the next refresh",
                groupId, e));
        LOG.debug("Standby changelog feed of {} reads {}", groupId, positions);
        return new Feed(consumer, running, Set.copyOf(positions.keySet()), opened);
    }

    /**
     * Applies a record; the consumer starts at the earliest offsets (no start-offset option), so on the first record
     * before the standby's position the partition is moved there once, and records fetched meanwhile are skipped.
     */
    private Mono<Void> apply(TributaryConsumer<byte[], byte[]> consumer, ReceivedRecord<byte[], byte[]> r,
                             Set<TopicPartition> sought) {
        long seekTo = standbys.apply(r.topicPartition(), r.offset(), r.key(), r.value(), r.timestamp());
        if (seekTo < 0 || !sought.add(r.topicPartition())) {
            return Mono.empty();
        }
        return consumer.seek(r.topicPartition(), seekTo).onErrorResume(e -> Mono.empty());
    }

    private Mono<Void> stopFeed() {
        return Mono.defer(() -> {
            Feed current = feed;
            feed = null;
            if (current == null) {
                return Mono.empty();
            }
            return current.consumer().close()
                .onErrorResume(e -> Mono.empty())
                .then(Mono.fromRunnable(current.running()::dispose));
        });
    }

    /** Stops refreshing and closes the feed; the standbys themselves are closed by the owner. */
    Mono<Void> close() {
        return Mono.defer(() -> {
            closed = true;
            Disposable r = refreshing;
            if (r != null) {
                r.dispose();
            }
            return stopFeed();
        });
    }
}
