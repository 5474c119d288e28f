package io.tributary.consumer.internal;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.ClusterView;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequest;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Translates between the topic ids of ConsumerGroupHeartbeat and topic names: a target assignment's ids are looked
 * up in the client's metadata (refreshed when it lacks one), and the ids learnt that way name the owned partitions
 * in later requests. Thread-safe; owned by a {@link ConsumerProtocolMember}.
 */
final class TopicIds {
    private static final Logger LOG = LoggerFactory.getLogger(TopicIds.class);
    private static final UUID ZERO = new UUID(0, 0);

    private final ClientRuntime runtime;
    private final Map<String, UUID> ids = new ConcurrentHashMap<>();

    /**
     * A target assignment by topic name.
     *
     * @param partitions the partitions of the topics whose id metadata knows
     * @param complete   false when some topic id is unknown yet (its partitions are missing)
     */
    record Resolved(Set<TopicPartition> partitions, boolean complete) {
    }

    TopicIds(ClientRuntime runtime) {
        this.runtime = runtime;
    }

    /** The target's partitions by topic name; lazy, never fails. */
    Mono<Resolved> resolve(ConsumerGroupHeartbeatResponse.Assignment target) {
        return Mono.defer(() -> {
            Map<UUID, String> known = names(runtime.cluster());
            boolean complete = target.topicPartitions().stream().allMatch(tp -> known.containsKey(tp.topicId()));
            Mono<Map<UUID, String>> names = complete ? Mono.just(known) : runtime.refreshMetadata(null, false)
                .map(TopicIds::names)
                .onErrorResume(e -> {
                    LOG.debug("Metadata for a target assignment failed: {}", e.toString());
                    return Mono.just(known);
                });
            return names.map(byId -> resolve(target, byId));
        });
    }

    private Resolved resolve(ConsumerGroupHeartbeatResponse.Assignment target, Map<UUID, String> byId) {
        Set<TopicPartition> partitions = new HashSet<>();
        boolean complete = true;
        for (ConsumerGroupHeartbeatResponse.TopicPartitions tp : target.topicPartitions()) {
            String name = byId.get(tp.topicId());
            if (name == null) {
                complete = false;
                continue;
            }
            ids.put(name, tp.topicId());
            tp.partitions().forEach(p -> partitions.add(new TopicPartition(name, p)));
        }
        return new Resolved(partitions, complete);
    }

    /** {@code partitions} as a request's TopicPartitions, by topic id. */
    List<ConsumerGroupHeartbeatRequest.TopicPartitions> toRequest(Set<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new HashMap<>();
        partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        List<ConsumerGroupHeartbeatRequest.TopicPartitions> result = new ArrayList<>();
        byTopic.forEach((topic, numbers) -> {
            UUID id = ids.get(topic);
            if (id == null) {
                ClusterView.TopicMetadata metadata = runtime.cluster().topic(topic);
                id = metadata == null ? ZERO : metadata.id();
            }
            numbers.sort(Integer::compare);
            result.add(new ConsumerGroupHeartbeatRequest.TopicPartitions().topicId(id).partitions(numbers));
        });
        return result;
    }

    private static Map<UUID, String> names(ClusterView view) {
        Map<UUID, String> names = new HashMap<>();
        view.topics().values().forEach(t -> names.put(t.id(), t.name()));
        return names;
    }
}
