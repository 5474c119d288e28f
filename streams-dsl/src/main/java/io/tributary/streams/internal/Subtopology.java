package io.tributary.streams.internal;

import java.util.List;
import java.util.Set;

/**
 * A connected part of the topology: nodes linked by parent edges or a shared store. Sub-topologies meet only
 * through topics (repartition topics), so each partition of one runs as an independent task.
 *
 * @param id           the index, in order of the first node declared
 * @param nodes        node names in declaration order (parents before children)
 * @param sourceTopics raw topic names read
 * @param stores       store names used
 */
public record Subtopology(int id, List<String> nodes, List<String> sourceTopics, Set<String> stores) {
}
