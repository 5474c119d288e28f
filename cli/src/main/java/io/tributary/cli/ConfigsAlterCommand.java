package io.tributary.cli;

import io.tributary.admin.AlterConfigOp;
import io.tributary.admin.ConfigResource;
import io.tributary.cli.internal.KeyValue;
import io.tributary.cli.internal.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary configs alter --topic orders --add-config retention.ms=3600000 --delete-config segment.ms}. */
@Command(name = "alter", description = "Sets or removes configs of a topic or broker; others stay as they are.")
final class ConfigsAlterCommand extends ClientCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    ConfigTarget target;

    @Option(names = "--add-config", paramLabel = "KEY=VALUE", converter = KeyValue.Converter.class,
        description = "A config to set; repeatable.")
    List<KeyValue> add = new ArrayList<>();

    @Option(names = "--delete-config", paramLabel = "KEY",
        description = "A config to remove, so that its default applies again; repeatable.")
    List<String> delete = new ArrayList<>();

    @Override
    int run() throws Exception {
        if (add.isEmpty() && delete.isEmpty()) {
            throw usage("Nothing to alter: give --add-config or --delete-config");
        }
        ConfigResource resource = target.resource();
        List<AlterConfigOp> ops = new ArrayList<>();
        add.forEach(kv -> ops.add(AlterConfigOp.set(kv.key(), kv.value())));
        delete.forEach(key -> ops.add(AlterConfigOp.delete(key)));
        withAdmin(admin -> {
            if (resource.type() == ConfigResource.Type.TOPIC) {
                // An unknown topic fails with its own error rather than a generic config error.
                await(admin.describeTopics(List.of(resource.name())));
            }
            awaitDone(admin.incrementalAlterConfigs(Map.of(resource, ops)));
            return null;
        });
        Output output = output();
        if (output.isJson()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("resource", resource.type().name().toLowerCase(Locale.ROOT));
            json.put("name", resource.name());
            json.put("set", KeyValue.toMap(add));
            json.put("deleted", delete);
            output.json(json);
        } else {
            List<String> changes = new ArrayList<>();
            add.forEach(kv -> changes.add(kv.key() + "=" + kv.value()));
            delete.forEach(key -> changes.add("deleted " + key));
            output.line("Altered configs of " + resource + ": " + String.join(", ", changes) + ".");
        }
        return 0;
    }
}
