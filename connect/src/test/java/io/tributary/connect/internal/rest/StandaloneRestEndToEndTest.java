package io.tributary.connect.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.admin.AdminOptions;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.connect.internal.isolation.Plugins;
import io.tributary.connect.internal.runtime.StatusStore;
import io.tributary.connect.internal.runtime.Worker;
import io.tributary.connect.internal.runtime.WorkerConfig;
import io.tributary.connect.internal.standalone.StandaloneHerder;
import io.tributary.connect.internal.storage.FileOffsetStore;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The REST API over the real standalone herder and worker, against an embedded broker. */
@ExtendWith(BlockHoundExtension.class)
final class StandaloneRestEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "rest-e2e-lines";
    private static final String STRING_CONVERTER = "io.tributary.connect.storage.StringConverter";

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(spec -> spec.topic(TOPIC, 1));

    @TempDir
    Path dir;

    private StandaloneHerder herder;
    private RestFixture rest;

    @BeforeEach
    void start() throws Exception {
        WorkerConfig config = new WorkerConfig(Map.of(
            WorkerConfig.BOOTSTRAP_SERVERS, BROKER.bootstrapServers(),
            WorkerConfig.KEY_CONVERTER, STRING_CONVERTER,
            WorkerConfig.VALUE_CONVERTER, STRING_CONVERTER,
            WorkerConfig.OFFSET_STORAGE_FILE, dir.resolve("offsets").toString()));
        FileOffsetStore offsets = new FileOffsetStore(dir.resolve("offsets"));
        offsets.start().block(WAIT);
        AtomicReference<String> workerId = new AtomicReference<>("127.0.0.1:0");
        Worker worker = new Worker(config, Plugins.scan(List.of()), offsets, new StatusStore(workerId::get));
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(
            ClientOptions.create(BROKER.bootstrapServers())));
        herder = new StandaloneHerder(worker, admin, workerId.get());
        rest = RestFixture.start(herder);
        workerId.set("127.0.0.1:" + rest.server().port());
        herder.workerId(workerId.get());
    }

    @AfterEach
    void stop() {
        rest.close();
        herder.stop().block(WAIT);
    }

    @Test
    void createsReadsTheStatusOfAndDeletesAFileSourceConnector() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "one\ntwo\n");
        Map<String, Object> request = Map.of("name", "file source", "config", Map.of(
            "connector.class", "FileStreamSource",
            "tasks.max", 1,
            "file", input.toString(),
            "topic", TOPIC));

        RestFixture.Reply created = rest.sendJson("POST", "/connectors", request);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(rest.server().url() + "connectors/file%20source");
        assertThat(created.json().get("name").asText()).isEqualTo("file source");
        assertThat(created.json().get("type").asText()).isEqualTo("source");
        assertThat(created.json().get("config").get("name").asText()).isEqualTo("file source");
        assertThat(rest.sendJson("POST", "/connectors", request).status()).isEqualTo(409);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode status = rest.get("/connectors/file%20source/status").json();
            assertThat(status.get("connector").get("state").asText()).isEqualTo("RUNNING");
            assertThat(status.get("tasks")).hasSize(1);
            assertThat(status.get("tasks").get(0).get("state").asText()).isEqualTo("RUNNING");
        });
        JsonNode status = rest.get("/connectors/file%20source/status").json();
        assertThat(status.get("name").asText()).isEqualTo("file source");
        assertThat(status.get("type").asText()).isEqualTo("source");
        assertThat(status.get("connector").get("worker_id").asText()).isEqualTo(herder.workerId());
        assertThat(rest.get("/connectors").json()).containsExactly(RestFixture.JSON.valueToTree("file source"));
        assertThat(rest.get("/connectors/file%20source/tasks").json().get(0).get("id").get("connector").asText())
            .isEqualTo("file source");

        RestFixture.Reply deleted = rest.send("DELETE", "/connectors/file%20source");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(rest.get("/connectors/file%20source/status").status()).isEqualTo(404);
        assertThat(rest.get("/connectors").json()).isEmpty();
    }

    @Test
    void invalidConfigurationsAndUnknownClassesAreRefusedWith400() {
        RestFixture.Reply invalid = rest.sendJson("POST", "/connectors",
            Map.of("name", "broken", "config", Map.of("connector.class", "FileStreamSource", "batch.size", "0")));
        RestFixture.Reply unknown = rest.sendJson("PUT", "/connectors/broken/config",
            Map.of("connector.class", "NoSuchConnector"));

        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.json().get("error_code").asInt()).isEqualTo(400);
        assertThat(invalid.json().get("message").asText()).contains("Connector configuration is invalid");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).contains("NoSuchConnector");
        assertThat(rest.get("/connectors/broken").status()).isEqualTo(404);
    }

    @Test
    void listsTheInstalledConnectorPlugins() {
        JsonNode plugins = rest.get("/connector-plugins").json();

        assertThat(plugins.findValuesAsText("class")).contains("io.tributary.connect.file.FileStreamSourceConnector",
            "io.tributary.connect.file.FileStreamSinkConnector");
        assertThat(plugins.findValuesAsText("type")).containsOnly("source", "sink");
    }
}
