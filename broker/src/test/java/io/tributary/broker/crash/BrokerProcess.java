package io.tributary.broker.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Tributary broker in a child JVM ({@code io.tributary.broker.BrokerMain} on the test classpath), so that a test
 * can kill it with SIGKILL and start it again on the same data directory. The child's output goes to a file beside
 * its {@code server.properties}; {@link #output()} reads it for failure messages.
 *
 * <p>Not thread-safe, except {@link #kill()}, which any thread may call.
 */
final class BrokerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

    private final Path log;
    private final Process process;

    private BrokerProcess(Path log, Process process) {
        this.log = log;
        this.process = process;
    }

    /** A port that was free a moment ago, for a listener the client must know in advance. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code server.properties} into {@code dir}: one listener on {@code port}, data in {@code dir/data}. */
    static Path writeProperties(Path dir, int port) throws IOException {
        return Files.writeString(dir.resolve("server.properties"), String.join("\n",
            "node.id=1",
            "listeners=PLAINTEXT://localhost:" + port,
            "log.dirs=" + dir.resolve("data").toAbsolutePath(),
            "log.flush.interval.messages=1",
            "") + "\n");
    }

    /**
     * Starts {@code BrokerMain properties} in a child JVM and waits until {@code port} accepts connections.
     *
     * @param name names the output file, e.g. {@code "first"}
     * @throws IllegalStateException if the child exits or the port stays closed for 30 s; the child is killed
     */
    static BrokerProcess start(Path properties, int port, String name) throws IOException, InterruptedException {
        Path log = properties.resolveSibling("broker-" + name + ".out");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
            "-cp", System.getProperty("java.class.path"), "io.tributary.broker.BrokerMain", properties.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        BrokerProcess broker = new BrokerProcess(log, builder.start());
        try {
            broker.awaitListening(port);
        } catch (RuntimeException | InterruptedException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Broker exited with status " + process.exitValue() + " before "
                    + "listening on " + port + ":\n" + output());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Broker not listening on " + port + " after " + START_TIMEOUT + ":\n"
            + output());
    }

    /** Sends SIGKILL and waits (bounded) until the child is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Broker still running " + EXIT_TIMEOUT + " after SIGKILL");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What the child printed so far. */
    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
