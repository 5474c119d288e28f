package io.tributary.consumer.internal;

import io.tributary.client.internal.Failures;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.HeartbeatRequest;
import io.tributary.protocol.message.HeartbeatResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The classic protocol's Heartbeat loop: one Heartbeat per {@code heartbeat.interval.ms} on {@link GroupTimers}
 * (never a worker that emits records) while the member has a generation and no JoinGroup pending, however slowly
 * records are processed. It reports what the coordinator answers as {@link Faults} and never changes the membership
 * itself. After a failure (coordinator moved, broken connection) it tries again after the retry back-off.
 * Thread-safe; owned by a {@link ClassicGroupMember}.
 */
final class ClassicHeartbeats {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicHeartbeats.class);

    private final GroupCoordinatorLink coordinator;
    private final @Nullable String groupInstanceId;
    private final Duration interval;
    private final Duration retryBackoff;
    private final Supplier<@Nullable Beat> target;
    private final Faults faults;
    private volatile boolean paused;
    /** When the next heartbeat is due (System.nanoTime()); a SyncGroup answer moves it to one interval later. */
    private volatile long nextBeatAt;

    /** What to heartbeat for: the member, its generation and the join round that gave it. */
    record Beat(String memberId, int generation, long round) {
    }

    /** Where the coordinator's complaints go. */
    @FunctionalInterface
    interface Faults {
        void raise(GroupReaction reaction, long round, Throwable cause);
    }

    /**
     * @param target asked before each heartbeat; null while there is nothing to heartbeat for
     */
    ClassicHeartbeats(GroupCoordinatorLink coordinator, @Nullable String groupInstanceId, Duration interval,
                      Duration retryBackoff, Supplier<@Nullable Beat> target, Faults faults) {
        this.coordinator = coordinator;
        this.groupInstanceId = groupInstanceId;
        this.interval = interval;
        this.retryBackoff = retryBackoff;
        this.target = target;
        this.faults = faults;
    }

    /** Starts the loop; dispose the result to stop it. */
    Disposable start() {
        return Mono.defer(this::beatOnce)
            .flatMap(delay -> {
                nextBeatAt = System.nanoTime() + delay.toNanos();
                return waitUntilDue();
            })
            .repeat()
            .subscribe(null, e -> LOG.error("Heartbeats of group {} stopped", coordinator.groupId(), e));
    }

    /**
     * Restarts the interval now, as the generation starts: every member of the group got its SyncGroup answer at
     * about the same time, so their heartbeats stay in step and they learn of the next rebalance together instead of
     * up to an interval apart (the first to rejoin would wait for the last, without partitions, meanwhile).
     */
    void realign() {
        nextBeatAt = System.nanoTime() + interval.toNanos();
    }

    /** Waits until {@link #nextBeatAt}, which {@link #realign} may move while it waits. */
    private Mono<Long> waitUntilDue() {
        long remaining = nextBeatAt - System.nanoTime();
        return remaining <= 0 ? Mono.just(0L)
            : Mono.delay(Duration.ofNanos(remaining), GroupTimers.SCHEDULER).flatMap(t -> waitUntilDue());
    }

    /** For tests: stops sending heartbeats (as a stuck process would) or resumes. */
    void pause(boolean pause) {
        this.paused = pause;
    }

    private Mono<Duration> beatOnce() {
        Beat beat = paused ? null : target.get();
        if (beat == null) {
            return Mono.just(interval);
        }
        HeartbeatRequest request = new HeartbeatRequest()
            .groupId(coordinator.groupId())
            .generationId(beat.generation())
            .memberId(beat.memberId())
            .groupInstanceId(groupInstanceId);
        return coordinator.send(request, HeartbeatResponse.class)
            .map(response -> onAnswer(beat, ErrorCode.forCode(response.errorCode())))
            .onErrorResume(e -> {
                LOG.debug("Heartbeat to the coordinator of group {} failed: {}", coordinator.groupId(), e.toString());
                return Mono.just(retryBackoff);
            });
    }

    private Duration onAnswer(Beat beat, ErrorCode error) {
        if (error == ErrorCode.NONE) {
            return interval;
        }
        coordinator.onError(error);
        GroupReaction reaction = GroupReaction.of(error);
        if (reaction == GroupReaction.RETRY_LATER) {
            LOG.debug("Heartbeat of group {}: {}; trying again", coordinator.groupId(), error);
            return retryBackoff;
        }
        faults.raise(reaction, beat.round(), Failures.of(error.code(), null, "Heartbeat of group "
            + coordinator.groupId()));
        return interval;
    }
}
