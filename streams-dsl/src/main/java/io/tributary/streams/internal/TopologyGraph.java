package io.tributary.streams.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.streams.TopologyDescription;
import io.tributary.streams.TopologyException;
import io.tributary.streams.internal.state.StoreFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topology as a graph of declared nodes, stores and internal topics. Built by {@code Topology} and the DSL on
 * one thread; read-only once the topology is built (tasks and the runtime only read it).
 */
public final class TopologyGraph {
    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, StoreFactory> stores = new LinkedHashMap<>();
    private final Map<String, Set<String>> storeUsers = new LinkedHashMap<>();
    private final Map<String, Integer> internalTopics = new LinkedHashMap<>();
    /** Internal topics that must have the partition count of the sub-topology of a node (raw name to node). */
    private final Map<String, String> partitionedLike = new LinkedHashMap<>();
    private final Map<String, String> globalTopics = new LinkedHashMap<>();

    public void addNode(NodeSpec node) {
        requireNonNull(node, "node");
        if (nodes.containsKey(node.name())) {
            throw new TopologyException("Node name " + node.name() + " is used twice");
        }
        for (String parent : node.parents()) {
            NodeSpec p = nodes.get(parent);
            if (p == null) {
                throw new TopologyException("Node " + node.name() + " names an unknown parent " + parent);
            }
            if (p instanceof NodeSpec.Sink) {
                throw new TopologyException("Sink " + parent + " cannot be the parent of " + node.name());
            }
        }
        if (node instanceof NodeSpec.Source s) {
            for (String topic : s.topics()) {
                if (globalTopics.containsValue(topic)) {
                    throw new TopologyException("Topic " + topic + " is read by a global table and by the source "
                        + s.name());
                }
                for (NodeSpec other : nodes.values()) {
                    if (other instanceof NodeSpec.Source o && o.topics().contains(topic)) {
                        throw new TopologyException("Topic " + topic + " is read by two sources, " + o.name()
                            + " and " + s.name());
                    }
                }
            }
        }
        nodes.put(node.name(), node);
    }

    /** Adds a store, used by {@code processors}. */
    public void addStore(StoreFactory store, String... processors) {
        if (stores.containsKey(store.name())) {
            throw new TopologyException("Store name " + store.name() + " is used twice");
        }
        stores.put(store.name(), store);
        storeUsers.put(store.name(), new LinkedHashSet<>());
        for (String p : processors) {
            connectStore(p, store.name());
        }
    }

    /**
     * Adds a global store: one instance shared by all tasks, holding all partitions of {@code topic} (a user
     * topic), loaded before processing starts and kept up to date by the runtime, not by a task.
     */
    public void addGlobalStore(StoreFactory store, String topic) {
        requireNonNull(topic, "topic");
        if (store.loggingEnabled()) {
            throw new IllegalArgumentException("global store " + store.name() + " must not have a changelog");
        }
        boolean read = globalTopics.containsValue(topic) || nodes.values().stream()
            .anyMatch(n -> n instanceof NodeSpec.Source s && s.topics().contains(topic));
        if (read) {
            throw new TopologyException("Topic " + topic + " is read twice: a global table must be the only reader");
        }
        addStore(store);
        globalTopics.put(store.name(), topic);
    }

    /** Global store name to the topic it holds (wire name: a user topic). */
    public Map<String, String> globalTopics() {
        return globalTopics;
    }

    public boolean isGlobalStore(String name) {
        return globalTopics.containsKey(name);
    }

    public boolean hasStore(String name) {
        return stores.containsKey(name);
    }

    public void connectStore(String processor, String store) {
        if (!(nodes.get(processor) instanceof NodeSpec.Processor)) {
            throw new TopologyException("Store " + store + " can only be connected to a processor; " + processor
                + " is none");
        }
        Set<String> users = storeUsers.get(store);
        if (users == null) {
            throw new TopologyException("Processor " + processor + " uses the unknown store " + store);
        }
        users.add(processor);
    }

    /** Declares an internal topic (raw name, e.g. {@code counts-repartition}); partitions 0 means "derive". */
    public void addInternalTopic(String rawName, int partitions) {
        if (internalTopics.containsKey(rawName)) {
            throw new TopologyException("Internal topic " + rawName + " is declared twice: two operations have the "
                + "same name");
        }
        internalTopics.put(rawName, partitions);
    }

    /**
     * Declares an internal topic read in the sub-topology of {@code node} alongside its other sources, so it gets
     * their partition count (a foreign-key join's topics), not its writers'.
     */
    public void addInternalTopicPartitionedLike(String rawName, String node) {
        addInternalTopic(rawName, 0);
        partitionedLike.put(rawName, node);
    }

    /** Raw internal topic name to the node whose sub-topology's partition count it takes. */
    public Map<String, String> partitionedLike() {
        return partitionedLike;
    }

    public Map<String, NodeSpec> nodes() {
        return nodes;
    }

    public Map<String, StoreFactory> stores() {
        return stores;
    }

    public Map<String, Integer> internalTopics() {
        return internalTopics;
    }

    /** The stores connected to {@code processor}. */
    public Set<String> storesOf(String processor) {
        Set<String> out = new LinkedHashSet<>();
        storeUsers.forEach((store, users) -> {
            if (users.contains(processor)) {
                out.add(store);
            }
        });
        return out;
    }

    /** Children of {@code node}, in declaration order. */
    public List<String> children(String node) {
        List<String> out = new ArrayList<>();
        for (NodeSpec n : nodes.values()) {
            if (n.parents().contains(node)) {
                out.add(n.name());
            }
        }
        return out;
    }

    /** The topic name on the wire: internal topics get the application id as prefix. */
    public String resolveTopic(String applicationId, String rawTopic) {
        return internalTopics.containsKey(rawTopic) ? applicationId + "-" + rawTopic : rawTopic;
    }

    public static String changelogTopic(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    /** Splits the graph into sub-topologies: nodes joined by parent edges or a shared store. */
    public List<Subtopology> subtopologies() {
        Map<String, String> root = new LinkedHashMap<>();
        nodes.keySet().forEach(n -> root.put(n, n));
        for (NodeSpec n : nodes.values()) {
            n.parents().forEach(p -> union(root, p, n.name()));
        }
        storeUsers.forEach((store, users) -> {
            if (isGlobalStore(store)) {
                return;   // every task has the global stores: they do not tie sub-topologies together
            }
            String first = null;
            for (String u : users) {
                if (first == null) {
                    first = u;
                } else {
                    union(root, first, u);
                }
            }
        });
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String n : nodes.keySet()) {
            groups.computeIfAbsent(find(root, n), k -> new ArrayList<>()).add(n);
        }
        List<Subtopology> out = new ArrayList<>();
        for (List<String> members : groups.values()) {
            List<String> topics = new ArrayList<>();
            Set<String> used = new LinkedHashSet<>();
            for (String m : members) {
                if (nodes.get(m) instanceof NodeSpec.Source s) {
                    topics.addAll(s.topics());
                }
                storesOf(m).stream().filter(st -> !isGlobalStore(st)).forEach(used::add);
            }
            out.add(new Subtopology(out.size(), List.copyOf(members), List.copyOf(topics), Set.copyOf(used)));
        }
        return out;
    }

    /** Checks what the runtime needs: every node reachable from a source, every store used by someone. */
    public void validate() {
        for (NodeSpec n : nodes.values()) {
            if (!(n instanceof NodeSpec.Source) && n.parents().isEmpty()) {
                throw new TopologyException("Node " + n.name() + " has no parent");
            }
        }
        if (nodes.values().stream().noneMatch(n -> n instanceof NodeSpec.Source)) {
            throw new TopologyException("The topology has no source: read a topic with StreamsBuilder.stream/table "
                + "or Topology.addSource");
        }
    }

    public TopologyDescription describe() {
        List<TopologyDescription.Subtopology> subs = new ArrayList<>();
        for (Subtopology s : subtopologies()) {
            List<TopologyDescription.Node> described = new ArrayList<>();
            for (String name : s.nodes()) {
                NodeSpec n = nodes.get(name);
                String kind;
                List<String> topics;
                if (n instanceof NodeSpec.Source src) {
                    kind = "Source";
                    topics = src.topics();
                } else if (n instanceof NodeSpec.Sink sink) {
                    kind = "Sink";
                    topics = sink.topic() == null ? List.of("<extractor>") : List.of(sink.topic());
                } else {
                    kind = "Processor";
                    topics = List.of();
                }
                described.add(new TopologyDescription.Node(name, kind, topics, List.copyOf(storesOf(name)),
                    n.parents(), children(name)));
            }
            subs.add(new TopologyDescription.Subtopology(s.id(), described));
        }
        return new TopologyDescription(subs);
    }

    private static void union(Map<String, String> root, String a, String b) {
        String ra = find(root, a);
        String rb = find(root, b);
        if (!ra.equals(rb)) {
            root.put(rb, ra);
        }
    }

    private static String find(Map<String, String> root, String n) {
        String r = n;
        while (!root.get(r).equals(r)) {
            r = root.get(r);
        }
        return r;
    }
}
