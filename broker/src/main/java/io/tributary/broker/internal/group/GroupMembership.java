package io.tributary.broker.internal.group;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ConsumerProtocolSubscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The member bookkeeping of a {@link ClassicGroup}: members in join order, static instance ids, members that were
 * handed an id (MEMBER_ID_REQUIRED) but have not joined yet, members that owe a SyncGroup, the leader and the
 * protocol type, plus protocol selection. Not thread-safe: owned by its group and used under the group's lock.
 */
final class GroupMembership {
    private final Map<String, GroupMember> members = new LinkedHashMap<>();
    private final Map<String, String> staticMembers = new HashMap<>();
    private final Map<String, Long> pendingJoin = new HashMap<>();
    private final Set<String> pendingSync = new LinkedHashSet<>();
    private @Nullable String leaderId;
    private @Nullable String protocolType;

    @Nullable GroupMember get(String memberId) {
        return members.get(memberId);
    }

    Collection<GroupMember> all() {
        return members.values();
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    int size() {
        return members.size();
    }

    @Nullable String leaderId() {
        return leaderId;
    }

    void leaderId(@Nullable String id) {
        this.leaderId = id;
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    @Nullable String protocolType() {
        return protocolType;
    }

    void protocolType(@Nullable String type) {
        this.protocolType = type;
    }

    /** The member id currently holding a static instance id, or null. */
    @Nullable String staticMemberId(String groupInstanceId) {
        return staticMembers.get(groupInstanceId);
    }

    /** Adds a member; the first member sets the protocol type and the first one becomes leader. */
    void add(GroupMember member) {
        if (members.isEmpty()) {
            protocolType = member.protocolType();
        }
        members.put(member.memberId(), member);
        if (member.groupInstanceId() != null) {
            staticMembers.put(member.groupInstanceId(), member.memberId());
        }
        if (leaderId == null) {
            leaderId = member.memberId();
        }
        pendingJoin.remove(member.memberId());
    }

    /** Removes a member (or a pending one); a removed leader is replaced by the oldest remaining member. */
    @Nullable GroupMember remove(String memberId) {
        GroupMember removed = members.remove(memberId);
        if (removed != null && removed.groupInstanceId() != null
            && memberId.equals(staticMembers.get(removed.groupInstanceId()))) {
            staticMembers.remove(removed.groupInstanceId());
        }
        if (isLeader(memberId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
        pendingJoin.remove(memberId);
        pendingSync.remove(memberId);
        return removed;
    }

    /** Moves a static member to a new member id, keeping its place, assignment and leadership. */
    GroupMember replaceStatic(GroupMember old, String newMemberId) {
        GroupMember fresh = old.withId(newMemberId);
        members.remove(old.memberId());
        members.put(newMemberId, fresh);
        if (isLeader(old.memberId())) {
            leaderId = newMemberId;
        }
        staticMembers.put(fresh.groupInstanceId(), newMemberId);
        if (pendingSync.remove(old.memberId())) {
            pendingSync.add(newMemberId);
        }
        return fresh;
    }

    /** UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID (a replaced static member) or NONE. */
    ErrorCode validate(String memberId, @Nullable String groupInstanceId) {
        if (groupInstanceId != null) {
            String current = staticMembers.get(groupInstanceId);
            if (current == null) {
                return ErrorCode.UNKNOWN_MEMBER_ID;
            }
            return current.equals(memberId) ? ErrorCode.NONE : ErrorCode.FENCED_INSTANCE_ID;
        }
        return members.containsKey(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
    }

    void addPendingJoin(String memberId, long deadline) {
        pendingJoin.put(memberId, deadline);
    }

    boolean isPendingJoin(String memberId) {
        return pendingJoin.containsKey(memberId);
    }

    /** Removes the pending members whose deadline passed; returns whether any was removed. */
    boolean expirePendingJoins(long now) {
        return pendingJoin.values().removeIf(deadline -> deadline <= now);
    }

    Set<String> pendingSync() {
        return pendingSync;
    }

    /** Whether every member is parked in a JoinGroup and no member id handed out is still unused. */
    boolean hasAllMembersJoined() {
        for (GroupMember m : members.values()) {
            if (!m.isAwaitingJoin()) {
                return false;
            }
        }
        return pendingJoin.isEmpty();
    }

    /** The largest rebalance timeout of the members (0 without members). */
    int rebalanceTimeoutMs() {
        int max = 0;
        for (GroupMember m : members.values()) {
            max = Math.max(max, m.rebalanceTimeoutMs());
        }
        return max;
    }

    /**
     * Makes sure the leader is a member that rejoined, electing the first one that did if needed.
     *
     * @return false if no member rejoined
     */
    boolean electJoinedLeader() {
        GroupMember leader = leaderId == null ? null : members.get(leaderId);
        if (leader != null && leader.isAwaitingJoin()) {
            return true;
        }
        for (GroupMember m : members.values()) {
            if (m.isAwaitingJoin()) {
                leaderId = m.memberId();
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a member with this protocol type and these protocols may join: any non-empty type and protocol list
     * for an empty group, else the group's type and at least one protocol every member supports.
     */
    boolean supports(String type, List<JoinParams.Protocol> protocols) {
        if (members.isEmpty()) {
            return !type.isEmpty() && !protocols.isEmpty();
        }
        if (!type.equals(protocolType)) {
            return false;
        }
        Set<String> common = candidates();
        for (JoinParams.Protocol p : protocols) {
            if (common.contains(p.name())) {
                return true;
            }
        }
        return false;
    }

    /** The protocols every member supports. */
    Set<String> candidates() {
        Set<String> common = null;
        for (GroupMember m : members.values()) {
            Set<String> names = new LinkedHashSet<>();
            m.protocols().forEach(p -> names.add(p.name()));
            if (common == null) {
                common = names;
            } else {
                common.retainAll(names);
            }
        }
        return common == null ? Set.of() : common;
    }

    /**
     * Protocol selection by vote: each member votes for its most preferred protocol among those all members
     * support; the most votes win, ties going to the protocol that received its first vote earliest.
     *
     * @return the selected protocol, or null if the members have none in common
     */
    @Nullable String selectProtocol() {
        Set<String> candidates = candidates();
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (GroupMember m : members.values()) {
            String vote = m.vote(candidates);
            if (vote != null) {
                votes.merge(vote, 1, Integer::sum);
            }
        }
        String best = null;
        int bestVotes = 0;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > bestVotes) {
                best = e.getKey();
                bestVotes = e.getValue();
            }
        }
        return best;
    }

    /** The members with their metadata for {@code protocol}, as the leader's JoinGroup response lists them. */
    List<JoinResult.Member> joinedMembers(@Nullable String protocol) {
        List<JoinResult.Member> out = new ArrayList<>();
        for (GroupMember m : members.values()) {
            out.add(new JoinResult.Member(m.memberId(), m.groupInstanceId(), m.metadata(protocol)));
        }
        return out;
    }

    /** The group as DescribeGroups shows it: member metadata and assignments only while Stable. */
    GroupDescription describe(String groupId, GroupState state, @Nullable String protocol) {
        boolean stable = state == GroupState.STABLE;
        List<GroupDescription.Member> list = new ArrayList<>();
        for (GroupMember m : members.values()) {
            list.add(new GroupDescription.Member(m.memberId(), m.groupInstanceId(), m.clientId(), m.clientHost(),
                stable ? m.metadata(protocol) : GroupMember.EMPTY, stable ? m.assignment() : GroupMember.EMPTY));
        }
        return new GroupDescription(groupId, state, protocolType == null ? "" : protocolType,
            stable && protocol != null ? protocol : "", list);
    }

    /** The group's metadata as persisted in a GroupMetadataValue. */
    GroupSnapshot snapshot(int generationId, @Nullable String protocol, long stateTimestamp) {
        List<GroupSnapshot.MemberSnapshot> list = new ArrayList<>();
        for (GroupMember m : members.values()) {
            list.add(new GroupSnapshot.MemberSnapshot(m.memberId(), m.groupInstanceId(), m.clientId(),
                m.clientHost(), m.rebalanceTimeoutMs(), m.sessionTimeoutMs(), m.metadata(protocol), m.assignment()));
        }
        return new GroupSnapshot(protocolType == null ? "" : protocolType, generationId, protocol, leaderId,
            stateTimestamp, list);
    }

    /**
     * The topics the members subscribe to, from their ConsumerProtocolSubscription for {@code protocol}; null if
     * the group does not use the consumer protocol or a subscription cannot be parsed.
     */
    @Nullable Set<String> subscribedTopics(@Nullable String protocol) {
        if (!"consumer".equals(protocolType) || protocol == null) {
            return null;
        }
        Set<String> topics = new HashSet<>();
        for (GroupMember m : members.values()) {
            List<String> parsed = parseSubscription(m.metadata(protocol));
            if (parsed == null) {
                return null;
            }
            topics.addAll(parsed);
        }
        return topics;
    }

    /** The topics of a ConsumerProtocolSubscription (int16 version, then the struct), or null if malformed. */
    static @Nullable List<String> parseSubscription(byte[] metadata) {
        if (metadata.length < 2) {
            return null;
        }
        try {
            ByteBuf buf = Unpooled.wrappedBuffer(metadata);
            short version = buf.readShort();
            if (version < 0) {
                return null;
            }
            // A newer version is read with the newest layout known; its extra fields come after and are ignored.
            short readAs = (short) Math.min(version, ConsumerProtocolSubscription.HIGHEST_VERSION);
            return ConsumerProtocolSubscription.read(buf, readAs).topics();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
