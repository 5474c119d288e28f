package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The {@code roundrobin} assignor: every partition of every subscribed topic (topics by name, partitions by number)
 * goes to the next member in {@link GroupAssignor#MEMBER_ORDER}, circularly, skipping members that do not subscribe
 * to its topic. Balanced to within one partition when all members subscribe to the same topics. Eager. Stateless;
 * thread-safe.
 */
final class RoundRobinAssignor implements GroupAssignor {
    static final String NAME = "roundrobin";

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
        List<MemberSubscription> members = new ArrayList<>(subscriptions.values());
        members.sort(MEMBER_ORDER);
        SortedSet<String> topics = new TreeSet<>();
        for (MemberSubscription member : members) {
            assignment.put(member.memberId(), new ArrayList<>());
            topics.addAll(member.topics());
        }
        int next = 0;
        for (String topic : topics) {
            Integer partitions = partitionsPerTopic.get(topic);
            if (partitions == null) {
                continue;
            }
            for (int p = 0; p < partitions; p++) {
                // Some member subscribes to the topic (it came from a subscription), so this ends.
                while (!members.get(next).topics().contains(topic)) {
                    next = (next + 1) % members.size();
                }
                assignment.get(members.get(next).memberId()).add(new TopicPartition(topic, p));
                next = (next + 1) % members.size();
            }
        }
        return assignment;
    }
}
