package io.tributary.broker.internal.group;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a consumer-protocol member told the coordinator about itself, as a ConsumerGroupMemberMetadataValue record
 * stores it. Immutable.
 *
 * @param instanceId           the static instance id, or null for a dynamic member
 * @param rackId               the rack, or null
 * @param clientId             the client id of its last heartbeat
 * @param clientHost           the client's address
 * @param subscribedTopicNames the subscribed topics (sorted)
 * @param subscribedTopicRegex the subscribed regular expression, or null
 * @param rebalanceTimeoutMs   how long it may take to revoke partitions
 * @param serverAssignor       the server-side assignor it asked for, or null for the default
 */
public record ConsumerMemberMetadata(@Nullable String instanceId, @Nullable String rackId, String clientId,
                                     String clientHost, List<String> subscribedTopicNames,
                                     @Nullable String subscribedTopicRegex, int rebalanceTimeoutMs,
                                     @Nullable String serverAssignor) {
    public ConsumerMemberMetadata {
        subscribedTopicNames = subscribedTopicNames.stream().distinct().sorted().toList();
    }

    /** Whether the two subscribe to something different (topics, pattern or assignor). */
    boolean subscriptionDiffers(ConsumerMemberMetadata other) {
        return !subscribedTopicNames.equals(other.subscribedTopicNames)
            || !Objects.equals(subscribedTopicRegex, other.subscribedTopicRegex)
            || !Objects.equals(serverAssignor, other.serverAssignor);
    }
}
