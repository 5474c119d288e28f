package io.tributary.broker;

import io.tributary.broker.internal.Broker;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point: {@code BrokerMain <server.properties>}. Starts the broker and runs until the JVM is
 * asked to stop (SIGTERM, SIGINT), then shuts down gracefully: stops accepting, flushes logs, writes checkpoints.
 * A configuration error exits with status 2 and a message naming the key.
 *
 * @since 0.1
 */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: tributary-broker <server.properties>");
            System.exit(2);
        }
        BrokerConfig config;
        try {
            config = BrokerConfig.load(Path.of(args[0]));
        } catch (IllegalArgumentException e) {
            System.err.println("tributary-broker: " + e.getMessage());
            System.exit(2);
            return;
        }
        Broker broker = new Broker(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "tributary-shutdown"));
        broker.start();
        stopped.await();
    }
}
