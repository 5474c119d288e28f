package io.tributary.consumer.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.Failures;
import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequest;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Group membership with the consumer protocol of KIP-848 ({@code group.protocol=consumer}): one
 * ConsumerGroupHeartbeat per heartbeat interval (the coordinator's), carrying the subscription (topic names, or the
 * pattern for the coordinator to resolve), the server-side assignor and, when they changed, the owned partitions.
 * The coordinator answers with the member epoch and, when it changed, the target assignment; the member reconciles
 * towards it: revokes what the target no longer holds (waiting for the listener), then takes the new partitions and
 * acknowledges with an immediate heartbeat. {@code FENCED_MEMBER_EPOCH} and {@code UNKNOWN_MEMBER_ID} lose every
 * partition and rejoin with epoch 0; leaving sends epoch -1 (-2 for a static member, whose partitions the coordinator
 * keeps for its return). The member id is generated here (ConsumerGroupHeartbeat v1).
 *
 * <p>Threading: the heartbeat loop sends one request at a time on {@link GroupTimers} timers and never
 * waits for the listener; reconciliation, fencing and leaving run as {@link SerialTasks}, so listener calls come one
 * at a time, in order, from the client's threads. Faults about an older incarnation (before a fencing) are ignored.
 * Thread-safe.
 */
public final class ConsumerProtocolMember implements GroupMember {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerProtocolMember.class);
    private static final int JOIN_EPOCH = 0;
    private static final int LEAVE_EPOCH = -1;
    private static final int STATIC_LEAVE_EPOCH = -2;

    private final ClientRuntime runtime;
    private final GroupSettings settings;
    private final String groupId;
    private final GroupCoordinatorLink coordinator;
    private final GroupOffsets offsets;
    private final SerialTasks tasks;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean leaving = new AtomicBoolean();
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final Sinks.Empty<Void> ended = Sinks.empty();
    private final TopicIds topicIds;
    private final ListenerCalls calls;
    private volatile Sinks.Empty<Void> nudges = Sinks.empty();
    private volatile @Nullable Subscription subscription;
    private volatile @Nullable RebalanceListener listener;
    private volatile String memberId;
    private volatile int epoch = JOIN_EPOCH;
    private volatile boolean joined;
    private volatile boolean joinSent;
    private volatile int incarnation;
    private volatile Duration interval;
    private volatile boolean sendFull = true;
    private volatile @Nullable Set<TopicPartition> reportedOwned;
    private volatile Set<TopicPartition> owned = Set.of();
    private volatile ConsumerGroupHeartbeatResponse.@Nullable Assignment target;
    private volatile boolean rejoinReady = true;
    private volatile boolean leaveReady;
    private volatile boolean stopped;
    private volatile boolean paused;
    private volatile @Nullable Throwable fatal;

    /** A member of {@code settings.groupId()}; does nothing before {@link #start}. */
    public ConsumerProtocolMember(ClientRuntime runtime, GroupSettings settings) {
        this.runtime = requireNonNull(runtime, "runtime");
        this.settings = requireNonNull(settings, "settings");
        this.groupId = settings.groupId();
        this.coordinator = new GroupCoordinatorLink(runtime, groupId);
        this.offsets = new GroupOffsets(coordinator, settings.groupInstanceId());
        this.tasks = new SerialTasks("the consumer-protocol member of group " + groupId);
        this.topicIds = new TopicIds(runtime);
        this.calls = new ListenerCalls(groupId, () -> requireNonNull(listener, "listener"));
        this.memberId = newMemberId();
        this.interval = settings.heartbeatInterval();
    }

    @Override
    public void start(Subscription subscription, RebalanceListener listener) {
        requireNonNull(subscription, "subscription");
        requireNonNull(listener, "listener");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("The member of group " + groupId + " was already started");
        }
        this.subscription = subscription;
        this.listener = listener;
        Mono.defer(this::beat)
            .flatMap(this::pause)
            .repeat(() -> !stopped)
            .doFinally(signal -> ended.tryEmitEmpty())
            .subscribe(null, e -> {
                LOG.error("Heartbeats of group {} stopped", groupId, e);
                calls.failed(e);
            });
    }

    @Override
    public Set<TopicPartition> assignment() {
        return owned;
    }

    @Override
    public Mono<Void> commit(Map<TopicPartition, Long> offsets) {
        requireNonNull(offsets, "offsets");
        return Mono.defer(() -> {
            Throwable failed = fatal;
            return failed != null ? Mono.error(failed) : this.offsets.commit(offsets, this::committer);
        });
    }

    @Override
    public Mono<Map<TopicPartition, Long>> committed(Set<TopicPartition> partitions) {
        requireNonNull(partitions, "partitions");
        return offsets.committed(partitions, () -> joined && epoch > 0 ? committer() : null);
    }

    @Override
    public Mono<Void> leave() {
        return Mono.defer(() -> {
            if (!started.get()) {
                return Mono.empty();
            }
            if (leaving.compareAndSet(false, true)) {
                tasks.post(this::prepareLeave);
            }
            return ended.asMono();
        });
    }

    @Override
    public String memberId() {
        return joined ? memberId : "";
    }

    @Override
    public int generation() {
        return joined ? epoch : -1;
    }

    /** For tests: stops heartbeating without telling the coordinator (a stuck process), or resumes. */
    void pauseHeartbeats(boolean pause) {
        this.paused = pause;
    }

    private GroupOffsets.Committer committer() {
        return joined && epoch > 0 ? new GroupOffsets.Committer(memberId, epoch) : GroupOffsets.Committer.NONE;
    }

    // ---- heartbeat loop ------------------------------------------------------------------------------------------

    /** Sends the next heartbeat if one is due; emits how long to wait before the next. */
    private Mono<Duration> beat() {
        if (leaveReady) {
            return sendLeave().then(Mono.fromRunnable(() -> stopped = true)).thenReturn(Duration.ZERO);
        }
        if (fatal != null || !rejoinReady || paused) {
            return Mono.just(interval);
        }
        int sentEpoch = epoch;
        int sentIncarnation = incarnation;
        joinSent = true;
        boolean full = sentEpoch == JOIN_EPOCH || sendFull;
        Set<TopicPartition> current = owned;
        Set<TopicPartition> report = sentEpoch == JOIN_EPOCH ? Set.of()
            : full || !current.equals(reportedOwned) ? current : null;
        return coordinator.send(ApiKey.CONSUMER_GROUP_HEARTBEAT, v -> request(v, sentEpoch, full, report),
                ConsumerGroupHeartbeatResponse.class)
            .map(response -> onAnswer(response, sentIncarnation, report))
            .onErrorResume(e -> {
                sendFull = true;
                if (e instanceof ApiException api && GroupReaction.of(api) == GroupReaction.FATAL) {
                    fail(api);
                } else {
                    LOG.debug("Heartbeat of group {} failed: {}", groupId, e.toString());
                }
                return Mono.just(runtime.options().retryBackoff());
            });
    }

    private ConsumerGroupHeartbeatRequest request(int version, int sentEpoch, boolean full,
                                                  @Nullable Set<TopicPartition> report) {
        boolean joining = sentEpoch == JOIN_EPOCH;
        ConsumerGroupHeartbeatRequest request = new ConsumerGroupHeartbeatRequest()
            .groupId(groupId)
            .memberId(version == 0 && joining && !joined ? "" : memberId)
            .memberEpoch(sentEpoch)
            .instanceId(settings.groupInstanceId());
        if (full) {
            request.rebalanceTimeoutMs((int) Math.min(Integer.MAX_VALUE, settings.rebalanceTimeout().toMillis()))
                .rackId(settings.rackId())
                .serverAssignor(settings.remoteAssignor());
            Subscription s = requireNonNull(subscription, "subscription");
            if (s instanceof Subscription.Matching matching) {
                if (version < 1) {
                    throw ErrorCode.UNSUPPORTED_VERSION.exception("A pattern subscription with group.protocol="
                        + "consumer needs ConsumerGroupHeartbeat v1; the coordinator speaks v" + version);
                }
                request.subscribedTopicRegex(matching.pattern().pattern());
            } else {
                request.subscribedTopicNames(((Subscription.Topics) s).topics().stream().sorted().toList());
            }
        }
        if (report != null) {
            request.topicPartitions(topicIds.toRequest(report));
        }
        return request;
    }

    private Duration onAnswer(ConsumerGroupHeartbeatResponse response, int sentIncarnation,
                              @Nullable Set<TopicPartition> report) {
        ErrorCode error = ErrorCode.forCode(response.errorCode());
        if (error == ErrorCode.NONE) {
            if (sentIncarnation != incarnation) {
                return Duration.ZERO;
            }
            if (response.memberId() != null && !response.memberId().isEmpty()) {
                memberId = response.memberId();
            }
            if (response.heartbeatIntervalMs() > 0) {
                interval = Duration.ofMillis(response.heartbeatIntervalMs());
            }
            epoch = response.memberEpoch();
            joined = true;
            sendFull = false;
            if (report != null) {
                reportedOwned = report;
            }
            if (response.assignment() != null) {
                target = response.assignment();
                tasks.post(() -> reconcile(sentIncarnation));
            }
            return interval;
        }
        coordinator.onError(error);
        if (error == ErrorCode.FENCED_MEMBER_EPOCH || error == ErrorCode.UNKNOWN_MEMBER_ID) {
            if (sentIncarnation == incarnation) {
                fence(error);
            }
            return Duration.ZERO;
        }
        ApiException failure = Failures.of(response.errorCode(), response.errorMessage(),
            "ConsumerGroupHeartbeat of group " + groupId);
        sendFull = true;
        if (error.retriable()) {
            LOG.debug("{}; trying again", failure.getMessage());
            return runtime.options().retryBackoff();
        }
        fail(failure);
        return interval;
    }

    /** Waits {@code delay}, or less when nudged (an acknowledgement or a rejoin is due). */
    private Mono<Void> pause(Duration delay) {
        Sinks.Empty<Void> signal = Sinks.empty();
        nudges = signal;
        if (nudged.getAndSet(false) || stopped || delay.isZero()) {
            return Mono.empty();
        }
        return Mono.firstWithSignal(Mono.delay(delay, GroupTimers.SCHEDULER).then(), signal.asMono());
    }

    private void nudge() {
        nudged.set(true);
        nudges.tryEmitEmpty();
    }

    private Mono<Void> sendLeave() {
        if (!joined && !joinSent) {
            return Mono.empty();
        }
        int leaveEpoch = settings.groupInstanceId() == null ? LEAVE_EPOCH : STATIC_LEAVE_EPOCH;
        return coordinator.send(ApiKey.CONSUMER_GROUP_HEARTBEAT, v -> new ConsumerGroupHeartbeatRequest()
                    .groupId(groupId)
                    .memberId(memberId)
                    .memberEpoch(leaveEpoch)
                    .instanceId(settings.groupInstanceId()),
                ConsumerGroupHeartbeatResponse.class)
            .doOnNext(r -> LOG.info("Group {}: member {} left with epoch {} ({})", groupId, memberId, leaveEpoch,
                ErrorCode.forCode(r.errorCode())))
            .onErrorResume(e -> {
                LOG.info("Group {}: member {} could not leave: {}", groupId, memberId, e.toString());
                return Mono.empty();
            })
            .doFinally(signal -> {
                joined = false;
                epoch = JOIN_EPOCH;
            })
            .then();
    }

    // ---- membership changes (serial tasks) ----------------------------------------------------------------------

    /** Called from the heartbeat loop: the coordinator forgot this member; lose everything, then rejoin. */
    private void fence(ErrorCode error) {
        LOG.info("Group {}: member {} was fenced ({}); rejoining", groupId, memberId, error);
        incarnation++;
        epoch = JOIN_EPOCH;
        rejoinReady = false;
        sendFull = true;
        reportedOwned = null;
        target = null;
        tasks.post(() -> Mono.fromRunnable(() -> {
            loseAll();
            rejoinReady = true;
            nudge();
        }));
    }

    /** Called from the heartbeat loop: the member cannot go on; lose everything and stop. */
    private void fail(ApiException failure) {
        if (fatal != null) {
            return;
        }
        LOG.error("Group {}: member {} cannot go on", groupId, memberId, failure);
        fatal = failure;
        incarnation++;
        tasks.post(() -> Mono.fromRunnable(() -> {
            loseAll();
            stopped = true;
            nudge();
            calls.failed(failure);
        }));
    }

    private void loseAll() {
        Set<TopicPartition> lost = owned;
        owned = Set.of();
        if (!lost.isEmpty()) {
            LOG.info("Group {}: member {} lost {}", groupId, memberId, lost);
            calls.lost(lost);
        }
    }

    /** Moves the owned partitions towards the latest target: revokes first, then takes the new ones. */
    private Mono<Void> reconcile(int forIncarnation) {
        ConsumerGroupHeartbeatResponse.Assignment wanted = target;
        if (wanted == null || forIncarnation != incarnation || leaving.get() || fatal != null) {
            return Mono.empty();
        }
        return topicIds.resolve(wanted).flatMap(resolved -> {
            if (forIncarnation != incarnation || leaving.get()) {
                return Mono.empty();
            }
            if (!resolved.complete()) {
                retryReconcileLater(forIncarnation);
            }
            Set<TopicPartition> revoked = PartitionSets.minus(owned, resolved.partitions());
            Set<TopicPartition> added = PartitionSets.minus(resolved.partitions(), owned);
            if (revoked.isEmpty() && added.isEmpty()) {
                return Mono.empty();
            }
            return revoke(revoked).then(Mono.fromRunnable(() -> {
                if (forIncarnation != incarnation) {
                    return;
                }
                owned = PartitionSets.union(owned, added);
                LOG.info("Group {} epoch {}: member {} owns {} (added {}, revoked {})", groupId, epoch, memberId,
                    owned, added, revoked);
                calls.assigned(added, owned);
                nudge();
            }));
        });
    }

    private void retryReconcileLater(int forIncarnation) {
        Mono.delay(runtime.options().retryBackoffMax(), GroupTimers.SCHEDULER)
            .subscribe(t -> tasks.post(() -> reconcile(forIncarnation)));
    }

    private Mono<Void> revoke(Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Mono.empty();
        }
        return calls.revoked(partitions).then(Mono.fromRunnable(() -> {
            owned = PartitionSets.minus(owned, partitions);
            nudge();
        }));
    }

    private Mono<Void> prepareLeave() {
        Mono<Void> release = fatal != null ? Mono.empty() : revoke(owned);
        return release.then(Mono.fromRunnable(() -> {
            leaveReady = true;
            nudge();
        }));
    }

    /**
     * A random member id in Kafka's format: 16 random bytes, URL-safe base64 without padding. Not from a UUID: its
     * SecureRandom may read the OS's entropy source, which blocks, and this may run on an event loop.
     */
    private static String newMemberId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] bytes = ByteBuffer.allocate(16).putLong(random.nextLong()).putLong(random.nextLong()).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
