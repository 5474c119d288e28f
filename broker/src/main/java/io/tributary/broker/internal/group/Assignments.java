package io.tributary.broker.internal.group;

import io.tributary.protocol.message.ConsumerGroupHeartbeatRequest;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Helpers for the partitions of a consumer-protocol assignment, keyed by topic id: {@code Map<UUID, Set<Integer>>}
 * values that are unmodifiable, sorted and free of empty topics, so that equal assignments compare equal.
 * Stateless.
 */
final class Assignments {
    /** The empty assignment. */
    static final Map<UUID, Set<Integer>> EMPTY = Map.of();

    private Assignments() {
    }

    /** An unmodifiable, sorted copy without empty topics. */
    static Map<UUID, Set<Integer>> copyOf(Map<UUID, ? extends Collection<Integer>> partitions) {
        Map<UUID, Set<Integer>> out = new TreeMap<>();
        partitions.forEach((topic, ps) -> {
            if (!ps.isEmpty()) {
                out.put(topic, Collections.unmodifiableSet(new TreeSet<>(ps)));
            }
        });
        return out.isEmpty() ? EMPTY : Collections.unmodifiableMap(out);
    }

    /** Whether {@code topic}'s partition {@code partition} is part of the assignment. */
    static boolean contains(Map<UUID, Set<Integer>> assignment, UUID topic, int partition) {
        Set<Integer> ps = assignment.get(topic);
        return ps != null && ps.contains(partition);
    }

    /** Whether every partition of {@code owned} is part of {@code assignment}; null (not reported) is not. */
    static boolean isSubset(@Nullable Map<UUID, Set<Integer>> owned, Map<UUID, Set<Integer>> assignment) {
        if (owned == null) {
            return false;
        }
        for (Map.Entry<UUID, Set<Integer>> e : owned.entrySet()) {
            for (int p : e.getValue()) {
                if (!contains(assignment, e.getKey(), p)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether {@code owned} (null: not reported, so assumed to) still holds a partition of {@code partitions}. */
    static boolean holdsAny(@Nullable Map<UUID, Set<Integer>> owned, Map<UUID, Set<Integer>> partitions) {
        if (owned == null) {
            return true;
        }
        for (Map.Entry<UUID, Set<Integer>> e : owned.entrySet()) {
            for (int p : e.getValue()) {
                if (contains(partitions, e.getKey(), p)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The partitions a heartbeat reports as owned, or null when it does not report them. */
    static @Nullable Map<UUID, Set<Integer>> fromRequest(
        @Nullable List<ConsumerGroupHeartbeatRequest.TopicPartitions> owned) {
        if (owned == null) {
            return null;
        }
        Map<UUID, Set<Integer>> out = new TreeMap<>();
        for (ConsumerGroupHeartbeatRequest.TopicPartitions t : owned) {
            out.computeIfAbsent(t.topicId(), k -> new TreeSet<>()).addAll(t.partitions());
        }
        return copyOf(out);
    }

    /** The assignment as a heartbeat response carries it. */
    static List<ConsumerGroupHeartbeatResponse.TopicPartitions> toResponse(Map<UUID, Set<Integer>> assignment) {
        List<ConsumerGroupHeartbeatResponse.TopicPartitions> out = new ArrayList<>();
        assignment.forEach((topic, ps) -> out.add(new ConsumerGroupHeartbeatResponse.TopicPartitions()
            .topicId(topic).partitions(new ArrayList<>(ps))));
        return out;
    }
}
