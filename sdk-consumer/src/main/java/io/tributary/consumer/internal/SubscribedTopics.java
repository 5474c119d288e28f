package io.tributary.consumer.internal;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.ClusterView;
import io.tributary.protocol.ErrorCode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import reactor.core.publisher.Mono;

/**
 * What a {@link Subscription} means in the cluster right now: the existing topics it takes in, with their partition
 * counts, read from fresh metadata (every topic's for a pattern). A member compares two such snapshots to know that
 * it must rejoin. Topics are never auto-created. Stateless.
 */
final class SubscribedTopics {
    private SubscribedTopics() {
    }

    /** The subscription's existing topics and their partition counts, from fresh metadata; lazy. */
    static Mono<Map<String, Integer>> resolve(ClientRuntime runtime, Subscription subscription) {
        return Mono.defer(() -> {
            if (subscription instanceof Subscription.Matching matching) {
                return runtime.refreshMetadata(null, false).map(view -> matching(view, matching));
            }
            return counts(runtime, ((Subscription.Topics) subscription).topics());
        });
    }

    /** The partition counts of those of {@code topics} that exist, from fresh metadata; lazy. */
    static Mono<Map<String, Integer>> counts(ClientRuntime runtime, Collection<String> topics) {
        if (topics.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<String> names = List.copyOf(topics);
        return runtime.refreshMetadata(names, false).map(view -> counts(view, names));
    }

    /** The topic names a member states in its JoinGroup subscription: the named ones, or the matching ones. */
    static List<String> joinTopics(Subscription subscription, Map<String, Integer> resolved) {
        Collection<String> topics = subscription instanceof Subscription.Topics named ? named.topics()
            : resolved.keySet();
        return topics.stream().sorted().toList();
    }

    private static Map<String, Integer> counts(ClusterView view, Collection<String> topics) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String topic : topics) {
            ClusterView.TopicMetadata metadata = view.topic(topic);
            if (usable(metadata)) {
                counts.put(topic, metadata.partitionCount());
            }
        }
        return Map.copyOf(counts);
    }

    private static Map<String, Integer> matching(ClusterView view, Subscription.Matching subscription) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ClusterView.TopicMetadata metadata : view.topics().values()) {
            if (!metadata.internal() && subscription.includes(metadata.name()) && usable(metadata)) {
                counts.put(metadata.name(), metadata.partitionCount());
            }
        }
        return Map.copyOf(counts);
    }

    private static boolean usable(ClusterView.TopicMetadata metadata) {
        return metadata != null && metadata.error() == ErrorCode.NONE && metadata.partitionCount() > 0;
    }
}
