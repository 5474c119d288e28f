package io.tributary.admin;

/**
 * One group of {@link TributaryAdmin#listGroups()}.
 *
 * @param groupId      the group id
 * @param state        the group's state; {@link GroupState#UNKNOWN} from brokers below ListGroups v4
 * @param type         the group's protocol; {@link GroupType#UNKNOWN} from brokers below ListGroups v5
 * @param protocolType the embedded protocol ({@code consumer} for consumers, {@code connect} for Connect
 *                     workers), or {@code ""} for a group that only stores offsets
 * @since 0.1
 */
public record GroupListing(String groupId, GroupState state, GroupType type, String protocolType) {
}
