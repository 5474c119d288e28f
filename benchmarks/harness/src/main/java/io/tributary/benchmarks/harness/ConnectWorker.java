package io.tributary.benchmarks.harness;

import java.io.IOException;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One Connect worker under test: a standalone worker (Kafka Connect's or Tributary's) in a child JVM, driven through
 * its REST API with the same requests for both. Its worker properties are the same for both too: string converters,
 * offsets in a file, offset commits every second, the REST API on a free localhost port.
 *
 * <p>Owned by {@link ConnectSideBySide} and {@link JdbcSinkSideBySide}; not thread-safe.
 */
final class ConnectWorker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** A connector's status whose connector and first task both run. */
    private static final Pattern RUNNING = Pattern.compile(
        "\"connector\":\\{\"state\":\"RUNNING\".*\"tasks\":\\[\\{\"id\":0,\"state\":\"RUNNING\"");

    private final ChildJvm jvm;
    private final String restUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ConnectWorker(ChildJvm jvm, String restUrl) {
        this.jvm = jvm;
        this.restUrl = restUrl;
    }

    /**
     * Starts {@code mainClass} (a {@code ConnectStandalone}, which runs until stopped) with worker properties only,
     * and returns once its REST API answers.
     */
    static ConnectWorker start(String name, Settings settings, String classpath, String mainClass, String bootstrap)
            throws IOException, InterruptedException {
        return start(name, settings, classpath, mainClass, bootstrap, Map.of());
    }

    /**
     * As {@link #start(String, Settings, String, String, String)}, with {@code extraProperties} appended to the
     * common worker properties (e.g. a {@code plugin.path}, or {@code consumer.*} settings).
     */
    static ConnectWorker start(String name, Settings settings, String classpath, String mainClass, String bootstrap,
                               Map<String, String> extraProperties) throws IOException, InterruptedException {
        int port = SideBySide.freePort();
        Path props = settings.workDir().resolve(name + "-worker.properties");
        List<String> lines = new ArrayList<>(List.of(
            "bootstrap.servers=" + bootstrap,
            "key.converter=org.apache.kafka.connect.storage.StringConverter",
            "value.converter=org.apache.kafka.connect.storage.StringConverter",
            "offset.storage.file.filename=" + settings.workDir().resolve(name + ".offsets"),
            // Tributary's file sink writes what it buffered (up to 64 KiB) at each commit: commit often.
            "offset.flush.interval.ms=1000",
            "listeners=http://localhost:" + port));
        extraProperties.forEach((key, value) -> lines.add(key + "=" + value));
        Files.write(props, lines, StandardCharsets.UTF_8);
        ChildJvm jvm = ChildJvm.start(name, settings.brokerJvmOptions(), classpath, mainClass,
            List.of(props.toString()), settings.workDir(),
            settings.logDir().resolve(name + "-worker.log"));   // not the broker's tributary.log
        ConnectWorker worker = new ConnectWorker(jvm, "http://localhost:" + port + "/");
        try {
            worker.awaitRest();
        } catch (RuntimeException | InterruptedException e) {
            jvm.stop(Duration.ofSeconds(10));
            throw e;
        }
        return worker;
    }

    private void awaitRest() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException(jvm.name() + " exited with " + jvm.exitCodeOrMinusOne()
                    + " during start-up:\n" + jvm.outputTail(30));
            }
            try {
                if (request("GET", "connectors", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(jvm.name() + "'s REST API did not answer within " + START_TIMEOUT.toSeconds()
            + " s:\n" + jvm.outputTail(30));
    }

    /** Creates a connector ({@code POST /connectors}) and waits until it and its task run. */
    void createConnector(String name, Map<String, String> config) throws IOException, InterruptedException {
        String body = "{\"name\":" + quote(name) + ",\"config\":{" + config.entrySet().stream()
            .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
            .collect(Collectors.joining(",")) + "}}";
        HttpResponse<String> created = request("POST", "connectors", body);
        if (created.statusCode() != 201) {
            throw new IllegalStateException(jvm.name() + ": creating " + name + " answered " + created.statusCode()
                + ": " + created.body());
        }
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = request("GET", "connectors/" + name + "/status", null).body();
            if (RUNNING.matcher(status).find()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(jvm.name() + ": " + name + " is not running: " + status);
    }

    /** Deletes a connector ({@code DELETE /connectors/<name>}), which stops its task. */
    void deleteConnector(String name) throws IOException, InterruptedException {
        HttpResponse<String> deleted = request("DELETE", "connectors/" + name, null);
        if (deleted.statusCode() != 204) {
            throw new IllegalStateException(jvm.name() + ": deleting " + name + " answered " + deleted.statusCode()
                + ": " + deleted.body());
        }
    }

    private HttpResponse<String> request(String method, String path, @Nullable String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The peak resident set size so far ({@code VmHWM}), in MiB; -1 if unknown. */
    double peakRssMib() {
        return jvm.peakRssMib();
    }

    /** CPU time the worker has used so far (user and system, all threads), in seconds; -1 if unknown. */
    double cpuSeconds() {
        return jvm.cpuSeconds();
    }

    Path logFile() {
        return jvm.outputFile();
    }

    /** Stops the worker with SIGTERM (its tasks commit), killing it after a grace period. */
    @Override
    public void close() {
        jvm.close();
    }
}
