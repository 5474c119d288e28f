package io.tributary.streams.internal.runtime;

import io.tributary.streams.StreamsException;
import io.tributary.streams.TopologyException;
import io.tributary.streams.internal.NodeSpec;
import io.tributary.streams.internal.Subtopology;
import io.tributary.streams.internal.TopologyGraph;
import io.tributary.streams.internal.state.StoreFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The topics an application needs, with partition counts: the user's source topics (which must exist), repartition
 * topics (as many partitions as the largest upstream source, unless given) and compacted changelogs (as many as
 * their sub-topology has tasks). Checks that the sources of each sub-topology are co-partitioned. Pure; immutable.
 *
 * @param taskCounts        tasks (partitions) per sub-topology id
 * @param repartitionTopics wire name to partition count
 * @param changelogTopics   wire name to partition count
 * @param changelogConfigs  wire name to topic config overrides
 */
record TopicPlan(Map<Integer, Integer> taskCounts, Map<String, Integer> repartitionTopics,
                 Map<String, Integer> changelogTopics, Map<String, Map<String, String>> changelogConfigs) {

    /**
     * The user's source topics (wire names), whose existence and partition counts the plan needs; global tables'
     * topics included (they must exist too, but take no part in co-partitioning).
     */
    static List<String> userSourceTopics(TopologyGraph graph) {
        List<String> out = new ArrayList<>(graph.globalTopics().values());
        for (NodeSpec n : graph.nodes().values()) {
            if (n instanceof NodeSpec.Source s) {
                s.topics().stream().filter(t -> !graph.internalTopics().containsKey(t)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * @param sourcePartitions partition counts of the user's source topics (those that exist)
     * @throws StreamsException   naming the source topics that do not exist
     * @throws TopologyException  naming the sub-topology whose sources are not co-partitioned
     */
    static TopicPlan create(TopologyGraph graph, String applicationId, Map<String, Integer> sourcePartitions) {
        TreeSet<String> missing = new TreeSet<>(userSourceTopics(graph));
        missing.removeAll(sourcePartitions.keySet());
        if (!missing.isEmpty()) {
            throw new StreamsException("Source topic(s) " + missing + " of application " + applicationId + " do not "
                + "exist; create them before starting it");
        }
        List<Subtopology> subs = graph.subtopologies();
        Map<String, Integer> counts = new LinkedHashMap<>(sourcePartitions);
        graph.internalTopics().forEach((raw, n) -> {
            if (n > 0) {
                counts.put(raw, n);
            }
        });
        boolean progress = true;
        while (progress) {
            progress = false;
            for (String raw : graph.internalTopics().keySet()) {
                if (counts.containsKey(raw)) {
                    continue;
                }
                String like = graph.partitionedLike().get(raw);
                Integer max = like != null ? countOf(subs, like, raw, counts) : maxUpstream(graph, subs, raw, counts);
                if (max != null) {
                    counts.put(raw, max);
                    progress = true;
                }
            }
        }
        Map<Integer, Integer> tasks = new LinkedHashMap<>();
        for (Subtopology s : subs) {
            Map<String, Integer> of = new LinkedHashMap<>();
            for (String t : s.sourceTopics()) {
                Integer n = counts.get(t);
                if (n == null) {
                    throw new TopologyException("Cannot tell the partition count of topic " + t + ": its writers read "
                        + "only topics of unknown size (a cycle of repartition topics?)");
                }
                of.put(t, n);
            }
            if (of.values().stream().distinct().count() > 1) {
                throw new TopologyException("Sources of sub-topology " + s.id() + " are not co-partitioned: " + of
                    + "; give them the same partition count (or repartition one of them)");
            }
            tasks.put(s.id(), of.values().iterator().next());
        }
        Map<String, Integer> repartition = new LinkedHashMap<>();
        graph.internalTopics().keySet().forEach(raw -> repartition.put(graph.resolveTopic(applicationId, raw),
            counts.get(raw)));
        Map<String, Integer> changelogs = new LinkedHashMap<>();
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        for (Subtopology s : subs) {
            for (String store : s.stores()) {
                StoreFactory f = graph.stores().get(store);
                if (f.loggingEnabled()) {
                    String topic = TopologyGraph.changelogTopic(applicationId, store);
                    changelogs.put(topic, tasks.get(s.id()));
                    configs.put(topic, f.changelogConfig());
                }
            }
        }
        return new TopicPlan(tasks, repartition, changelogs, configs);
    }

    /** The largest partition count of the sources of the sub-topologies writing {@code raw}, if all are known. */
    /** The partition count of the sub-topology of {@code node}, from its sources other than {@code raw}. */
    private static @Nullable Integer countOf(List<Subtopology> subs, String node, String raw,
                                             Map<String, Integer> counts) {
        for (Subtopology s : subs) {
            if (s.nodes().contains(node)) {
                return s.sourceTopics().stream().filter(t -> !t.equals(raw)).map(counts::get)
                    .filter(java.util.Objects::nonNull).max(Integer::compare).orElse(null);
            }
        }
        return null;
    }

    private static Integer maxUpstream(TopologyGraph graph, List<Subtopology> subs, String raw,
                                       Map<String, Integer> counts) {
        int max = 0;
        for (Subtopology s : subs) {
            boolean writes = s.nodes().stream().anyMatch(n -> graph.nodes().get(n) instanceof NodeSpec.Sink sink
                && raw.equals(sink.topic()));
            if (!writes) {
                continue;
            }
            for (String t : s.sourceTopics()) {
                Integer n = counts.get(t);
                if (n == null) {
                    return null;
                }
                max = Math.max(max, n);
            }
        }
        return max == 0 ? null : max;
    }
}
