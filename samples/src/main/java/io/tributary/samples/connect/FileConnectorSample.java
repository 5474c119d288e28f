package io.tributary.samples.connect;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.NewTopic;
import io.tributary.admin.TributaryAdmin;
import io.tributary.broker.EmbeddedBroker;
import io.tributary.client.ClientOptions;
import io.tributary.connect.runtime.ConnectStandalone;
import io.tributary.samples.SampleArgs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * File to topic to file with Connect: writes a few lines into a temporary file, starts a standalone worker with a
 * {@code FileStreamSource} connector (file to topic) and a {@code FileStreamSink} connector (topic to another
 * file), waits until the second file holds every line, lists the connectors through the worker's REST API and
 * stops. The same pipeline as {@code bin/tributary-connect-standalone} with the files in {@code config/connect/}.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B -q -pl samples exec:java -Dexec.mainClass=io.tributary.samples.connect.FileConnectorSample
 * </pre>
 */
public final class FileConnectorSample {
    static final List<String> LINES = List.of(
        "Connectors copy data between Kafka and other systems",
        "a source connector reads a system into topics",
        "a sink connector writes topics into a system",
        "the worker runs their tasks and commits their offsets");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private FileConnectorSample() {
    }

    public static void main(String[] args) {
        String bootstrap = SampleArgs.bootstrapServer(args);
        if (bootstrap != null) {
            String topic = "connect-lines-" + UUID.randomUUID();
            createTopic(bootstrap, topic);
            run(bootstrap, topic).forEach(System.out::println);
            return;
        }
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("connect-lines", 1);
            run(broker.bootstrapServers(), "connect-lines").forEach(System.out::println);
        }
    }

    /** Copies {@link #LINES} from a file through {@code topic} into another file; what it did, line by line. */
    static List<String> run(String bootstrapServers, String topic) {
        Path dir = createTempDirectory();
        try {
            return copy(bootstrapServers, topic, dir);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static List<String> copy(String bootstrapServers, String topic, Path dir) {
        Path input = dir.resolve("input.txt");
        Path output = dir.resolve("output.txt");
        write(input, LINES);
        ConnectStandalone connect = ConnectStandalone.startNow(Map.of(
            "bootstrap.servers", bootstrapServers,
            "key.converter", "StringConverter",
            "value.converter", "StringConverter",
            "offset.storage.file.filename", dir.resolve("connect.offsets").toString(),
            // The file sink writes what it has buffered at each offset commit: commit often, for a short sample.
            "offset.flush.interval.ms", "200",
            "listeners", "http://localhost:0"));   // a free port
        try {
            connect.createConnector(Map.of("name", "file-source", "connector.class", "FileStreamSource",
                "file", input.toString(), "topic", topic)).block(WAIT);
            connect.createConnector(Map.of("name", "file-sink", "connector.class", "FileStreamSink",
                "file", output.toString(), "topics", topic)).block(WAIT);
            awaitLines(output, LINES.size());
            List<String> out = new ArrayList<>();
            out.add("Standalone worker started; REST API at " + connect.restUrl());
            out.add("GET /connectors: " + get(connect.restUrl() + "connectors"));
            out.add("Copied " + LINES.size() + " lines: input.txt -> topic " + topic + " -> output.txt (in " + dir
                + ", deleted at the end):");
            read(output).forEach(line -> out.add("  " + line));
            return out;
        } finally {
            connect.closeNow();   // stops both connectors, committing their offsets
        }
    }

    /** Creates the topic on a broker that may not create topics by itself. */
    private static void createTopic(String bootstrapServers, String topic) {
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(ClientOptions.create(bootstrapServers)));
        try {
            admin.createTopics(List.of(NewTopic.of(topic, 1))).block(WAIT);
        } finally {
            admin.close().block(WAIT);
        }
    }

    /** Waits (polling) until {@code file} holds {@code count} complete lines, at most a minute. */
    private static void awaitLines(Path file, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (read(file).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + read(file).size() + " of " + count + " lines in " + file);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + file, e);
            }
        }
    }

    private static String get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + url, e);
        }
    }

    /** The complete lines of {@code file} (none while it does not exist; a line still being written is left out). */
    private static List<String> read(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.lastIndexOf('\n');
            return end < 0 ? List.of() : List.of(content.substring(0, end).split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("file-connector-sample-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("Cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
