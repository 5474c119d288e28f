package io.tributary.broker.internal.group;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What DescribeGroups and ListGroups report about a group. Immutable (the byte arrays are not copied).
 *
 * @param groupId      the group
 * @param state        its state
 * @param protocolType its protocol type, empty when none
 * @param protocolData the selected protocol while Stable, else empty
 * @param members      the members; metadata and assignment only while Stable
 */
public record GroupDescription(String groupId, GroupState state, String protocolType, String protocolData,
                               List<Member> members) {
    public GroupDescription {
        members = List.copyOf(members);
    }

    /**
     * One member of a described group.
     *
     * @param memberId        the member id
     * @param groupInstanceId its static instance id, or null
     * @param clientId        its client id
     * @param clientHost      its address
     * @param metadata        its metadata for the selected protocol (empty unless Stable)
     * @param assignment      its assignment (empty unless Stable)
     */
    public record Member(String memberId, @Nullable String groupInstanceId, String clientId, String clientHost,
                         byte[] metadata, byte[] assignment) {
    }
}
