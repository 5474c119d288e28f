package io.tributary.cli;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.EmbeddedBroker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary broker start [--config server.properties] [--port 9092] [--data-dir dir]}: runs the broker in
 * the foreground until Ctrl-C (or SIGTERM), then shuts it down gracefully. The options override the file's
 * {@code listeners} port and {@code log.dirs}; without a file the broker listens on {@code localhost:9092} and keeps
 * its data in {@code log.dir}'s default ({@code /tmp/tributary-logs}), which survives restarts.
 */
@Command(name = "start", description = "Runs a Tributary broker in the foreground until Ctrl-C.")
final class BrokerStartCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
        description = "A server.properties file with Kafka's broker config names.")
    @Nullable Path config;

    @Option(names = "--port", paramLabel = "PORT",
        description = "The port to listen on (default: 9092, or the listeners of --config); 0 picks a free one.")
    @Nullable Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Where the broker keeps its logs (default: log.dirs of --config, else /tmp/tributary-logs).")
    @Nullable Path dataDir;

    @Option(names = {"-v", "--verbose"}, description = "Log at INFO and print stack traces of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BrokerConfig broker = config != null ? BrokerConfig.load(config) : BrokerConfig.defaults();
        String host = broker.isSet("listeners") ? broker.listener().host() : "localhost";
        if (port != null) {
            broker = broker.listener(host, port);
        } else if (!broker.isSet("listeners")) {
            broker = broker.listener(host, 9092);
        }
        Path dir = dataDir != null ? dataDir : broker.logDir();
        broker = broker.logDir(dir);
        CliContext context = ((Tributary) spec.root().userObject()).context();
        PrintWriter out = spec.commandLine().getOut();
        try (EmbeddedBroker running = EmbeddedBroker.create(broker).start()) {
            out.println("Tributary broker " + broker.nodeId() + " listening on " + running.bootstrapServers()
                + ", data in " + dir.toAbsolutePath() + " (Ctrl-C to stop)");
            out.flush();
            context.stop().awaitRequest();
        }
        out.println("Tributary broker stopped.");
        out.flush();
        return 0;
    }
}
