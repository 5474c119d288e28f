package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import io.tributary.common.TopicPartition;
import java.util.Set;

/**
 * One instance of the application as the group's last assignment placed it: where it answers queries, the stores
 * and source partitions of the tasks it runs, and those of its standby tasks.
 *
 * @param hostInfo                its {@code application.server}
 * @param stateStoreNames         the stores of the tasks it runs
 * @param topicPartitions         the source partitions of the tasks it runs
 * @param standbyStateStoreNames  the stores it keeps standby copies of
 * @param standbyTopicPartitions  the source partitions of its standby tasks
 * @since 0.1
 */
public record StreamsMetadata(HostInfo hostInfo, Set<String> stateStoreNames, Set<TopicPartition> topicPartitions,
                              Set<String> standbyStateStoreNames, Set<TopicPartition> standbyTopicPartitions) {
    public StreamsMetadata {
        requireNonNull(hostInfo, "hostInfo");
        stateStoreNames = Set.copyOf(stateStoreNames);
        topicPartitions = Set.copyOf(topicPartitions);
        standbyStateStoreNames = Set.copyOf(standbyStateStoreNames);
        standbyTopicPartitions = Set.copyOf(standbyTopicPartitions);
    }
}
