package io.tributary.broker.internal.group;

import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One classic group (PROTOCOL.md 5.6): its membership protocol ({@link GroupStateMachine}, {@link JoinPhase}) and its
 * committed offsets, behind one lock. It never blocks and never reads a clock: every operation takes {@code now},
 * and {@link #tick(long)} fires the deadlines that have passed (end of the join phase, initial delay, missing
 * SyncGroups, expired sessions and unused member ids). Parked JoinGroup and SyncGroup requests are callbacks,
 * completed when the state machine decides.
 *
 * <p>Thread-safe: every operation runs under the group's lock. Callbacks run after the lock is released, on the
 * thread of the operation that completed them. Records go to the {@link GroupStore} under the lock, so they are
 * written in the order of the changes; offsets become visible once written.
 */
public final class ClassicGroup {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicGroup.class);

    private final String groupId;
    private final GroupStore store;
    private final GroupStateMachine machine;
    private final JoinPhase joins;
    private final Map<TopicPartition, CommittedOffset> offsets = new HashMap<>();
    /** Offsets written by open transactions, per producer id: visible once the transaction commits. */
    private final Map<Long, Map<TopicPartition, CommittedOffset>> pendingTxnOffsets = new HashMap<>();
    private final List<Runnable> outbox = new ArrayList<>();
    private int depth;

    /** A new, empty group. */
    public ClassicGroup(String groupId, GroupConfig config, GroupStore store, long now) {
        this.groupId = groupId;
        this.store = store;
        this.machine = new GroupStateMachine(groupId, config, now, outbox::add, this::persist);
        this.joins = new JoinPhase(machine);
    }

    /**
     * A group reloaded from {@code __consumer_offsets}: Stable with its stored members (each of which must
     * heartbeat within its session timeout from {@code now}), or Empty.
     */
    public static ClassicGroup restore(String groupId, GroupConfig config, GroupStore store,
                                       @Nullable GroupSnapshot snapshot, Map<TopicPartition, CommittedOffset> offsets,
                                       long now) {
        return restore(groupId, config, store, snapshot, offsets, Map.of(), now);
    }

    /** As the other {@code restore}, with the offsets of transactions still open, per producer id. */
    public static ClassicGroup restore(String groupId, GroupConfig config, GroupStore store,
                                       @Nullable GroupSnapshot snapshot, Map<TopicPartition, CommittedOffset> offsets,
                                       Map<Long, Map<TopicPartition, CommittedOffset>> pendingTxnOffsets, long now) {
        ClassicGroup g = new ClassicGroup(groupId, config, store, now);
        g.offsets.putAll(offsets);
        pendingTxnOffsets.forEach((producerId, o) -> g.pendingTxnOffsets.put(producerId, new HashMap<>(o)));
        g.machine.restore(snapshot, now);
        return g;
    }

    public String groupId() {
        return groupId;
    }

    public synchronized GroupState state() {
        return machine.state();
    }

    public synchronized int generationId() {
        return machine.generationId();
    }

    // ---------------------------------------------------------------- membership

    /**
     * JoinGroup. The callback runs once: at once for errors, MEMBER_ID_REQUIRED and rejoins that change nothing,
     * otherwise when the join phase ends (from this call, another member's call or {@link #tick}).
     */
    public void join(JoinParams p, long now, Consumer<JoinResult> callback) {
        locked(() -> joins.join(p, now, callback));
    }

    /**
     * SyncGroup. The leader's call (with the assignments) completes every parked SyncGroup; a follower's call
     * waits for it, or for a rebalance that answers REBALANCE_IN_PROGRESS.
     */
    public void sync(String memberId, @Nullable String groupInstanceId, int generation, @Nullable String protocolType,
                     @Nullable String protocol, Map<String, byte[]> assignments, long now,
                     Consumer<SyncResult> callback) {
        locked(() -> machine.sync(memberId, groupInstanceId, generation, protocolType, protocol, assignments, now,
            callback));
    }

    /** Heartbeat: NONE, REBALANCE_IN_PROGRESS (rejoin), or why the member is not part of the generation. */
    public ErrorCode heartbeat(String memberId, @Nullable String groupInstanceId, int generation, long now) {
        return lockedGet(() -> {
            ErrorCode result = machine.heartbeat(memberId, groupInstanceId, generation, now);
            machine.afterRequest(now);
            return result;
        });
    }

    /**
     * A member identified for LeaveGroup: by member id, or (member id empty) by static instance id alone.
     *
     * @param memberId        the member id, or empty
     * @param groupInstanceId the static instance id, or null
     */
    public record LeavingMember(String memberId, @Nullable String groupInstanceId) {
    }

    /** LeaveGroup: removes the members and rebalances; one error per member, in order. */
    public List<ErrorCode> leave(List<LeavingMember> leaving, long now) {
        return lockedGet(() -> machine.leave(leaving, now));
    }

    /** Fires the deadlines that have passed by {@code now}. */
    public void tick(long now) {
        locked(() -> machine.tick(now));
    }

    // ---------------------------------------------------------------- offsets

    /**
     * Checks whether a member (or, with generation -1 and no member id, a simple client) may commit offsets now:
     * NONE, UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID, ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS or
     * COORDINATOR_NOT_AVAILABLE.
     */
    public synchronized ErrorCode validateOffsetCommit(String memberId, @Nullable String groupInstanceId,
                                                       int generation) {
        return machine.validateOffsetCommit(memberId, groupInstanceId, generation);
    }

    /**
     * Commits offsets once they are written: validates as {@link #validateOffsetCommit}, writes them, makes them
     * visible, then calls back with NONE (or the validation error, or COORDINATOR_NOT_AVAILABLE if the write
     * failed).
     */
    public void commitOffsets(String memberId, @Nullable String groupInstanceId, int generation,
                              Map<TopicPartition, CommittedOffset> commits, Consumer<ErrorCode> callback) {
        locked(() -> {
            ErrorCode error = machine.validateOffsetCommit(memberId, groupInstanceId, generation);
            if (error != ErrorCode.NONE || commits.isEmpty()) {
                later(callback, error);
                return;
            }
            List<CoordinatorRecord> records = new ArrayList<>();
            commits.forEach((tp, o) -> records.add(new CoordinatorRecord.Offset(groupId, tp, o)));
            store.write(groupId, records, failure -> locked(() -> {
                if (failure == null && machine.state() != GroupState.DEAD) {
                    offsets.putAll(commits);
                }
                later(callback, failure == null ? ErrorCode.NONE : ErrorCode.COORDINATOR_NOT_AVAILABLE);
            }));
        });
    }

    /**
     * TxnOffsetCommit: validates the member (generation -1 always passes), writes the offsets as part of the
     * producer's transaction and keeps them pending until {@link #completeTransaction}; calls back with NONE, the
     * validation error, the store's error (a fenced producer) or COORDINATOR_NOT_AVAILABLE.
     */
    public void commitTransactionalOffsets(String memberId, @Nullable String groupInstanceId, int generation,
                                           long producerId, short producerEpoch,
                                           Map<TopicPartition, CommittedOffset> commits, Consumer<ErrorCode> callback) {
        locked(() -> {
            ErrorCode error = machine.validateTxnOffsetCommit(memberId, groupInstanceId, generation);
            if (error != ErrorCode.NONE || commits.isEmpty()) {
                later(callback, error);
                return;
            }
            List<CoordinatorRecord> records = new ArrayList<>();
            commits.forEach((tp, o) -> records.add(new CoordinatorRecord.Offset(groupId, tp, o)));
            store.writeTransactional(groupId, producerId, producerEpoch, records, failure -> locked(() -> {
                if (failure == null && machine.state() != GroupState.DEAD) {
                    pendingTxnOffsets.computeIfAbsent(producerId, id -> new HashMap<>()).putAll(commits);
                }
                later(callback, failure == null ? ErrorCode.NONE : failure instanceof ApiException a ? a.error()
                    : ErrorCode.COORDINATOR_NOT_AVAILABLE);
            }));
        });
    }

    /** The producer's transaction ended: its pending offsets become committed, or are dropped on abort. */
    public void completeTransaction(long producerId, boolean commit) {
        locked(() -> {
            Map<TopicPartition, CommittedOffset> pending = pendingTxnOffsets.remove(producerId);
            if (commit && pending != null && machine.state() != GroupState.DEAD) {
                offsets.putAll(pending);
            }
        });
    }

    /** Whether an open transaction has written an offset for {@code tp} (OffsetFetch with RequireStable). */
    public synchronized boolean hasPendingTxnOffset(TopicPartition tp) {
        for (Map<TopicPartition, CommittedOffset> pending : pendingTxnOffsets.values()) {
            if (pending.containsKey(tp)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an open transaction has written offsets of this group. */
    public synchronized boolean hasPendingTxnOffsets() {
        return !pendingTxnOffsets.isEmpty();
    }

    /** The committed offset of a partition, or null. */
    public synchronized @Nullable CommittedOffset offset(TopicPartition tp) {
        return offsets.get(tp);
    }

    /** A copy of every committed offset. */
    public synchronized Map<TopicPartition, CommittedOffset> offsets() {
        return new HashMap<>(offsets);
    }

    /**
     * The answer to OffsetDelete.
     *
     * @param error      the group-level error (GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP) or NONE
     * @param partitions per partition: NONE or GROUP_SUBSCRIBED_TO_TOPIC
     */
    public record OffsetDeleteResult(ErrorCode error, Map<TopicPartition, ErrorCode> partitions) {
    }

    /**
     * OffsetDelete: removes the offsets of partitions whose topic no member subscribes to, writing tombstones, and
     * calls back once they are written.
     */
    public void deleteOffsets(List<TopicPartition> partitions, Consumer<OffsetDeleteResult> callback) {
        locked(() -> {
            GroupState state = machine.state();
            if (state == GroupState.DEAD) {
                later(callback, new OffsetDeleteResult(ErrorCode.GROUP_ID_NOT_FOUND, Map.of()));
                return;
            }
            if (state != GroupState.EMPTY && !"consumer".equals(machine.protocolType())) {
                later(callback, new OffsetDeleteResult(ErrorCode.NON_EMPTY_GROUP, Map.of()));
                return;
            }
            Set<String> subscribed = state == GroupState.EMPTY ? null : machine.subscribedTopics();
            Map<TopicPartition, ErrorCode> result = new HashMap<>();
            List<CoordinatorRecord> tombstones = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                if (subscribed != null && subscribed.contains(tp.topic())) {
                    result.put(tp, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC);
                } else {
                    result.put(tp, ErrorCode.NONE);
                    if (offsets.remove(tp) != null) {
                        tombstones.add(new CoordinatorRecord.Offset(groupId, tp, null));
                    }
                }
            }
            writeThen(tombstones, () -> callback.accept(new OffsetDeleteResult(ErrorCode.NONE, result)));
        });
    }

    /**
     * DeleteGroups for this group: NON_EMPTY_GROUP while it has members, GROUP_ID_NOT_FOUND if already dead;
     * otherwise the group becomes Dead and its offsets and metadata are tombstoned, then the callback gets NONE.
     */
    public void delete(long now, Consumer<ErrorCode> callback) {
        locked(() -> {
            if (machine.state() == GroupState.DEAD) {
                later(callback, ErrorCode.GROUP_ID_NOT_FOUND);
            } else if (machine.state() != GroupState.EMPTY) {
                later(callback, ErrorCode.NON_EMPTY_GROUP);
            } else {
                writeThen(killLocked(now), () -> callback.accept(ErrorCode.NONE));
            }
        });
    }

    /**
     * Expires the offsets of an Empty group that are older than the retention (counted from when the group became
     * empty, or from the commit for groups that never had a protocol type); a group left without offsets becomes
     * Dead.
     *
     * @return whether the group is now Dead
     */
    public boolean expireOffsets(long now, long retentionMs) {
        return lockedGet(() -> {
            if (machine.state() != GroupState.EMPTY) {
                return machine.state() == GroupState.DEAD;
            }
            boolean byStateTime = machine.protocolType() != null;
            List<CoordinatorRecord> records = new ArrayList<>();
            offsets.entrySet().removeIf(e -> {
                long base = byStateTime ? machine.stateTimestamp() : e.getValue().commitTimestamp();
                boolean expired = now - base >= retentionMs;
                if (expired) {
                    records.add(new CoordinatorRecord.Offset(groupId, e.getKey(), null));
                }
                return expired;
            });
            if (offsets.isEmpty() && pendingTxnOffsets.isEmpty()) {
                records.addAll(killLocked(now));
            }
            writeThen(records, () -> { });
            return machine.state() == GroupState.DEAD;
        });
    }

    private List<CoordinatorRecord> killLocked(long now) {
        List<CoordinatorRecord> records = new ArrayList<>();
        offsets.keySet().forEach(tp -> records.add(new CoordinatorRecord.Offset(groupId, tp, null)));
        offsets.clear();
        records.add(new CoordinatorRecord.Group(groupId, null));
        machine.kill(now);
        return records;
    }

    // ---------------------------------------------------------------- views

    /** What DescribeGroups shows: members with metadata and assignment only while Stable. */
    public synchronized GroupDescription describe() {
        return machine.describe();
    }

    /** The group's metadata as persisted. */
    public synchronized GroupSnapshot snapshot() {
        return machine.snapshot();
    }

    // ---------------------------------------------------------------- plumbing

    private void persist() {
        store.write(groupId, List.of(new CoordinatorRecord.Group(groupId, machine.snapshot())), failure -> {
            if (failure != null) {
                LOG.error("Group {}: cannot store its metadata", groupId, failure);
            }
        });
    }

    private void writeThen(List<CoordinatorRecord> records, Runnable then) {
        if (records.isEmpty()) {
            outbox.add(then);
            return;
        }
        store.write(groupId, records, failure -> {
            if (failure != null) {
                LOG.error("Group {}: cannot write {} records", groupId, records.size(), failure);
            }
            locked(() -> outbox.add(then));
        });
    }

    /** Queues a callback to run once the outermost locked operation has released the lock. */
    private <T> void later(Consumer<T> callback, T value) {
        outbox.add(() -> callback.accept(value));
    }

    private void locked(Runnable action) {
        lockedGet(() -> {
            action.run();
            return null;
        });
    }

    private <T> T lockedGet(Supplier<T> action) {
        List<Runnable> ready;
        T result;
        synchronized (this) {
            depth++;
            try {
                result = action.get();
            } finally {
                depth--;
            }
            if (depth > 0 || outbox.isEmpty()) {
                return result;
            }
            ready = new ArrayList<>(outbox);
            outbox.clear();
        }
        for (Runnable r : ready) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("Group {}: a completion callback failed", groupId, e);
            }
        }
        return result;
    }
}
