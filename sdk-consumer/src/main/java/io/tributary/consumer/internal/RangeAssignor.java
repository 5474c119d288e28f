package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code range} assignor: topic by topic, the subscribers (in {@link GroupAssignor#MEMBER_ORDER}) each take a
 * consecutive range of partitions, the first {@code partitions % subscribers} of them one more than the others.
 * Members subscribing to the same topics get the same partition numbers of each (co-partitioning). Eager.
 * Rack-aware assignment ({@code client.rack} matched to replica racks) is not done. Stateless; thread-safe.
 */
final class RangeAssignor implements GroupAssignor {
    static final String NAME = "range";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean cooperative() {
        return false;
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, MemberSubscription> subscriptions) {
        Map<String, List<TopicPartition>> assignment = new HashMap<>();
        Map<String, List<MemberSubscription>> subscribers = new TreeMap<>();
        for (MemberSubscription member : subscriptions.values()) {
            assignment.put(member.memberId(), new ArrayList<>());
            for (String topic : member.topics()) {
                subscribers.computeIfAbsent(topic, t -> new ArrayList<>()).add(member);
            }
        }
        subscribers.forEach((topic, members) -> {
            Integer partitions = partitionsPerTopic.get(topic);
            if (partitions == null || partitions == 0) {
                return;
            }
            members.sort(MEMBER_ORDER);
            int each = partitions / members.size();
            int withExtra = partitions % members.size();
            for (int i = 0; i < members.size(); i++) {
                int start = each * i + Math.min(i, withExtra);
                int length = each + (i < withExtra ? 1 : 0);
                List<TopicPartition> target = assignment.get(members.get(i).memberId());
                for (int p = start; p < start + length; p++) {
                    target.add(new TopicPartition(topic, p));
                }
            }
        });
        return assignment;
    }
}
