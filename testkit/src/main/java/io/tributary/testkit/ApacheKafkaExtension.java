package io.tributary.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs a real Apache Kafka broker (single-node KRaft, broker and controller combined) in a
 * child JVM, for tests that must prove interoperability. The test's own class path must hold {@code kafka_2.13}
 * (test scope); the child JVM reuses it. One broker serves every test class of a test JVM that registers the
 * extension: it starts on first use (formatting its storage, about 5-15 s) and stops when the JVM's tests end.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ApacheKafkaExtension kafka = ApacheKafkaExtension.create();
 * }</pre>
 *
 * @since 0.1
 */
public final class ApacheKafkaExtension implements BeforeAllCallback, ParameterResolver {
    private static final long START_TIMEOUT_MILLIS = 120_000;
    private ApacheKafka kafka;

    private ApacheKafkaExtension() {
    }

    public static ApacheKafkaExtension create() {
        return new ApacheKafkaExtension();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(ApacheKafka.class, k -> ApacheKafka.start(), ApacheKafka.class);
    }

    /**
     * A second listener for fault-injection tests: the broker listens on {@code listenerPort} but advertises
     * {@code advertisedPort}, where a test runs a proxy to {@code listenerPort}; clients bootstrapped through the
     * proxy keep using it for every broker connection.
     */
    public record ProxiedListener(int advertisedPort, int listenerPort) {
    }

    /** The broker's proxied listener; see {@link ProxiedListener}. */
    public ProxiedListener proxiedListener() {
        if (kafka == null) {
            throw new IllegalStateException("Apache Kafka runs only from beforeAll on");
        }
        return new ProxiedListener(kafka.proxyPort, kafka.proxiedPort);
    }

    /** {@code host:port} for a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        if (kafka == null) {
            throw new IllegalStateException("Apache Kafka runs only from beforeAll on");
        }
        return "localhost:" + kafka.port;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == String.class && parameter.isAnnotated(BootstrapServers.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return bootstrapServers();
    }

    /** The running child JVM; closed by JUnit when the root context closes. */
    private static final class ApacheKafka implements ExtensionContext.Store.CloseableResource {
        private final Process process;
        private final Path dir;
        private final int port;
        private final int proxiedPort;
        private final int proxyPort;

        private ApacheKafka(Process process, Path dir, int port, int proxiedPort, int proxyPort) {
            this.process = process;
            this.dir = dir;
            this.port = port;
            this.proxiedPort = proxiedPort;
            this.proxyPort = proxyPort;
        }

        static ApacheKafka start() {
            try {
                Path dir = Files.createTempDirectory("apache-kafka-");
                int port = freePort();
                int controllerPort = freePort();
                int proxiedPort = freePort();
                int proxyPort = freePort();
                Path props = dir.resolve("server.properties");
                Files.write(props, properties(dir.resolve("data"), port, controllerPort, proxiedPort, proxyPort),
                    StandardCharsets.UTF_8);
                Process format = java(dir, "format.log", "kafka.tools.StorageTool", "format", "-t", clusterId(),
                    "-c", props.toString());
                if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    format.destroyForcibly();
                    throw new IllegalStateException("Formatting Kafka's storage failed:\n" + tail(dir, "format.log"));
                }
                Process kafka = java(dir, "kafka.log", "kafka.Kafka", props.toString());
                awaitReady(kafka, dir, port);
                return new ApacheKafka(kafka, dir, port, proxiedPort, proxyPort);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting Kafka", e);
            }
        }

        private static List<String> properties(Path data, int port, int controllerPort, int proxiedPort,
                                               int proxyPort) {
            return List.of(
                "node.id=1",
                "process.roles=broker,controller",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort
                    + ",PROXIED://localhost:" + proxiedPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port + ",PROXIED://localhost:" + proxyPort,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,PROXIED:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=1",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                // A transaction left open by a crashed client is aborted within a second of its time-out.
                "transaction.abort.timed.out.transaction.cleanup.interval.ms=1000",
                "group.initial.rebalance.delay.ms=0");
        }

        private static Process java(Path dir, String logName, String mainClass, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + log4jConfig(dir),
                "-cp", System.getProperty("java.class.path"), mainClass));
            command.addAll(List.of(args));
            return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile())
                .start();
        }

        /** Kafka logs through log4j2; keep it to warnings so that the child's log stays small. */
        private static String log4jConfig(Path dir) throws IOException {
            Path config = dir.resolve("log4j2.properties");
            if (!Files.exists(config)) {
                Files.writeString(config, String.join("\n",
                    "rootLogger.level=WARN", "rootLogger.appenderRef.out.ref=OUT",
                    "appender.out.type=Console", "appender.out.name=OUT",
                    "appender.out.layout.type=PatternLayout", "appender.out.layout.pattern=%d %p %c - %m%n", ""));
            }
            return config.toString();
        }

        private static void awaitReady(Process kafka, Path dir, int port) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
            while (System.nanoTime() < deadline) {
                if (!kafka.isAlive()) {
                    throw new IllegalStateException("Kafka exited with " + kafka.exitValue() + ":\n"
                        + tail(dir, "kafka.log"));
                }
                if (answersApiVersions(port)) {
                    return;
                }
                Thread.sleep(100);
            }
            kafka.destroyForcibly();
            throw new IllegalStateException("Kafka did not answer on port " + port + ":\n" + tail(dir, "kafka.log"));
        }

        /** Sends ApiVersions v0 and checks for an error-free answer. */
        private static boolean answersApiVersions(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 1000);
                socket.setSoTimeout(5000);
                byte[] clientId = "testkit".getBytes(StandardCharsets.UTF_8);
                ByteBuffer request = ByteBuffer.allocate(4 + 10 + clientId.length);
                request.putInt(10 + clientId.length).putShort((short) 18).putShort((short) 0).putInt(1)
                    .putShort((short) clientId.length).put(clientId);
                socket.getOutputStream().write(request.array());
                byte[] head = socket.getInputStream().readNBytes(10);
                ByteBuffer response = ByteBuffer.wrap(head);
                return head.length == 10 && response.getInt(4) == 1 && response.getShort(8) == 0;
            } catch (IOException e) {
                return false;
            }
        }

        /** A random cluster id; like Kafka's own, never starting with '-' (the tool would take it for a flag). */
        private static String clusterId() {
            while (true) {
                UUID uuid = UUID.randomUUID();
                ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
                String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
                if (!id.startsWith("-")) {
                    return id;
                }
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }

        private static String tail(Path dir, String logName) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(logName), StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        @Override
        public void close() throws InterruptedException, IOException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
