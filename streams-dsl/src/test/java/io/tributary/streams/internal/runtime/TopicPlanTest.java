package io.tributary.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.streams.GlobalKTable;
import io.tributary.streams.Grouped;
import io.tributary.streams.KTable;
import io.tributary.streams.Materialized;
import io.tributary.streams.Repartitioned;
import io.tributary.streams.StreamsBuilder;
import io.tributary.streams.StreamsException;
import io.tributary.streams.TopologyException;
import io.tributary.streams.internal.Access;
import io.tributary.streams.internal.TopologyGraph;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TopicPlanTest {
    private static TopologyGraph wordCount() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("lines").groupBy((k, v) -> v, Grouped.as("words")).count(Materialized.as("counts"));
        return Access.graph(b.build());
    }

    @Test
    void repartitionTopicsGetTheLargestUpstreamPartitionCountAndChangelogsOneRowPerTask() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(java.util.List.of("small", "big"), null)
            .groupBy((k, v) -> v, Grouped.as("words"))
            .count(Materialized.as("counts"));
        // Two topics with different counts in one sub-topology: not co-partitioned.
        assertThatThrownBy(() -> TopicPlan.create(Access.graph(b.build()), "app", Map.of("small", 2, "big", 5)))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("Sources of sub-topology 0 are not co-partitioned");
        TopicPlan plan = TopicPlan.create(wordCount(), "app", Map.of("lines", 4));
        assertThat(plan.repartitionTopics()).containsExactly(Map.entry("app-words-repartition", 4));
        assertThat(plan.changelogTopics()).containsExactly(Map.entry("app-counts-changelog", 4));
        assertThat(plan.taskCounts()).containsExactly(Map.entry(0, 4), Map.entry(1, 4));
    }

    @Test
    void anExplicitRepartitionCountWinsAndFlowsDownstream() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .repartition(Repartitioned.<String, String>as("spread").withNumberOfPartitions(7))
            .groupBy((k, v) -> v, Grouped.as("words"))
            .count(Materialized.as("counts"));
        TopicPlan plan = TopicPlan.create(Access.graph(b.build()), "app", Map.of("in", 2));
        assertThat(plan.repartitionTopics()).containsEntry("app-spread-repartition", 7)
            .containsEntry("app-words-repartition", 7);
        assertThat(plan.changelogTopics()).containsEntry("app-counts-changelog", 7);
    }

    @Test
    void missingSourceTopicsAreNamed() {
        assertThatThrownBy(() -> TopicPlan.create(wordCount(), "app", Map.of()))
            .isInstanceOf(StreamsException.class)
            .hasMessage("Source topic(s) [lines] of application app do not exist; create them before starting it");
    }

    @Test
    void aJoinNeedsCoPartitionedSources() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> t = b.table("table");
        b.<String, String>stream("stream").join(t, (x, y) -> x).to("out");
        assertThatThrownBy(() -> TopicPlan.create(Access.graph(b.build()), "app", Map.of("table", 3, "stream", 2)))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("not co-partitioned");
        assertThat(TopicPlan.create(Access.graph(b.build()), "app", Map.of("table", 3, "stream", 3)).changelogTopics())
            .containsExactly(Map.entry("app-table-table-changelog", 3));
    }

    @Test
    void aGlobalTableTopicMustExistButTakesNoPartInCoPartitioningOrChangelogs() {
        StreamsBuilder b = new StreamsBuilder();
        GlobalKTable<String, String> users = b.globalTable("users", Materialized.as("users-store"));
        b.<String, String>stream("orders").join(users, (k, v) -> v, (v, u) -> u).to("out");
        TopologyGraph graph = Access.graph(b.build());
        assertThatThrownBy(() -> TopicPlan.create(graph, "app", Map.of("orders", 2)))
            .isInstanceOf(StreamsException.class)
            .hasMessageContaining("[users]");
        TopicPlan plan = TopicPlan.create(graph, "app", Map.of("orders", 2, "users", 5));
        assertThat(plan.taskCounts()).containsExactly(Map.entry(0, 2));
        assertThat(plan.changelogTopics()).isEmpty();
        assertThat(plan.repartitionTopics()).isEmpty();
    }
}
