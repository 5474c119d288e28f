package io.tributary.cli;

import picocli.CommandLine.Command;

/** {@code tributary perf}: producer throughput, consumer throughput and end-to-end latency. */
@Command(name = "perf", description = "Measures producer and consumer throughput and end-to-end latency.",
    subcommands = {PerfProduceCommand.class, PerfConsumeCommand.class, PerfEndToEndCommand.class})
final class PerfCommand {
}
