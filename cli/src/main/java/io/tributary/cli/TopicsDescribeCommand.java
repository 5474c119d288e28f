package io.tributary.cli;

import io.tributary.admin.BrokerNode;
import io.tributary.admin.Config;
import io.tributary.admin.ConfigEntry;
import io.tributary.admin.ConfigResource;
import io.tributary.admin.TopicDescription;
import io.tributary.admin.TopicListing;
import io.tributary.admin.TopicPartitionInfo;
import io.tributary.cli.internal.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary topics describe --topic orders}: each topic's id, partition count, replication factor, config
 * overrides, and per partition its leader, replicas and in-sync replicas.
 */
@Command(name = "describe", description = "Describes topics: partitions, leaders, replicas and config overrides.")
final class TopicsDescribeCommand extends ClientCommand {
    @Option(names = "--topic", paramLabel = "TOPIC",
        description = "A topic to describe; repeatable (default: every topic that is not internal).")
    List<String> topics = new ArrayList<>();

    @Override
    int run() throws Exception {
        List<Map<String, Object>> described = withAdmin(admin -> {
            List<String> names = topics;
            if (names.isEmpty()) {
                names = awaitAll(admin.listTopics()).stream().map(TopicListing::name).toList();
            }
            if (names.isEmpty()) {
                return List.<Map<String, Object>>of();
            }
            Map<String, TopicDescription> descriptions = await(admin.describeTopics(names));
            Map<ConfigResource, Config> configs = await(admin.describeConfigs(names.stream()
                .map(ConfigResource::topic).toArray(ConfigResource[]::new)));
            List<Map<String, Object>> result = new ArrayList<>();
            for (TopicDescription d : descriptions.values()) {
                result.add(json(d, configs.get(ConfigResource.topic(d.name()))));
            }
            return result;
        });
        Output output = output();
        if (output.isJson()) {
            output.json(described);
            return 0;
        }
        boolean first = true;
        for (Map<String, Object> topic : described) {
            if (!first) {
                output.line("");
            }
            first = false;
            printTable(output, topic);
        }
        return 0;
    }

    private static Map<String, Object> json(TopicDescription d, Config config) {
        Map<String, Object> topic = new LinkedHashMap<>();
        topic.put("name", d.name());
        topic.put("topicId", d.topicId().toString());
        topic.put("internal", d.internal());
        topic.put("partitionCount", d.partitions().size());
        topic.put("replicationFactor", d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size());
        Map<String, String> overrides = new LinkedHashMap<>();
        if (config != null) {
            for (ConfigEntry e : config.entries()) {
                if (e.source() == ConfigEntry.Source.DYNAMIC_TOPIC_CONFIG) {
                    overrides.put(e.name(), e.sensitive() ? "(sensitive)" : e.value());
                }
            }
        }
        topic.put("configs", overrides);
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (TopicPartitionInfo p : d.partitions()) {
            Map<String, Object> partition = new LinkedHashMap<>();
            partition.put("partition", p.partition());
            partition.put("leader", p.leader() == null ? null : p.leader().id());
            partition.put("replicas", p.replicas().stream().map(BrokerNode::id).toList());
            partition.put("isr", p.isr().stream().map(BrokerNode::id).toList());
            partitions.add(partition);
        }
        topic.put("partitions", partitions);
        return topic;
    }

    @SuppressWarnings("unchecked")
    private static void printTable(Output output, Map<String, Object> topic) {
        Map<String, String> configs = (Map<String, String>) topic.get("configs");
        output.line("Topic: " + topic.get("name") + "  TopicId: " + topic.get("topicId") + "  PartitionCount: "
            + topic.get("partitionCount") + "  ReplicationFactor: " + topic.get("replicationFactor")
            + "  Configs: " + configs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")));
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) topic.get("partitions")) {
            rows.add(Output.row(p.get("partition"), p.get("leader"), ids(p.get("replicas")), ids(p.get("isr"))));
        }
        output.table(List.of("PARTITION", "LEADER", "REPLICAS", "ISR"), rows);
    }

    private static String ids(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
