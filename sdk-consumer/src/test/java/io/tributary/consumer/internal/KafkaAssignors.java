package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.AbstractPartitionAssignor;

/** Runs kafka-clients' assignors on Tributary's inputs, and makes random groups to compare both on. */
final class KafkaAssignors {
    private KafkaAssignors() {
    }

    /** What kafka-clients' {@code assignor} assigns, per member, as sets. */
    static Map<String, Set<TopicPartition>> kafka(AbstractPartitionAssignor assignor, Map<String, Integer> counts,
                                                  Map<String, GroupAssignor.MemberSubscription> members) {
        Map<String, ConsumerPartitionAssignor.Subscription> subscriptions = new HashMap<>();
        members.forEach((id, m) -> subscriptions.put(id, toKafka(m)));
        // As kafka-clients' leader does: partition counts of subscribed topics only.
        Map<String, Integer> subscribed = new HashMap<>();
        members.values().forEach(m -> m.topics().stream().filter(counts::containsKey)
            .forEach(t -> subscribed.put(t, counts.get(t))));
        Map<String, List<org.apache.kafka.common.TopicPartition>> result = assignor.assign(subscribed,
            subscriptions);
        Map<String, Set<TopicPartition>> sets = new TreeMap<>();
        result.forEach((id, list) -> {
            Set<TopicPartition> set = new HashSet<>();
            list.forEach(tp -> set.add(new TopicPartition(tp.topic(), tp.partition())));
            sets.put(id, set);
        });
        return sets;
    }

    /** What Tributary's {@code assignor} assigns, per member, as sets. */
    static Map<String, Set<TopicPartition>> ours(GroupAssignor assignor, Map<String, Integer> counts,
                                                 Map<String, GroupAssignor.MemberSubscription> members) {
        Map<String, Set<TopicPartition>> sets = new TreeMap<>();
        assignor.assign(counts, members).forEach((id, list) -> {
            assertUnique(id, list);
            sets.put(id, new HashSet<>(list));
        });
        return sets;
    }

    private static void assertUnique(String member, List<TopicPartition> list) {
        if (new HashSet<>(list).size() != list.size()) {
            throw new AssertionError(member + " got a partition twice: " + list);
        }
    }

    static ConsumerPartitionAssignor.Subscription toKafka(GroupAssignor.MemberSubscription m) {
        List<org.apache.kafka.common.TopicPartition> owned = new ArrayList<>();
        m.ownedPartitions().forEach(tp -> owned.add(new org.apache.kafka.common.TopicPartition(tp.topic(),
            tp.partition())));
        ConsumerPartitionAssignor.Subscription s = new ConsumerPartitionAssignor.Subscription(m.topics(),
            m.userData() == null ? null : ByteBuffer.wrap(m.userData()), owned, m.generation(),
            Optional.ofNullable(m.rackId()));
        s.setGroupInstanceId(Optional.ofNullable(m.groupInstanceId()));
        return s;
    }

    /** A random group: up to 5 topics of up to 12 partitions (some subscribed ones missing), up to 8 members. */
    static Scenario randomScenario(Random random, boolean sameTopics, boolean withOwnership) {
        int topicCount = 1 + random.nextInt(5);
        Map<String, Integer> counts = new TreeMap<>();
        List<String> allTopics = new ArrayList<>();
        for (int t = 0; t < topicCount; t++) {
            String topic = "topic-" + (char) ('a' + random.nextInt(26)) + t;
            allTopics.add(topic);
            if (random.nextInt(10) > 0) {
                counts.put(topic, 1 + random.nextInt(12));
            }
        }
        int memberCount = 1 + random.nextInt(8);
        int generation = 1 + random.nextInt(20);
        Map<String, GroupAssignor.MemberSubscription> members = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            ids.add("consumer-" + Integer.toHexString(random.nextInt(1 << 16)) + "-" + i);
        }
        Map<String, List<TopicPartition>> owned = new HashMap<>();
        ids.forEach(id -> owned.put(id, new ArrayList<>()));
        if (withOwnership) {
            counts.forEach((topic, n) -> {
                for (int p = 0; p < n; p++) {
                    int roll = random.nextInt(10);
                    if (roll < 7) {
                        owned.get(ids.get(random.nextInt(ids.size()))).add(new TopicPartition(topic, p));
                    }
                    if (roll == 9) {
                        // Claimed by a second member too: the generations decide.
                        owned.get(ids.get(random.nextInt(ids.size()))).add(new TopicPartition(topic, p));
                    }
                }
            });
        }
        for (String id : ids) {
            List<String> topics = new ArrayList<>();
            for (String topic : allTopics) {
                if (sameTopics || random.nextBoolean()) {
                    topics.add(topic);
                }
            }
            if (topics.isEmpty()) {
                topics.add(allTopics.get(0));
            }
            int memberGeneration = !withOwnership ? -1 : random.nextInt(6) == 0 ? generation - 1 : generation;
            String instance = random.nextInt(4) == 0 ? "instance-" + random.nextInt(1000) + "-" + id : null;
            members.put(id, new GroupAssignor.MemberSubscription(id, instance, topics, owned.get(id),
                memberGeneration, null, null));
        }
        return new Scenario(counts, members);
    }

    record Scenario(Map<String, Integer> counts, Map<String, GroupAssignor.MemberSubscription> members) {
    }
}
