package io.tributary.producer;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The consumer group member whose offsets a transaction commits. With a member id and generation the group
 * coordinator refuses offsets from a member that has been replaced since (a "zombie" after a rebalance, KIP-447)
 * instead of committing them; {@link #of(String)} names the group only and is never refused for that.
 *
 * @param groupId         the consumer group
 * @param generationId    the member's generation (member epoch for the consumer protocol), -1 for none
 * @param memberId        the member id, empty for none
 * @param groupInstanceId the static member id, or null
 * @since 0.1
 */
public record GroupMetadata(String groupId, int generationId, String memberId, @Nullable String groupInstanceId) {
    public GroupMetadata {
        requireNonNull(groupId, "groupId");
        requireNonNull(memberId, "memberId");
    }

    /** The group alone, without a member to check. */
    public static GroupMetadata of(String groupId) {
        return new GroupMetadata(groupId, -1, "", null);
    }
}
