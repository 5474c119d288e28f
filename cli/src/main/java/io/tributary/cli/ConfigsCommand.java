package io.tributary.cli;

import picocli.CommandLine.Command;

/** {@code tributary configs}: describe and alter the configs of topics and brokers. */
@Command(name = "configs", description = "Describe and alter the configs of topics and brokers.",
    subcommands = {ConfigsDescribeCommand.class, ConfigsAlterCommand.class})
final class ConfigsCommand {
}
