package io.tributary.streams.internal.runtime;

import io.tributary.admin.NewTopic;
import io.tributary.admin.TopicDescription;
import io.tributary.admin.TopicListing;
import io.tributary.admin.TributaryAdmin;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import io.tributary.streams.StreamsException;
import io.tributary.streams.StreamsOptions;
import io.tributary.streams.internal.TopologyGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Prepares the topics of an application at start-up: checks that the user's source topics exist, plans partition
 * counts ({@link TopicPlan}), creates missing repartition and changelog topics and checks the partition counts of
 * existing ones. Stateless.
 */
final class TopicSetup {
    private TopicSetup() {
    }

    static Mono<TopicPlan> prepare(TributaryAdmin admin, TopologyGraph graph, StreamsOptions options) {
        List<String> sources = TopicPlan.userSourceTopics(graph);
        return admin.listTopics(true)
            .map(TopicListing::name)
            .collect(Collectors.toSet())
            .flatMap(existing -> partitionCounts(admin, sources.stream().filter(existing::contains).distinct()
                    .toList())
                .map(counts -> TopicPlan.create(graph, options.applicationId(), counts))
                .flatMap(plan -> createOrCheck(admin, plan, existing, options).thenReturn(plan)));
    }

    private static Mono<Map<String, Integer>> partitionCounts(TributaryAdmin admin, List<String> topics) {
        if (topics.isEmpty()) {
            return Mono.just(Map.of());
        }
        return admin.describeTopics(topics).map(TopicSetup::counts);
    }

    private static Map<String, Integer> counts(Map<String, TopicDescription> described) {
        Map<String, Integer> out = new HashMap<>();
        described.forEach((name, d) -> out.put(name, d.partitions().size()));
        return out;
    }

    private static Mono<Void> createOrCheck(TributaryAdmin admin, TopicPlan plan, Set<String> existing,
                                            StreamsOptions options) {
        Map<String, Integer> wanted = new LinkedHashMap<>(plan.repartitionTopics());
        wanted.putAll(plan.changelogTopics());
        List<NewTopic> create = new ArrayList<>();
        List<String> check = new ArrayList<>();
        wanted.forEach((topic, partitions) -> {
            if (existing.contains(topic)) {
                check.add(topic);
            } else {
                NewTopic t = NewTopic.of(topic, partitions, options.replicationFactor());
                if (plan.changelogTopics().containsKey(topic)) {
                    t = t.configs(plan.changelogConfigs().get(topic)).config("cleanup.policy", "compact");
                }
                create.add(t);
            }
        });
        Mono<Void> created = create.isEmpty() ? Mono.empty() : admin.createTopics(create)
            .onErrorResume(e -> e instanceof ApiException a && a.error() == ErrorCode.TOPIC_ALREADY_EXISTS,
                e -> Mono.empty())   // another instance created them first
            .then();
        Mono<Void> checked = check.isEmpty() ? Mono.empty() : partitionCounts(admin, check)
            .flatMap(counts -> {
                for (String topic : check) {
                    if (!counts.get(topic).equals(wanted.get(topic))) {
                        return Mono.error(new StreamsException("Internal topic " + topic + " has " + counts.get(topic)
                            + " partitions but the topology needs " + wanted.get(topic) + "; the source topics' "
                            + "partition counts changed: reset the application or delete the topic"));
                    }
                }
                return Mono.empty();
            });
        return created.then(checked);
    }
}
