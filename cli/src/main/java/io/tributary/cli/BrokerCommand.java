package io.tributary.cli;

import picocli.CommandLine.Command;

/** {@code tributary broker}: run a Tributary broker. */
@Command(name = "broker", description = "Runs a Tributary broker.", subcommands = {BrokerStartCommand.class})
final class BrokerCommand {
}
