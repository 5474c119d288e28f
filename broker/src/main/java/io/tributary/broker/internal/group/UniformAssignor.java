package io.tributary.broker.internal.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The server-side {@code uniform} assignor (Kafka's default): spreads all subscribed partitions as evenly as the
 * subscriptions allow and keeps partitions where they were. It keeps each member's previous partitions that it still
 * subscribes to, gives every other partition to the eligible member with the fewest, then moves partitions from
 * the fullest members to eligible members with at least two fewer until none can move. When every member subscribes
 * to the same topics, member sizes differ by at most one. Stateless.
 */
final class UniformAssignor implements ServerAssignor {
    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public Map<String, Map<UUID, Set<Integer>>> assign(Spec spec) {
        Map<String, Set<UUID>> subs = spec.subscriptions();
        Map<String, List<Owned>> owned = new TreeMap<>();
        subs.keySet().forEach(m -> owned.put(m, new ArrayList<>()));
        Map<Owned, String> owner = new HashMap<>();
        // 1. Stickiness: previous partitions stay with members still subscribed to their topic.
        spec.previous().forEach((member, assignment) -> {
            if (!subs.containsKey(member)) {
                return;
            }
            assignment.forEach((topic, partitions) -> {
                Integer count = spec.partitionCounts().get(topic);
                if (count == null || !subs.get(member).contains(topic)) {
                    return;
                }
                for (int p : partitions) {
                    Owned tp = new Owned(topic, p);
                    if (p < count && !owner.containsKey(tp)) {
                        owner.put(tp, member);
                        owned.get(member).add(tp);
                    }
                }
            });
        });
        // 2. Every other partition goes to the eligible member holding the fewest.
        new TreeMap<>(spec.partitionCounts()).forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                Owned tp = new Owned(topic, p);
                if (!owner.containsKey(tp)) {
                    String to = owned.keySet().stream().filter(m -> subs.get(m).contains(topic))
                        .min(Comparator.comparingInt(m -> owned.get(m).size())).orElse(null);
                    if (to != null) {
                        owner.put(tp, to);
                        owned.get(to).add(tp);
                    }
                }
            }
        });
        // 3. Balance: every move lowers the sum of squared sizes, so this ends.
        while (moveOne(subs, owned)) {
            // keep moving
        }
        Map<String, Map<UUID, Set<Integer>>> out = new HashMap<>();
        owned.forEach((member, tps) -> {
            Map<UUID, Set<Integer>> a = new TreeMap<>();
            tps.forEach(tp -> a.computeIfAbsent(tp.topic(), k -> new TreeSet<>()).add(tp.partition()));
            out.put(member, a);
        });
        return out;
    }

    private static boolean moveOne(Map<String, Set<UUID>> subs, Map<String, List<Owned>> owned) {
        List<String> bySize = new ArrayList<>(owned.keySet());
        bySize.sort(Comparator.comparingInt(m -> owned.get(m).size()));
        for (int i = bySize.size() - 1; i > 0; i--) {
            String from = bySize.get(i);
            for (int j = 0; j < i; j++) {
                String to = bySize.get(j);
                if (owned.get(from).size() - owned.get(to).size() <= 1) {
                    break;
                }
                List<Owned> candidates = owned.get(from);
                for (int k = candidates.size() - 1; k >= 0; k--) {
                    Owned tp = candidates.get(k);
                    if (subs.get(to).contains(tp.topic())) {
                        candidates.remove(k);
                        owned.get(to).add(tp);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** One partition of a topic. */
    private record Owned(UUID topic, int partition) {
    }
}
