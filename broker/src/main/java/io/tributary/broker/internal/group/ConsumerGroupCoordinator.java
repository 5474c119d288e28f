package io.tributary.broker.internal.group;

import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ConsumerGroupDescribeResponse;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequest;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The consumer-protocol (KIP-848) side of the group coordinator: the {@link ConsumerGroup}s of this broker, their
 * heartbeats ({@link ConsumerHeartbeats}), session and revocation deadlines, and what the classic side asks about
 * them (offset commit validation, listing, deletion). Group ids are shared with classic groups: the
 * {@link GroupCoordinator} keeps committed offsets for both kinds and asks this class before it lets a classic
 * member into an id a consumer group uses. Records are handed to the {@link GroupStore} under the group's monitor,
 * so they are written in order; a heartbeat is answered once its records are durable.
 *
 * <p>Thread-safe.
 */
public final class ConsumerGroupCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupCoordinator.class);

    private final ConsumerGroupConfig config;
    private final GroupStore store;
    private final LongSupplier clock;
    private final ConsumerHeartbeats heartbeats;
    private final TopicsView topics;
    private final Map<String, ConsumerGroup> groups = new ConcurrentHashMap<>();

    ConsumerGroupCoordinator(ConsumerGroupConfig config, GroupStore store, LongSupplier clock, TopicsView topics) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.heartbeats = new ConsumerHeartbeats(config, topics);
        this.topics = topics;
    }

    public ConsumerGroupConfig config() {
        return config;
    }

    /**
     * ConsumerGroupHeartbeat, after the coordinator-wide checks (loading, group id).
     *
     * @param classicInUse whether a classic group with members holds a group id (it then is no consumer group)
     */
    public Mono<ConsumerGroupHeartbeatResponse> heartbeat(ConsumerGroupHeartbeatRequest request, short version,
                                                          String clientId, String clientHost,
                                                          Predicate<String> classicInUse) {
        try {
            heartbeats.validate(request, version);
            return heartbeatValid(request, clientId, clientHost, classicInUse);
        } catch (ApiException e) {
            return Mono.just(error(e.error(), e.getMessage()));
        }
    }

    private Mono<ConsumerGroupHeartbeatResponse> heartbeatValid(ConsumerGroupHeartbeatRequest r, String clientId,
                                                                String clientHost, Predicate<String> classicInUse) {
        boolean leaving = r.memberEpoch() < 0;
        while (true) {
            ConsumerGroup group = groups.get(r.groupId());
            if (group == null) {
                if (r.memberEpoch() != 0) {
                    throw ErrorCode.GROUP_ID_NOT_FOUND.exception("Consumer group " + r.groupId() + " not found.");
                }
                if (classicInUse.test(r.groupId())) {
                    throw ErrorCode.GROUP_ID_NOT_FOUND.exception("Group " + r.groupId()
                        + " is not a consumer group.");
                }
                group = new ConsumerGroup(r.groupId());
                synchronized (group) {
                    ConsumerHeartbeats.Outcome outcome = heartbeats.heartbeat(group, r, clientId, clientHost,
                        clock.getAsLong());
                    if (groups.putIfAbsent(r.groupId(), group) == null) {
                        return write(group, outcome.records(), outcome.response());
                    }
                }
                continue;
            }
            synchronized (group) {
                if (group.isDeleted()) {
                    continue;
                }
                ConsumerHeartbeats.Outcome outcome = leaving ? heartbeats.leave(group, r)
                    : heartbeats.heartbeat(group, r, clientId, clientHost, clock.getAsLong());
                return write(group, outcome.records(), outcome.response());
            }
        }
    }

    /** Fences members whose session or revocation time ran out. */
    void tick(long now) {
        for (ConsumerGroup group : groups.values()) {
            synchronized (group) {
                try {
                    List<ConsumerGroupRecord> records = heartbeats.expire(group, now);
                    write(group, records, null);
                } catch (RuntimeException e) {
                    LOG.error("Group {}: timer failed", group.groupId(), e);
                }
            }
        }
    }

    /** Installs groups rebuilt from their records, giving every member a full session from now. */
    void restore(Map<String, List<ConsumerGroupRecord>> records, long now) {
        records.forEach((id, list) -> {
            ConsumerGroup group = new ConsumerGroup(id);
            list.forEach(group::apply);
            if (group.isDeleted()) {
                return;
            }
            for (ConsumerGroupMember m : group.members()) {
                group.sessionDeadline(m.memberId(), now + config.sessionTimeoutMs());
                if (m.assignment().state() == MemberState.UNREVOKED_PARTITIONS) {
                    group.rebalanceDeadline(m.memberId(), new ConsumerGroup.RebalanceDeadline(m.memberEpoch(),
                        now + m.metadata().rebalanceTimeoutMs()));
                }
            }
            groups.put(id, group);
        });
        if (!groups.isEmpty()) {
            LOG.info("Loaded {} consumer groups", groups.size());
        }
    }

    // ---------------------------------------------------------------- what the classic side asks

    /** Whether a consumer group uses the id. */
    public boolean exists(String groupId) {
        return groups.containsKey(groupId);
    }

    /** Whether a consumer group with members uses the id. */
    public boolean hasMembers(String groupId) {
        ConsumerGroup g = groups.get(groupId);
        if (g == null) {
            return false;
        }
        synchronized (g) {
            return !g.isEmpty();
        }
    }

    /**
     * Checks an OffsetCommit against the consumer group of the id: null when there is none (the classic rules
     * apply), NONE when the commit may go ahead; UNKNOWN_MEMBER_ID, STALE_MEMBER_EPOCH or UNSUPPORTED_VERSION
     * (a consumer-protocol member committing below v9) otherwise. Epoch -1 may commit to an empty group.
     */
    @Nullable ErrorCode validateCommit(String groupId, String memberId, int memberEpoch, short version) {
        ConsumerGroup g = groups.get(groupId);
        if (g == null) {
            return null;
        }
        synchronized (g) {
            if (memberEpoch < 0 && g.isEmpty()) {
                return ErrorCode.NONE;
            }
            ConsumerGroupMember m = g.member(memberId);
            if (m == null) {
                return ErrorCode.UNKNOWN_MEMBER_ID;
            }
            if (version < 9) {
                return ErrorCode.UNSUPPORTED_VERSION;
            }
            return m.memberEpoch() == memberEpoch ? ErrorCode.NONE : ErrorCode.STALE_MEMBER_EPOCH;
        }
    }

    /**
     * Checks an OffsetFetch (v9) naming a member: NONE, UNKNOWN_MEMBER_ID or STALE_MEMBER_EPOCH; NONE when no member
     * is named or no consumer group uses the id.
     */
    public ErrorCode validateFetch(String groupId, @Nullable String memberId, int memberEpoch) {
        ConsumerGroup g = groups.get(groupId);
        if (g == null || (memberId == null && memberEpoch < 0)) {
            return ErrorCode.NONE;
        }
        synchronized (g) {
            ConsumerGroupMember m = memberId == null ? null : g.member(memberId);
            if (m == null) {
                return ErrorCode.UNKNOWN_MEMBER_ID;
            }
            return m.memberEpoch() == memberEpoch ? ErrorCode.NONE : ErrorCode.STALE_MEMBER_EPOCH;
        }
    }

    /** The topics the members of the id's consumer group subscribe to now (empty when it has none), or null. */
    @Nullable Set<String> subscribedTopics(String groupId) {
        ConsumerGroup g = groups.get(groupId);
        if (g == null) {
            return null;
        }
        synchronized (g) {
            Set<String> out = new TreeSet<>();
            g.members().forEach(m -> out.addAll(heartbeats.topicNames(m.metadata())));
            return out;
        }
    }

    /**
     * Deletes the id's consumer group if it has no members (DeleteGroups, a classic group taking over the id, or
     * expiry): NONE once its tombstones are written, NON_EMPTY_GROUP, or null when there is no consumer group.
     */
    @Nullable Mono<ErrorCode> deleteIfEmpty(String groupId) {
        ConsumerGroup g = groups.get(groupId);
        if (g == null) {
            return null;
        }
        synchronized (g) {
            if (g.isDeleted()) {
                return null;
            }
            if (!g.isEmpty()) {
                return Mono.just(ErrorCode.NON_EMPTY_GROUP);
            }
            List<ConsumerGroupRecord> records = heartbeats.delete(g);
            groups.remove(groupId, g);
            LOG.info("Consumer group {} deleted", groupId);
            return write(g, records, ErrorCode.NONE);
        }
    }

    /** Deletes empty consumer groups that have no committed offsets left (Kafka's group clean-up). */
    void deleteEmptyWithoutOffsets(Predicate<String> hasOffsets) {
        for (ConsumerGroup g : new ArrayList<>(groups.values())) {
            if (!hasOffsets.test(g.groupId()) && !hasMembers(g.groupId())) {
                Mono<ErrorCode> done = deleteIfEmpty(g.groupId());
                if (done != null) {
                    done.subscribe();
                }
            }
        }
    }

    // ---------------------------------------------------------------- views

    /**
     * One consumer group as ListGroups shows it.
     *
     * @param groupId the group
     * @param state   its state
     */
    public record Listed(String groupId, ConsumerGroupState state) {
    }

    /** Every consumer group. */
    public List<Listed> list() {
        List<Listed> out = new ArrayList<>();
        for (ConsumerGroup g : groups.values()) {
            synchronized (g) {
                if (!g.isDeleted()) {
                    out.add(new Listed(g.groupId(), g.state()));
                }
            }
        }
        return out;
    }

    /** What ConsumerGroupDescribe shows about the id's consumer group, or null when there is none. */
    public ConsumerGroupDescribeResponse.@Nullable DescribedGroup describe(String groupId) {
        ConsumerGroup g = groups.get(groupId);
        if (g == null) {
            return null;
        }
        synchronized (g) {
            return g.isDeleted() ? null
                : ConsumerGroupDescriptions.of(g, g.preferredAssignor(config.assignors().get(0)), topics);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private <T> Mono<T> write(ConsumerGroup group, List<ConsumerGroupRecord> records, @Nullable T answer) {
        if (records.isEmpty()) {
            return answer == null ? Mono.empty() : Mono.just(answer);
        }
        Sinks.One<T> sink = Sinks.one();
        store.write(group.groupId(), new ArrayList<>(records), failure -> {
            if (failure != null) {
                LOG.error("Group {}: cannot write {} records", group.groupId(), records.size(), failure);
            }
            if (answer != null) {
                sink.tryEmitValue(failure == null ? answer : failed(answer));
            }
        });
        return sink.asMono();
    }

    @SuppressWarnings("unchecked")
    private static <T> T failed(T answer) {
        if (answer instanceof ConsumerGroupHeartbeatResponse) {
            return (T) error(ErrorCode.COORDINATOR_NOT_AVAILABLE, "The group's records could not be written.");
        }
        return answer instanceof ErrorCode ? (T) ErrorCode.COORDINATOR_NOT_AVAILABLE : answer;
    }

    static ConsumerGroupHeartbeatResponse error(ErrorCode error, @Nullable String message) {
        return new ConsumerGroupHeartbeatResponse().errorCode(error.code()).errorMessage(message);
    }
}
