package io.tributary.cli;

import io.tributary.admin.CreatedTopic;
import io.tributary.admin.NewTopic;
import io.tributary.cli.internal.ErrorMessages;
import io.tributary.cli.internal.KeyValue;
import io.tributary.cli.internal.Output;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary topics create --topic orders --partitions 3 --config retention.ms=86400000}. */
@Command(name = "create", description = "Creates a topic.")
final class TopicsCreateCommand extends ClientCommand {
    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to create.")
    String topic;

    @Option(names = "--partitions", paramLabel = "N",
        description = "Partition count (default: the broker's num.partitions).")
    @Nullable Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "N",
        description = "Replicas per partition (default: the broker's default.replication.factor).")
    @Nullable Short replicationFactor;

    @Option(names = "--config", paramLabel = "KEY=VALUE", converter = KeyValue.Converter.class,
        description = "A topic config override, e.g. retention.ms=86400000; repeatable.")
    List<KeyValue> configs = new ArrayList<>();

    @Option(names = "--if-not-exists", description = "Succeed if the topic exists already.")
    boolean ifNotExists;

    @Override
    int run() throws Exception {
        if (partitions != null && partitions < 1) {
            throw usage("--partitions must be positive, was " + partitions);
        }
        if (replicationFactor != null && replicationFactor < 1) {
            throw usage("--replication-factor must be positive, was " + replicationFactor);
        }
        NewTopic newTopic = new NewTopic(topic, partitions == null ? NewTopic.BROKER_DEFAULT : partitions,
            replicationFactor == null ? NewTopic.BROKER_DEFAULT : replicationFactor, KeyValue.toMap(configs));
        CreatedTopic created;
        try {
            created = withAdmin(admin -> await(admin.createTopics(List.of(newTopic)))).get(topic);
        } catch (RuntimeException e) {
            if (ifNotExists && ErrorMessages.unwrap(e) instanceof ApiException api
                && api.error() == ErrorCode.TOPIC_ALREADY_EXISTS) {
                return printExisting();
            }
            throw e;
        }
        Output output = output();
        if (output.isJson()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", created.name());
            json.put("topicId", created.topicId().toString());
            json.put("partitions", created.partitions());
            json.put("replicationFactor", created.replicationFactor());
            json.put("created", true);
            output.json(json);
        } else {
            output.line("Created topic " + created.name() + " with " + created.partitions()
                + " partition(s), replication factor " + created.replicationFactor() + ".");
        }
        return 0;
    }

    private int printExisting() {
        Output output = output();
        if (output.isJson()) {
            output.json(Map.of("name", topic, "created", false));
        } else {
            output.line("Topic " + topic + " exists already.");
        }
        return 0;
    }
}
