package io.tributary.cli;

import io.tributary.admin.AlterConfigOp;
import io.tributary.admin.ConfigResource;
import io.tributary.cli.internal.KeyValue;
import io.tributary.cli.internal.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary topics alter --topic orders --partitions 6 --config retention.ms=3600000}. */
@Command(name = "alter", description = "Grows a topic's partition count and sets or removes config overrides.")
final class TopicsAlterCommand extends ClientCommand {
    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to alter.")
    String topic;

    @Option(names = "--partitions", paramLabel = "N", description = "The new, larger partition count.")
    @Nullable Integer partitions;

    @Option(names = "--config", paramLabel = "KEY=VALUE", converter = KeyValue.Converter.class,
        description = "A config override to set; repeatable.")
    List<KeyValue> configs = new ArrayList<>();

    @Option(names = "--delete-config", paramLabel = "KEY",
        description = "A config override to remove (back to the default); repeatable.")
    List<String> deleteConfigs = new ArrayList<>();

    @Override
    int run() throws Exception {
        if (partitions == null && configs.isEmpty() && deleteConfigs.isEmpty()) {
            throw usage("Nothing to alter: give --partitions, --config or --delete-config");
        }
        if (partitions != null && partitions < 1) {
            throw usage("--partitions must be positive, was " + partitions);
        }
        List<AlterConfigOp> ops = new ArrayList<>();
        configs.forEach(kv -> ops.add(AlterConfigOp.set(kv.key(), kv.value())));
        deleteConfigs.forEach(key -> ops.add(AlterConfigOp.delete(key)));
        withAdmin(admin -> {
            // Check the topic first, so that an unknown topic fails with its own error before anything changes.
            await(admin.describeTopics(List.of(topic)));
            if (partitions != null) {
                awaitDone(admin.createPartitions(Map.of(topic, partitions)));
            }
            if (!ops.isEmpty()) {
                awaitDone(admin.incrementalAlterConfigs(Map.of(ConfigResource.topic(topic), ops)));
            }
            return null;
        });
        Output output = output();
        if (output.isJson()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("topic", topic);
            json.put("partitions", partitions);
            json.put("set", KeyValue.toMap(configs));
            json.put("deleted", deleteConfigs);
            output.json(json);
        } else {
            List<String> changes = new ArrayList<>();
            if (partitions != null) {
                changes.add("partitions=" + partitions);
            }
            configs.forEach(kv -> changes.add(kv.key() + "=" + kv.value()));
            deleteConfigs.forEach(key -> changes.add("deleted " + key));
            output.line("Altered topic " + topic + ": " + String.join(", ", changes) + ".");
        }
        return 0;
    }
}
