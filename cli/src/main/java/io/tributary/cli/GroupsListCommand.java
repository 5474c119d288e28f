package io.tributary.cli;

import io.tributary.admin.GroupListing;
import io.tributary.cli.internal.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code tributary groups list}: every group of every broker, ordered by id, with state and type. */
@Command(name = "list", description = "Lists the groups with their state and protocol.")
final class GroupsListCommand extends ClientCommand {
    @Override
    int run() throws Exception {
        List<GroupListing> groups = withAdmin(admin -> awaitAll(admin.listGroups()));
        Output output = output();
        if (output.isJson()) {
            output.json(groups.stream().map(g -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("group", g.groupId());
                json.put("state", g.state().kafkaName());
                json.put("type", g.type().name().toLowerCase(Locale.ROOT));
                json.put("protocolType", g.protocolType());
                return json;
            }).toList());
        } else {
            output.table(List.of("GROUP", "STATE", "TYPE", "PROTOCOL-TYPE"), groups.stream()
                .map(g -> Output.row(g.groupId(), g.state().kafkaName(),
                    g.type().name().toLowerCase(Locale.ROOT),
                    g.protocolType().isEmpty() ? null : g.protocolType()))
                .toList());
        }
        return 0;
    }
}
