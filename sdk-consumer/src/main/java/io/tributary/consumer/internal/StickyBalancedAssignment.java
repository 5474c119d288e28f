package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One run of the sticky assignment for a group whose members subscribe to different topics:
 * <ol>
 *     <li>every member keeps the partitions it owns of topics it still subscribes to;</li>
 *     <li>the other partitions, topics with the fewest subscribers first, go one by one to the subscriber with the
 *     fewest partitions (ties: lowest member id);</li>
 *     <li>while some partition's owner has two or more partitions more than another subscriber of its topic, the
 *     partition moves to the least loaded such subscriber (newly placed partitions are tried first, so that owned
 *     ones move only when balance needs it).</li>
 * </ol>
 * The result is balanced in Kafka's sense (no single move narrows the gap) though not always the same as Kafka's
 * general-case sticky assignment, whose tie-breaks depend on hash orders. Not thread-safe; use once.
 */
final class StickyBalancedAssignment {
    private final Map<String, Integer> partitionsPerTopic;
    private final Map<String, GroupAssignor.MemberSubscription> subscriptions;
    private final Map<String, List<TopicPartition>> claims;
    private final Map<String, List<String>> subscribers = new HashMap<>();
    private final Map<String, List<TopicPartition>> assignment = new TreeMap<>();
    private final Map<TopicPartition, String> owners = new HashMap<>();

    /**
     * @param partitionsPerTopic partition count of each existing subscribed topic
     * @param subscriptions      every member's subscription, by member id
     * @param claims             each member's owned partitions, ownership conflicts settled, by member id
     */
    StickyBalancedAssignment(Map<String, Integer> partitionsPerTopic,
                             Map<String, GroupAssignor.MemberSubscription> subscriptions,
                             Map<String, List<TopicPartition>> claims) {
        this.partitionsPerTopic = partitionsPerTopic;
        this.subscriptions = subscriptions;
        this.claims = claims;
    }

    /** Computes the assignment, by member id. */
    Map<String, List<TopicPartition>> assign() {
        for (GroupAssignor.MemberSubscription member : subscriptions.values()) {
            assignment.put(member.memberId(), new ArrayList<>());
            for (String topic : new TreeSet<>(member.topics())) {
                if (partitionsPerTopic.containsKey(topic)) {
                    subscribers.computeIfAbsent(topic, t -> new ArrayList<>()).add(member.memberId());
                }
            }
        }
        subscribers.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        keepOwned();
        List<TopicPartition> fresh = new ArrayList<>();
        List<TopicPartition> all = allPartitions();
        for (TopicPartition partition : all) {
            if (!owners.containsKey(partition)) {
                fresh.add(partition);
                String member = leastLoaded(partition.topic());
                if (member != null) {
                    give(partition, member);
                }
            }
        }
        balance(fresh);
        balance(all);
        return new HashMap<>(assignment);
    }

    private void keepOwned() {
        claims.forEach((member, owned) -> {
            Set<String> topics = Set.copyOf(subscriptions.get(member).topics());
            for (TopicPartition partition : owned) {
                Integer count = partitionsPerTopic.get(partition.topic());
                if (count != null && partition.partition() < count && topics.contains(partition.topic())
                    && !owners.containsKey(partition)) {
                    give(partition, member);
                }
            }
        });
    }

    /** Every partition, topics with fewer subscribers first, then by name, then by partition number. */
    private List<TopicPartition> allPartitions() {
        List<String> topics = new ArrayList<>(partitionsPerTopic.keySet());
        topics.sort(Comparator.<String>comparingInt(t -> subscribers.getOrDefault(t, List.of()).size())
            .thenComparing(Comparator.naturalOrder()));
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            for (int p = 0; p < partitionsPerTopic.get(topic); p++) {
                all.add(new TopicPartition(topic, p));
            }
        }
        return all;
    }

    /** Moves partitions of {@code candidates} towards balance until no move narrows the gap. */
    private void balance(List<TopicPartition> candidates) {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (TopicPartition partition : candidates) {
                String owner = owners.get(partition);
                String target = leastLoaded(partition.topic());
                if (owner != null && target != null && load(owner) > load(target) + 1) {
                    assignment.get(owner).remove(partition);
                    give(partition, target);
                    moved = true;
                }
            }
        }
    }

    private @Nullable String leastLoaded(String topic) {
        String best = null;
        for (String member : subscribers.getOrDefault(topic, List.of())) {
            if (best == null || load(member) < load(best)) {
                best = member;
            }
        }
        return best;
    }

    private int load(String member) {
        return assignment.get(member).size();
    }

    private void give(TopicPartition partition, String member) {
        assignment.get(member).add(partition);
        owners.put(partition, member);
    }
}
