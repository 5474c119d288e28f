package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One run of the sticky assignment for a group whose members all subscribe to the same topics, with the result
 * Kafka's sticky assignors give. With {@code P} partitions and {@code M} members every member gets
 * {@code minQuota = P / M} partitions and {@code P % M} of them one more ({@code maxQuota}):
 * <ol>
 *     <li>each member keeps up to its quota of the partitions it owns (lowest partition numbers first), at most
 *     {@code maxQuota} while members with an extra partition are still wanted, else {@code minQuota};</li>
 *     <li>the remaining partitions, by topic and partition number, go round-robin to the members below
 *     {@code minQuota} (by member id), then one each to members at {@code minQuota} until {@code P % M} members
 *     have {@code maxQuota}.</li>
 * </ol>
 * Members are visited in step 1 in the iteration order of the claims map (a {@link HashMap}, as in Kafka). Not
 * thread-safe; use once.
 */
final class StickyQuotaAssignment {
    private static final Comparator<TopicPartition> PARTITION_THEN_TOPIC =
        Comparator.comparingInt(TopicPartition::partition).thenComparing(TopicPartition::topic);

    private final Map<String, Integer> partitionsPerTopic;
    private final Map<String, List<TopicPartition>> claims;
    private final Set<TopicPartition> contested;
    private final Map<String, List<TopicPartition>> assignment = new HashMap<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    /** Owned partitions their owner gave up in step 1, with that owner. */
    private final Map<TopicPartition, String> released = new HashMap<>();
    private final Map<TopicPartition, String> transferring = new HashMap<>();
    private final LinkedList<String> belowMinQuota = new LinkedList<>();
    private final LinkedList<String> atMinQuota = new LinkedList<>();
    private final int minQuota;
    private final int maxQuota;
    private final int wantedAboveMinQuota;
    private int aboveMinQuota;

    /**
     * @param partitionsPerTopic partition count of each existing subscribed topic
     * @param claims             each member's owned partitions, ownership conflicts settled, by member id
     * @param contested          partitions claimed by two members of one generation: nobody keeps them
     */
    StickyQuotaAssignment(Map<String, Integer> partitionsPerTopic, Map<String, List<TopicPartition>> claims,
                          Set<TopicPartition> contested) {
        this.partitionsPerTopic = partitionsPerTopic;
        this.claims = claims;
        this.contested = contested;
        int total = partitionsPerTopic.values().stream().mapToInt(Integer::intValue).sum();
        int members = claims.size();
        this.minQuota = total / members;
        this.maxQuota = (total + members - 1) / members;
        this.wantedAboveMinQuota = total % members;
        for (String member : claims.keySet()) {
            assignment.put(member, new ArrayList<>(maxQuota));
        }
    }

    /** Computes the assignment, by member id. */
    Map<String, List<TopicPartition>> assign() {
        keepOwned();
        List<TopicPartition> unassigned = unassigned();
        Collections.sort(belowMinQuota);
        Collections.sort(atMinQuota);
        fill(unassigned);
        return assignment;
    }

    /** After {@link #assign()}: partitions given to a member other than their current owner, with that member. */
    Map<TopicPartition, String> transferring() {
        return transferring;
    }

    private void keepOwned() {
        claims.forEach((member, claimed) -> {
            List<TopicPartition> owned = new ArrayList<>(claimed);
            owned.removeAll(contested);
            owned.sort(PARTITION_THEN_TOPIC);
            List<TopicPartition> target = assignment.get(member);
            int keep;
            if (owned.size() < minQuota) {
                keep = owned.size();
                belowMinQuota.add(member);
            } else if (owned.size() >= maxQuota && aboveMinQuota < wantedAboveMinQuota) {
                keep = maxQuota;
                aboveMinQuota++;
                if (aboveMinQuota == wantedAboveMinQuota) {
                    atMinQuota.clear();
                }
            } else {
                keep = minQuota;
                if (aboveMinQuota < wantedAboveMinQuota) {
                    atMinQuota.add(member);
                }
            }
            target.addAll(owned.subList(0, keep));
            assigned.addAll(owned.subList(0, keep));
            for (TopicPartition partition : owned.subList(keep, owned.size())) {
                released.put(partition, member);
            }
        });
    }

    private List<TopicPartition> unassigned() {
        List<TopicPartition> unassigned = new ArrayList<>();
        new TreeMap<>(partitionsPerTopic).forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                TopicPartition partition = new TopicPartition(topic, p);
                if (!assigned.contains(partition)) {
                    unassigned.add(partition);
                }
            }
        });
        return unassigned;
    }

    private void fill(List<TopicPartition> unassigned) {
        Iterator<String> next = belowMinQuota.iterator();
        for (TopicPartition partition : unassigned) {
            String member;
            if (next.hasNext()) {
                member = next.next();
            } else if (!belowMinQuota.isEmpty()) {
                next = belowMinQuota.iterator();
                member = next.next();
            } else if (!atMinQuota.isEmpty()) {
                member = atMinQuota.poll();
            } else {
                throw new IllegalStateException("No member can take " + partition + ": quotas " + minQuota + "/"
                    + maxQuota + ", assignment " + assignment);
            }
            int count = give(partition, member);
            if (count == minQuota) {
                next.remove();
                atMinQuota.add(member);
            } else if (count == maxQuota) {
                aboveMinQuota++;
            }
        }
    }

    private int give(TopicPartition partition, String member) {
        List<TopicPartition> target = assignment.get(member);
        target.add(partition);
        String previous = released.get(partition);
        if ((previous != null && !previous.equals(member)) || contested.contains(partition)) {
            transferring.put(partition, member);
        }
        return target.size();
    }
}
