package io.tributary.benchmarks.harness;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Uuid;

/**
 * One broker under test, running as a child JVM: Apache Kafka in single-node KRaft mode (combined broker and
 * controller, storage formatted first) or Tributary's {@code BrokerMain}. Starting it measures the start-up time
 * (process start to port open, and to the first answered ApiVersions request); while it runs, a sampler reads the
 * process's peak resident set size ({@code VmHWM} in {@code /proc/<pid>/status}).
 *
 * <p>Owned by {@link SideBySide}; not thread-safe apart from the sampler, which only writes an atomic.
 */
final class BrokerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final ChildJvm jvm;
    private final int port;
    private final long portOpenMillis;
    private final long readyMillis;
    private final AtomicLong peakRssKb = new AtomicLong();
    private final ScheduledExecutorService sampler;

    private BrokerProcess(ChildJvm jvm, int port, long portOpenMillis, long readyMillis) {
        this.jvm = jvm;
        this.port = port;
        this.portOpenMillis = portOpenMillis;
        this.readyMillis = readyMillis;
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rss-sampler-" + jvm.name());
            t.setDaemon(true);
            return t;
        });
        sampleRss();
        sampler.scheduleAtFixedRate(this::sampleRss, 200, 200, TimeUnit.MILLISECONDS);
    }

    /**
     * Formats a KRaft storage directory and starts {@code kafka.Kafka} on {@code port} (controller on
     * {@code controllerPort}); returns once it answers ApiVersions. The format time is written to {@code notes}.
     */
    static BrokerProcess startKafka(Settings settings, Path dataDir, int port, int controllerPort, List<String> notes)
            throws IOException, InterruptedException {
        Path props = settings.workDir().resolve("kafka-server.properties");
        List<String> lines = new ArrayList<>(commonBrokerProperties(dataDir));
        lines.add("process.roles=broker,controller");
        lines.add("controller.quorum.voters=1@localhost:" + controllerPort);
        lines.add("listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        lines.add("advertised.listeners=PLAINTEXT://localhost:" + port);
        lines.add("controller.listener.names=CONTROLLER");
        lines.add("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        lines.add("inter.broker.listener.name=PLAINTEXT");
        Files.write(props, lines, StandardCharsets.UTF_8);

        String clusterId = Uuid.randomUuid().toString();
        long formatStart = System.nanoTime();
        ChildJvm format = ChildJvm.start("kafka-format", settings.toolJvmOptions(), settings.kafkaClasspath(),
            "kafka.tools.StorageTool", List.of("format", "-t", clusterId, "-c", props.toString()),
            settings.workDir(), settings.logDir().resolve("kafka-format.log"));
        var exit = format.waitFor(FORMAT_TIMEOUT);
        if (exit.isEmpty() || exit.getAsInt() != 0) {
            throw new IllegalStateException("Kafka storage format failed (" + (exit.isEmpty() ? "timed out"
                : "exit " + exit.getAsInt()) + "):\n" + format.outputTail(20));
        }
        notes.add(String.format("kafka: `kafka.tools.StorageTool format` took %d ms before start-up (not included "
            + "in start-up).", elapsedMillis(formatStart)));

        ChildJvm jvm = ChildJvm.start("kafka", settings.brokerJvmOptions(), settings.kafkaClasspath(),
            "kafka.Kafka", List.of(props.toString()), settings.workDir(), settings.logDir().resolve("kafka.log"));
        return awaitReady(jvm, port);
    }

    /** Starts Tributary's {@code BrokerMain} on {@code port}; returns once it answers ApiVersions. */
    static BrokerProcess startTributary(Settings settings, Path dataDir, int port)
            throws IOException, InterruptedException {
        Path props = settings.workDir().resolve("tributary-server.properties");
        List<String> lines = new ArrayList<>(commonBrokerProperties(dataDir));
        lines.add("listeners=PLAINTEXT://localhost:" + port);
        Files.write(props, lines, StandardCharsets.UTF_8);
        ChildJvm jvm = ChildJvm.start("tributary", settings.brokerJvmOptions(), settings.tributaryClasspath(),
            "io.tributary.broker.BrokerMain", List.of(props.toString()), settings.workDir(),
            settings.logDir().resolve("tributary.log"));
        return awaitReady(jvm, port);
    }

    /** The settings both brokers get, with Kafka's names and single-node values. */
    private static List<String> commonBrokerProperties(Path dataDir) {
        return List.of(
            "node.id=1",
            "log.dirs=" + dataDir,
            "num.partitions=1",
            "auto.create.topics.enable=true",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0");
    }

    private static BrokerProcess awaitReady(ChildJvm jvm, int port) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        long portOpen = -1;
        try {
            while (System.nanoTime() < deadline) {
                if (!jvm.isAlive()) {
                    throw new IllegalStateException(jvm.name() + " exited with " + jvm.exitCodeOrMinusOne()
                        + " during start-up:\n" + jvm.outputTail(30));
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("localhost", port), 1000);
                    if (portOpen < 0) {
                        portOpen = elapsedMillis(jvm.startNanos());
                    }
                    socket.setSoTimeout(5000);
                    if (answersApiVersions(socket)) {
                        return new BrokerProcess(jvm, port, portOpen, elapsedMillis(jvm.startNanos()));
                    }
                } catch (IOException e) {
                    // Not listening yet, or the connection was closed before an answer: try again.
                    Thread.sleep(10);
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            jvm.stop(Duration.ofSeconds(10));
            throw e;
        }
        jvm.stop(Duration.ofSeconds(10));
        throw new IllegalStateException(jvm.name() + " did not answer ApiVersions on port " + port + " within "
            + START_TIMEOUT.toSeconds() + " s:\n" + jvm.outputTail(30));
    }

    /** Sends ApiVersions v0 (header v1) and returns whether an error-free answer came back. */
    private static boolean answersApiVersions(Socket socket) throws IOException {
        byte[] clientId = "side-by-side".getBytes(StandardCharsets.UTF_8);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(2 + 2 + 4 + 2 + clientId.length);
        out.writeShort(18);
        out.writeShort(0);
        out.writeInt(7);
        out.writeShort(clientId.length);
        out.write(clientId);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int size = in.readInt();
        if (size < 6) {
            return false;
        }
        int correlationId = in.readInt();
        short errorCode = in.readShort();
        return correlationId == 7 && errorCode == 0;
    }

    private void sampleRss() {
        long hwm = readStatusKb("VmHWM:");
        if (hwm > 0) {
            peakRssKb.accumulateAndGet(hwm, Math::max);
        }
    }

    private long readStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(jvm.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            // The process has gone (or no /proc): keep the last sample.
            return -1;
        }
        return -1;
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Process start to the first accepted TCP connection. */
    long portOpenMillis() {
        return portOpenMillis;
    }

    /** Process start to the first answered ApiVersions request. */
    long readyMillis() {
        return readyMillis;
    }

    /** The largest VmHWM seen so far, in MiB. */
    double peakRssMib() {
        sampleRss();
        return peakRssKb.get() / 1024.0;
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    int exitCode() {
        return jvm.exitCodeOrMinusOne();
    }

    String logTail(int lines) {
        return jvm.outputTail(lines);
    }

    Path logFile() {
        return jvm.outputFile();
    }

    /** Stops the broker with SIGTERM (killing it after a grace period) and stops the sampler. */
    @Override
    public void close() {
        try {
            sampleRss();
            jvm.stop(STOP_GRACE);
        } catch (InterruptedException e) {
            jvm.kill();
            Thread.currentThread().interrupt();
        } finally {
            sampler.shutdownNow();
        }
    }
}
