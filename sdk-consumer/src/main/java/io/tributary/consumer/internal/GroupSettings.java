package io.tributary.consumer.internal;

import io.tributary.consumer.PartitionAssignor;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A member's group settings, with Kafka's names.
 *
 * @param groupId           {@code group.id}
 * @param groupInstanceId   {@code group.instance.id}: static membership when set
 * @param protocol          {@code group.protocol}: {@code classic} or {@code consumer} (KIP-848)
 * @param assignors         {@code partition.assignment.strategy} for the classic protocol, in preference order:
 *                          built-in ones ({@link GroupAssignor#named}) or the application's own
 * @param remoteAssignor    {@code group.remote.assignor} for the consumer protocol ({@code uniform}, {@code range}),
 *                          null for the broker's default
 * @param sessionTimeout    {@code session.timeout.ms} (classic)
 * @param rebalanceTimeout  {@code max.poll.interval.ms}: how long the group waits for members to rejoin
 * @param heartbeatInterval {@code heartbeat.interval.ms} (classic; the consumer protocol uses the broker's)
 * @param rackId            {@code client.rack}, or null
 */
public record GroupSettings(String groupId, @Nullable String groupInstanceId, String protocol,
                            List<PartitionAssignor> assignors,
                            @Nullable String remoteAssignor, Duration sessionTimeout, Duration rebalanceTimeout,
                            Duration heartbeatInterval, @Nullable String rackId) {
    public GroupSettings {
        assignors = List.copyOf(assignors);
    }
}
