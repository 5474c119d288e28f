package io.tributary.client.internal;

import io.tributary.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One snapshot of cluster metadata: brokers, controller and the topics asked about. Immutable.
 *
 * @param fetchedAtNanos {@link System#nanoTime()} when the snapshot was taken
 */
public record ClusterView(@Nullable String clusterId, int controllerId, Map<Integer, Node> nodes,
                          Map<String, TopicMetadata> topics, long fetchedAtNanos) {
    public static final ClusterView EMPTY = new ClusterView(null, -1, Map.of(), Map.of(), Long.MIN_VALUE / 2);

    /** The topic's metadata, or null if this view has none. */
    public @Nullable TopicMetadata topic(String name) {
        return topics.get(name);
    }

    /** A topic's metadata: its error (none when it exists) and its partitions, ordered by index. */
    public record TopicMetadata(String name, UUID id, ErrorCode error, boolean internal,
                                List<PartitionMetadata> partitions) {
        public int partitionCount() {
            return partitions.size();
        }
    }

    /** One partition's leader (-1 when it has none), leader epoch and replicas. */
    public record PartitionMetadata(int partition, ErrorCode error, int leader, int leaderEpoch,
                                    List<Integer> replicas, List<Integer> isr, List<Integer> offline) {
    }
}
