package io.tributary.admin;

import java.util.List;

/**
 * A classic group as {@link TributaryAdmin#describeGroups} finds it.
 *
 * @param groupId      the group id
 * @param state        the group's state
 * @param protocolType the embedded protocol ({@code consumer} for consumers), or {@code ""}
 * @param protocol     the protocol the group chose (for consumers, the assignor: {@code range}), or {@code ""}
 *                     while it rebalances
 * @param members      the members
 * @since 0.1
 */
public record GroupDescription(String groupId, GroupState state, String protocolType, String protocol,
                               List<MemberDescription> members) {
    public GroupDescription {
        members = List.copyOf(members);
    }
}
