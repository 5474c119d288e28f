package io.tributary.cli;

import io.tributary.admin.Config;
import io.tributary.admin.ConfigEntry;
import io.tributary.admin.ConfigResource;
import io.tributary.cli.internal.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary configs describe --topic orders [--all]}: the configs set for a topic or broker, or with
 * {@code --all} every config with its effective value and where that value comes from.
 */
@Command(name = "describe", description = "Shows the configs set for a topic or broker (--all: every config).")
final class ConfigsDescribeCommand extends ClientCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    ConfigTarget target;

    @Option(names = "--all", description = "Every config, defaults included (default: only those set).")
    boolean all;

    @Override
    int run() throws Exception {
        ConfigResource resource = target.resource();
        Config config = withAdmin(admin -> await(admin.describeConfigs(resource)).get(resource));
        List<ConfigEntry> entries = config.entries().stream()
            .filter(e -> all || isSet(resource, e))
            .toList();
        Output output = output();
        if (output.isJson()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("resource", resource.type().name().toLowerCase(Locale.ROOT));
            json.put("name", resource.name());
            json.put("configs", entries.stream().map(ConfigsDescribeCommand::json).toList());
            output.json(json);
        } else {
            output.table(List.of("NAME", "VALUE", "SOURCE", "READ-ONLY"), entries.stream()
                .map(e -> Output.row(e.name(), e.sensitive() ? "(sensitive)" : e.value(), e.source().name(),
                    e.readOnly()))
                .toList());
        }
        return 0;
    }

    /** Whether someone set the config for this topic, or dynamically for this broker or all brokers. */
    private static boolean isSet(ConfigResource resource, ConfigEntry e) {
        return switch (e.source()) {
            case DYNAMIC_TOPIC_CONFIG -> resource.type() == ConfigResource.Type.TOPIC;
            case DYNAMIC_BROKER_CONFIG, DYNAMIC_DEFAULT_BROKER_CONFIG -> resource.type() == ConfigResource.Type.BROKER;
            default -> false;
        };
    }

    private static Map<String, Object> json(ConfigEntry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", e.name());
        json.put("value", e.sensitive() ? null : e.value());
        json.put("source", e.source().name());
        json.put("readOnly", e.readOnly());
        json.put("sensitive", e.sensitive());
        return json;
    }
}
