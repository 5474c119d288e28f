package io.tributary.broker.internal.group;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One member of a {@link ClassicGroup}: its identity, protocols, timeouts, assignment, heartbeat deadline and the
 * callbacks of its parked JoinGroup and SyncGroup. Not thread-safe: owned by its group and only touched under the
 * group's lock.
 */
final class GroupMember {
    static final byte[] EMPTY = new byte[0];

    private final String memberId;
    private final @Nullable String groupInstanceId;
    private final String clientId;
    private final String clientHost;
    private final String protocolType;
    private int rebalanceTimeoutMs;
    private int sessionTimeoutMs;
    private List<JoinParams.Protocol> protocols;
    private byte[] assignment = EMPTY;
    private @Nullable Consumer<JoinResult> joinWaiter;
    private @Nullable Consumer<SyncResult> syncWaiter;
    private boolean isNew;
    private long heartbeatDeadline = Long.MAX_VALUE;

    GroupMember(String memberId, @Nullable String groupInstanceId, String clientId, String clientHost,
                String protocolType, int rebalanceTimeoutMs, int sessionTimeoutMs,
                List<JoinParams.Protocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.protocolType = protocolType;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    /** The same member under a new id (static member replacement); waiters are not carried over. */
    GroupMember withId(String newMemberId) {
        GroupMember m = new GroupMember(newMemberId, groupInstanceId, clientId, clientHost, protocolType,
            rebalanceTimeoutMs, sessionTimeoutMs, protocols);
        m.assignment = assignment;
        m.isNew = isNew;
        return m;
    }

    String memberId() {
        return memberId;
    }

    @Nullable String groupInstanceId() {
        return groupInstanceId;
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    String clientId() {
        return clientId;
    }

    String clientHost() {
        return clientHost;
    }

    String protocolType() {
        return protocolType;
    }

    int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    List<JoinParams.Protocol> protocols() {
        return protocols;
    }

    void update(List<JoinParams.Protocol> newProtocols, int newRebalanceTimeoutMs, int newSessionTimeoutMs) {
        this.protocols = List.copyOf(newProtocols);
        this.rebalanceTimeoutMs = newRebalanceTimeoutMs;
        this.sessionTimeoutMs = newSessionTimeoutMs;
    }

    boolean supports(String protocol) {
        for (JoinParams.Protocol p : protocols) {
            if (p.name().equals(protocol)) {
                return true;
            }
        }
        return false;
    }

    /** The metadata for a protocol, empty if the member does not support it. */
    byte[] metadata(@Nullable String protocol) {
        for (JoinParams.Protocol p : protocols) {
            if (p.name().equals(protocol)) {
                return p.metadata();
            }
        }
        return EMPTY;
    }

    /** Whether {@code other} lists the same protocols, in the same order, with the same metadata. */
    boolean matches(List<JoinParams.Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            JoinParams.Protocol a = protocols.get(i);
            JoinParams.Protocol b = other.get(i);
            if (!a.name().equals(b.name()) || !Arrays.equals(a.metadata(), b.metadata())) {
                return false;
            }
        }
        return true;
    }

    /** The first of the member's protocols that is among {@code candidates}. */
    @Nullable String vote(Set<String> candidates) {
        for (JoinParams.Protocol p : protocols) {
            if (candidates.contains(p.name())) {
                return p.name();
            }
        }
        return null;
    }

    byte[] assignment() {
        return assignment;
    }

    void assignment(byte[] value) {
        this.assignment = value;
    }

    @Nullable Consumer<JoinResult> joinWaiter() {
        return joinWaiter;
    }

    void joinWaiter(@Nullable Consumer<JoinResult> waiter) {
        this.joinWaiter = waiter;
    }

    boolean isAwaitingJoin() {
        return joinWaiter != null;
    }

    @Nullable Consumer<SyncResult> syncWaiter() {
        return syncWaiter;
    }

    void syncWaiter(@Nullable Consumer<SyncResult> waiter) {
        this.syncWaiter = waiter;
    }

    boolean isAwaitingSync() {
        return syncWaiter != null;
    }

    boolean isNew() {
        return isNew;
    }

    void isNew(boolean value) {
        this.isNew = value;
    }

    long heartbeatDeadline() {
        return heartbeatDeadline;
    }

    void heartbeatDeadline(long deadline) {
        this.heartbeatDeadline = deadline;
    }

    /**
     * Whether the member needs no heartbeat now: members parked in a JoinGroup or SyncGroup are covered by the
     * rebalance timeouts, except new members, whose parked join may expire.
     */
    boolean hasSatisfiedHeartbeat() {
        return !isNew && (joinWaiter != null || syncWaiter != null);
    }
}
