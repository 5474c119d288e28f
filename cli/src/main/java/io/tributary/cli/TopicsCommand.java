package io.tributary.cli;

import picocli.CommandLine.Command;

/** {@code tributary topics}: create, list, describe, alter and delete topics. */
@Command(name = "topics", description = "Create, list, describe, alter and delete topics.",
    subcommands = {TopicsCreateCommand.class, TopicsListCommand.class, TopicsDescribeCommand.class,
        TopicsAlterCommand.class, TopicsDeleteCommand.class})
final class TopicsCommand {
}
