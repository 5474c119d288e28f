package io.tributary.cli;

import io.tributary.admin.TopicDescription;
import io.tributary.admin.TopicListing;
import io.tributary.cli.internal.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary topics list}: the topics, ordered by name, with partition count and replication factor. */
@Command(name = "list", description = "Lists the topics with their partition count and replication factor.")
final class TopicsListCommand extends ClientCommand {
    @Option(names = "--include-internal", description = "Also list internal topics such as __consumer_offsets.")
    boolean includeInternal;

    @Override
    int run() throws Exception {
        List<Map<String, Object>> topics = withAdmin(admin -> {
            List<TopicListing> listings = awaitAll(admin.listTopics(includeInternal));
            List<String> names = listings.stream().map(TopicListing::name).toList();
            Map<String, TopicDescription> described = names.isEmpty() ? Map.of()
                : await(admin.describeTopics(names));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (TopicListing listing : listings) {
                TopicDescription d = described.get(listing.name());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", listing.name());
                row.put("topicId", listing.topicId().toString());
                row.put("internal", listing.internal());
                row.put("partitions", d == null ? null : d.partitions().size());
                row.put("replicationFactor", d == null || d.partitions().isEmpty() ? null
                    : d.partitions().get(0).replicas().size());
                rows.add(row);
            }
            return rows;
        });
        Output output = output();
        if (output.isJson()) {
            output.json(topics);
        } else {
            output.table(List.of("TOPIC", "PARTITIONS", "REPLICATION-FACTOR"), topics.stream()
                .map(t -> Output.row(t.get("name"), t.get("partitions"), t.get("replicationFactor")))
                .toList());
        }
        return 0;
    }
}
