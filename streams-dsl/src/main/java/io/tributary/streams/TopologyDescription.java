package io.tributary.streams;

import java.util.List;

/**
 * What a {@link Topology} consists of: sub-topologies (parts that meet only through topics) and their nodes.
 * {@link #toString()} prints it in the layout Kafka Streams users know.
 *
 * @param subtopologies the sub-topologies, by index
 * @since 0.1
 */
public record TopologyDescription(List<Subtopology> subtopologies) {
    public TopologyDescription {
        subtopologies = List.copyOf(subtopologies);
    }

    /**
     * One sub-topology: its tasks are its partitions.
     *
     * @param id    the index
     * @param nodes the nodes, parents before children
     */
    public record Subtopology(int id, List<Node> nodes) {
        public Subtopology {
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * One node.
     *
     * @param name         the node name
     * @param kind         {@code Source}, {@code Processor} or {@code Sink}
     * @param topics       the topics a source reads or a sink writes (internal topics without the application id)
     * @param stores       the stores a processor uses
     * @param predecessors parent node names
     * @param successors   child node names
     */
    public record Node(String name, String kind, List<String> topics, List<String> stores, List<String> predecessors,
                       List<String> successors) {
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Topologies:\n");
        for (Subtopology s : subtopologies) {
            b.append("   Sub-topology: ").append(s.id()).append('\n');
            for (Node n : s.nodes()) {
                b.append("    ").append(n.kind()).append(": ").append(n.name());
                if (n.kind().equals("Source")) {
                    b.append(" (topics: ").append(n.topics()).append(')');
                } else if (n.kind().equals("Sink")) {
                    b.append(" (topic: ").append(n.topics().get(0)).append(')');
                } else {
                    b.append(" (stores: ").append(n.stores()).append(')');
                }
                b.append('\n');
                if (!n.successors().isEmpty()) {
                    b.append("      --> ").append(String.join(", ", n.successors())).append('\n');
                }
                if (!n.predecessors().isEmpty()) {
                    b.append("      <-- ").append(String.join(", ", n.predecessors())).append('\n');
                }
            }
        }
        return b.toString();
    }
}
