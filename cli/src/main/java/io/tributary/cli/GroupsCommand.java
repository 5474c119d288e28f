package io.tributary.cli;

import picocli.CommandLine.Command;

/** {@code tributary groups}: list, describe, reset the offsets of, and delete consumer groups. */
@Command(name = "groups", description = "List, describe, reset the offsets of, and delete consumer groups.",
    subcommands = {GroupsListCommand.class, GroupsDescribeCommand.class, GroupsResetOffsetsCommand.class,
        GroupsDeleteCommand.class})
final class GroupsCommand {
}
