package io.tributary.cli;

import io.tributary.cli.internal.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary groups delete --group billing}: deletes groups without members, with their offsets. */
@Command(name = "delete", description = "Deletes groups that have no members, and their committed offsets.")
final class GroupsDeleteCommand extends ClientCommand {
    @Option(names = "--group", required = true, paramLabel = "GROUP", description = "A group to delete; repeatable.")
    List<String> groups = new ArrayList<>();

    @Override
    int run() throws Exception {
        withAdmin(admin -> {
            awaitDone(admin.deleteGroups(groups));
            return null;
        });
        Output output = output();
        if (output.isJson()) {
            output.json(Map.of("deleted", groups));
        } else {
            groups.forEach(g -> output.line("Deleted group " + g + "."));
        }
        return 0;
    }
}
