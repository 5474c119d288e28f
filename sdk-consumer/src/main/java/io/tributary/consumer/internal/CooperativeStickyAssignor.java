package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code cooperative-sticky} assignor: a balanced assignment (partition counts differ by at most one where the
 * subscriptions allow) that leaves as many partitions as possible with their current owners. Partitions that must
 * move are left out of this round's assignment: their owner revokes them and rejoins, and the next round gives them
 * to their new owner, so that no partition is ever owned twice (the two-phase cooperative rebalance).
 *
 * <p>Ownership comes from each member's {@code OwnedPartitions}; when two members claim a partition the one with the
 * higher generation keeps it, and a partition claimed twice in the same generation is taken from both. When every
 * member subscribes to the same topics the assignment is the one Kafka's {@code CooperativeStickyAssignor} gives
 * ({@link StickyQuotaAssignment}); otherwise a balanced sticky assignment of this class's own
 * ({@link StickyBalancedAssignment}). The member's {@code UserData} is its generation as an int32, which older Kafka
 * leaders read. Rack-aware assignment is not done. Stateless; thread-safe.
 */
final class CooperativeStickyAssignor implements GroupAssignor {
    static final String NAME = "cooperative-sticky";
    private static final int NO_GENERATION = -1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean cooperative() {
        return true;
    }

    @Override
    public byte[] userData(int generation) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(generation).array();
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, MemberSubscription> subscriptions) {
        // Only topics someone subscribes to, as Kafka's leader passes them.
        Set<String> subscribed = new HashSet<>();
        subscriptions.values().forEach(m -> subscribed.addAll(m.topics()));
        Map<String, Integer> topics = new HashMap<>();
        partitionsPerTopic.forEach((topic, count) -> {
            if (count > 0 && subscribed.contains(topic)) {
                topics.put(topic, count);
            }
        });
        // A HashMap, as in Kafka's assignor: members are visited in its iteration order, which decides who keeps an
        // extra partition when several could.
        Map<String, List<TopicPartition>> claims = new HashMap<>();
        Set<TopicPartition> contested = new HashSet<>();
        resolveClaims(topics.keySet(), subscriptions, claims, contested);

        Map<String, List<TopicPartition>> assignment;
        Map<TopicPartition, String> transferring;
        if (sameTopics(subscriptions)) {
            StickyQuotaAssignment quotas = new StickyQuotaAssignment(topics, claims, contested);
            assignment = quotas.assign();
            transferring = quotas.transferring();
        } else {
            assignment = new StickyBalancedAssignment(topics, subscriptions, claims).assign();
            transferring = transferring(subscriptions, assignment);
        }
        transferring.forEach((partition, member) -> assignment.get(member).remove(partition));
        return assignment;
    }

    /**
     * Fills {@code claims} with each member's owned partitions of existing topics, settling double claims by
     * generation, and {@code contested} with partitions claimed twice in one generation.
     */
    private static void resolveClaims(Set<String> topics, Map<String, MemberSubscription> subscriptions,
                                      Map<String, List<TopicPartition>> claims, Set<TopicPartition> contested) {
        Map<TopicPartition, String> holders = new HashMap<>();
        subscriptions.forEach((member, subscription) -> {
            int generation = generation(subscription);
            List<TopicPartition> owned = new ArrayList<>();
            claims.put(member, owned);
            for (TopicPartition partition : subscription.ownedPartitions()) {
                if (!topics.contains(partition.topic())) {
                    continue;
                }
                String holder = holders.get(partition);
                if (holder == null) {
                    owned.add(partition);
                    holders.put(partition, member);
                    continue;
                }
                // Kafka compares with the other claimant's generation field alone, not its user data.
                int holderGeneration = Math.max(NO_GENERATION, subscriptions.get(holder).generation());
                if (generation == holderGeneration) {
                    contested.add(partition);
                    claims.get(holder).remove(partition);
                    holders.put(partition, member);
                } else if (generation > holderGeneration) {
                    owned.add(partition);
                    claims.get(holder).remove(partition);
                    holders.put(partition, member);
                }
            }
        });
    }

    /** The generation a member owned its partitions in: the subscription's field, else its user data. */
    private static int generation(MemberSubscription subscription) {
        if (subscription.generation() >= 0) {
            return subscription.generation();
        }
        byte @Nullable [] userData = subscription.userData();
        if (userData == null || userData.length < Integer.BYTES) {
            return NO_GENERATION;
        }
        return ByteBuffer.wrap(userData).getInt();
    }

    private static boolean sameTopics(Map<String, MemberSubscription> subscriptions) {
        Set<String> first = null;
        for (MemberSubscription subscription : subscriptions.values()) {
            Set<String> topics = new HashSet<>(subscription.topics());
            if (first == null) {
                first = topics;
            } else if (!first.equals(topics)) {
                return false;
            }
        }
        return true;
    }

    /** Partitions given to a member other than the one that owns them now, with their new owner. */
    private static Map<TopicPartition, String> transferring(Map<String, MemberSubscription> subscriptions,
                                                            Map<String, List<TopicPartition>> assignment) {
        Map<TopicPartition, String> added = new HashMap<>();
        Set<TopicPartition> revoked = new HashSet<>();
        assignment.forEach((member, assigned) -> {
            Set<TopicPartition> owned = new HashSet<>(subscriptions.get(member).ownedPartitions());
            Set<TopicPartition> kept = new HashSet<>(assigned);
            for (TopicPartition partition : assigned) {
                if (!owned.contains(partition)) {
                    added.put(partition, member);
                }
            }
            for (TopicPartition partition : owned) {
                if (!kept.contains(partition)) {
                    revoked.add(partition);
                }
            }
        });
        added.keySet().retainAll(revoked);
        return added;
    }
}
