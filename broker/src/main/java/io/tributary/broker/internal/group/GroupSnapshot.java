package io.tributary.broker.internal.group;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A group's metadata as persisted in a GroupMetadataValue record (v3): what a reloaded coordinator needs to resume
 * the current generation. Immutable (the byte arrays are not copied and must not be modified).
 *
 * @param protocolType          the group's protocol type, empty when none was ever set
 * @param generationId          the current generation
 * @param protocolName          the selected protocol, null when the group is empty
 * @param leaderId              the leader's member id, null when the group is empty
 * @param currentStateTimestamp when the group entered its current state, in epoch milliseconds (-1 unknown)
 * @param members               the members with their subscription and assignment
 */
public record GroupSnapshot(String protocolType, int generationId, @Nullable String protocolName,
                            @Nullable String leaderId, long currentStateTimestamp, List<MemberSnapshot> members) {
    public GroupSnapshot {
        members = List.copyOf(members);
    }

    /**
     * One member of a {@link GroupSnapshot}.
     *
     * @param memberId           the member id
     * @param groupInstanceId    the static instance id, or null for a dynamic member
     * @param clientId           the client id of its JoinGroup
     * @param clientHost         the client's address
     * @param rebalanceTimeoutMs its rebalance timeout
     * @param sessionTimeoutMs   its session timeout
     * @param subscription       its metadata for the selected protocol
     * @param assignment         its assignment from the leader
     */
    public record MemberSnapshot(String memberId, @Nullable String groupInstanceId, String clientId,
                                 String clientHost, int rebalanceTimeoutMs, int sessionTimeoutMs,
                                 byte[] subscription, byte[] assignment) {
    }
}
