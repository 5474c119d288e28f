package io.tributary.broker.internal.group;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a JoinGroup asks for, independent of the wire version. Immutable (the metadata arrays are not copied).
 *
 * @param memberId              the member id, empty for a first join
 * @param groupInstanceId       the static instance id (v5+), or null
 * @param clientId              the client id from the request header
 * @param clientHost            the client's address
 * @param rebalanceTimeoutMs    how long the coordinator waits for members to rejoin (v0: the session timeout)
 * @param sessionTimeoutMs      how long the member may go without a heartbeat
 * @param protocolType          the protocol type, e.g. {@code consumer}
 * @param protocols             the supported protocols in the member's order of preference
 * @param requireKnownMemberId  whether a first join gets MEMBER_ID_REQUIRED (v4+)
 * @param supportsSkipAssignment whether the response can carry SkipAssignment (v9+)
 */
public record JoinParams(String memberId, @Nullable String groupInstanceId, String clientId, String clientHost,
                         int rebalanceTimeoutMs, int sessionTimeoutMs, String protocolType,
                         List<Protocol> protocols, boolean requireKnownMemberId, boolean supportsSkipAssignment) {
    public JoinParams {
        protocols = List.copyOf(protocols);
    }

    /**
     * One protocol a member supports.
     *
     * @param name     the protocol (assignor) name
     * @param metadata the member's metadata for it (a ConsumerProtocolSubscription for consumers)
     */
    public record Protocol(String name, byte[] metadata) {
    }
}
