package io.tributary.cli;

import picocli.CommandLine.Command;

/** {@code tributary cluster}: what the cluster is made of. */
@Command(name = "cluster", description = "Shows the cluster: id, controller and brokers.",
    subcommands = {ClusterInfoCommand.class})
final class ClusterCommand {
}
