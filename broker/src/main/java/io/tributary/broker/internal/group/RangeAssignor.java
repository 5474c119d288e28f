package io.tributary.broker.internal.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The server-side {@code range} assignor: for each topic, the members subscribed to it, sorted by member id, get
 * consecutive ranges of its partitions, the first {@code partitions % members} one partition more. Members
 * subscribed to the same topics thus get the same partition numbers of co-partitioned topics. Stateless.
 */
final class RangeAssignor implements ServerAssignor {
    @Override
    public String name() {
        return "range";
    }

    @Override
    public Map<String, Map<UUID, Set<Integer>>> assign(Spec spec) {
        Map<String, Map<UUID, Set<Integer>>> out = new HashMap<>();
        spec.subscriptions().keySet().forEach(m -> out.put(m, new TreeMap<>()));
        spec.partitionCounts().forEach((topic, count) -> {
            List<String> members = new ArrayList<>();
            spec.subscriptions().forEach((m, topics) -> {
                if (topics.contains(topic)) {
                    members.add(m);
                }
            });
            if (members.isEmpty()) {
                return;
            }
            members.sort(null);
            int quota = count / members.size();
            int extra = count % members.size();
            int next = 0;
            for (int i = 0; i < members.size(); i++) {
                int length = quota + (i < extra ? 1 : 0);
                Set<Integer> range = new TreeSet<>();
                for (int p = next; p < next + length; p++) {
                    range.add(p);
                }
                next += length;
                if (!range.isEmpty()) {
                    out.get(members.get(i)).put(topic, range);
                }
            }
        });
        return out;
    }
}
