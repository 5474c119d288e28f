package io.tributary.broker.internal.group;

import io.tributary.protocol.ErrorCode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a JoinGroup, independent of the wire version. Immutable.
 *
 * @param error          NONE or the failure
 * @param generationId   the generation joined, -1 on error
 * @param protocolType   the group's protocol type, null on error
 * @param protocolName   the selected protocol, null on error
 * @param leaderId       the leader's member id, empty on error
 * @param memberId       the member's id (a newly generated one with MEMBER_ID_REQUIRED)
 * @param members        every member with its metadata, for the leader only
 * @param skipAssignment whether the leader must skip computing an assignment (KIP-814, static leader rejoin)
 */
public record JoinResult(ErrorCode error, int generationId, @Nullable String protocolType,
                         @Nullable String protocolName, String leaderId, String memberId, List<Member> members,
                         boolean skipAssignment) {
    public JoinResult {
        members = List.copyOf(members);
    }

    /** A failed join. */
    public static JoinResult error(ErrorCode error, String memberId) {
        return new JoinResult(error, -1, null, null, "", memberId, List.of(), false);
    }

    /**
     * A member as the leader sees it in the JoinGroup response.
     *
     * @param memberId        the member id
     * @param groupInstanceId its static instance id, or null
     * @param metadata        its metadata for the selected protocol
     */
    public record Member(String memberId, @Nullable String groupInstanceId, byte[] metadata) {
    }
}
