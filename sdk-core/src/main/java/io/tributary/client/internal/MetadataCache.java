package io.tributary.client.internal;

import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.MetadataResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The client's latest view of the cluster, merged from Metadata responses: a response about some topics replaces
 * just those. A view is fresh while it is younger than {@code metadata.max.age.ms} and nobody invalidated it (a
 * {@code NOT_LEADER_OR_FOLLOWER} or a broken connection does). Thread-safe; updates replace the immutable view.
 */
final class MetadataCache {
    private final long maxAgeNanos;
    private volatile ClusterView view = ClusterView.EMPTY;
    private volatile boolean stale;

    MetadataCache(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    ClusterView current() {
        return view;
    }

    void invalidate() {
        stale = true;
    }

    /** Whether the view is fresh and knows every one of {@code topics} with a leader for each partition. */
    boolean isFreshFor(Collection<String> topics) {
        ClusterView v = view;
        if (stale || System.nanoTime() - v.fetchedAtNanos() > maxAgeNanos) {
            return false;
        }
        for (String t : topics) {
            ClusterView.TopicMetadata m = v.topic(t);
            if (m == null || m.error() != ErrorCode.NONE || m.partitions().stream().anyMatch(p -> p.leader() < 0)) {
                return false;
            }
        }
        return true;
    }

    /** Merges a response; {@code allTopics} says it lists every topic, so topics it lacks are gone. */
    synchronized ClusterView apply(MetadataResponse response, boolean allTopics) {
        Map<Integer, Node> nodes = new HashMap<>();
        for (MetadataResponse.MetadataResponseBroker b : response.brokers()) {
            nodes.put(b.nodeId(), new Node(b.nodeId(), b.host(), b.port(), b.rack()));
        }
        Map<String, ClusterView.TopicMetadata> topics = allTopics ? new HashMap<>() : new HashMap<>(view.topics());
        for (MetadataResponse.MetadataResponseTopic t : response.topics()) {
            if (t.name() == null) {
                continue;
            }
            List<ClusterView.PartitionMetadata> partitions = new ArrayList<>();
            for (MetadataResponse.MetadataResponsePartition p : t.partitions()) {
                partitions.add(new ClusterView.PartitionMetadata(p.partitionIndex(), ErrorCode.forCode(p.errorCode()),
                    p.leaderId(), p.leaderEpoch(), List.copyOf(p.replicaNodes()), List.copyOf(p.isrNodes()),
                    List.copyOf(p.offlineReplicas())));
            }
            partitions.sort(Comparator.comparingInt(ClusterView.PartitionMetadata::partition));
            UUID id = t.topicId() == null ? new UUID(0, 0) : t.topicId();
            topics.put(t.name(), new ClusterView.TopicMetadata(t.name(), id, ErrorCode.forCode(t.errorCode()),
                t.isInternal(), List.copyOf(partitions)));
        }
        ClusterView next = new ClusterView(response.clusterId(), response.controllerId(), Map.copyOf(nodes),
            Map.copyOf(topics), System.nanoTime());
        view = next;
        stale = false;
        return next;
    }
}
