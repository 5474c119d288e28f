package io.tributary.connect.internal.rest;

import static io.tributary.connect.internal.rest.RestFixture.kafkaJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.connect.internal.herder.ConnectorInfo;
import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.runtime.ConnectorType;
import io.tributary.connect.internal.herder.TargetState;
import io.tributary.testkit.BlockHoundExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BlockHoundExtension.class)
final class ConnectorsResourceTest {
    private final FakeHerder herder = new FakeHerder();
    private RestFixture rest;

    @BeforeEach
    void start() {
        rest = RestFixture.start(herder);
    }

    @AfterEach
    void stop() {
        rest.close();
    }

    @Test
    void listsConnectorNamesAsAJsonArray() {
        herder.addConnector("b", ConnectorType.SINK, 1);
        herder.addConnector("a", ConnectorType.SOURCE, 2);

        RestFixture.Reply reply = rest.get("/connectors");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        assertThat(reply.json()).isEqualTo(kafkaJson(List.of("a", "b")));
    }

    @Test
    void expandsStatusAndInfoAsKafkaConnectDoes() {
        ConnectorInfo a = herder.addConnector("a", ConnectorType.SOURCE, 2);
        ConnectorInfo b = herder.addConnector("b", ConnectorType.SINK, 1);

        JsonNode both = rest.get("/connectors?expand=status&expand=info").json();
        JsonNode status = rest.get("/connectors?expand=status").json();
        JsonNode info = rest.get("/connectors?expand=info").json();

        Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
        for (ConnectorInfo connector : List.of(a, b)) {
            expected.put(connector.name(), Map.of(
                "status", KafkaEntities.status(herder.statuses.get(connector.name())),
                "info", KafkaEntities.info(connector)));
        }
        assertThat(both).isEqualTo(kafkaJson(expected));
        assertThat(status.get("a"))
            .isEqualTo(kafkaJson(Map.of("status", KafkaEntities.status(herder.statuses.get("a")))));
        assertThat(info.get("b")).isEqualTo(kafkaJson(Map.of("info", KafkaEntities.info(b))));
    }

    @Test
    void expandIgnoresUnknownExpansionsAndSkipsConnectorsThatDisappear() {
        herder.addConnector("a", ConnectorType.SOURCE, 1);
        herder.addConnector("ghost", ConnectorType.SOURCE, 1);
        herder.statuses.remove("ghost");   // its status lookup answers 404, as if deleted meanwhile

        assertThat(rest.get("/connectors?expand=bogus").json()).isEqualTo(kafkaJson(Map.of("a", Map.of(),
            "ghost", Map.of())));
        assertThat(rest.get("/connectors?expand=status").json().fieldNames()).toIterable().containsExactly("a");
    }

    @Test
    void createsAConnectorWith201LocationAndKafkasConnectorInfo() {
        Map<String, Object> body = Map.of(
            "name", " my source ",
            "config", Map.of("connector.class", "FileStreamSource", "tasks.max", 1),
            "initial_state", "paused");

        RestFixture.Reply reply = rest.sendJson("POST", "/connectors", body);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Location")).isEqualTo(rest.server().url() + "connectors/my%20source");
        assertThat(reply.json()).isEqualTo(kafkaJson(KafkaEntities.info(herder.connectors.get("my source"))));
        assertThat(herder.calls).contains("putConnectorConfig my source allowReplace=false");
        // Trimmed name added to the config, numbers taken as their text, initial state RUNNING/PAUSED/STOPPED mapped.
        assertThat(herder.lastConfig).containsExactlyInAnyOrderEntriesOf(
            Map.of("connector.class", "FileStreamSource", "tasks.max", "1", "name", "my source"));
        assertThat(herder.lastInitialState).isEqualTo(TargetState.PAUSED);
    }

    @Test
    void createWithoutInitialStateLeavesItToTheHerder() {
        rest.sendJson("POST", "/connectors", Map.of("name", "s", "config", Map.of("name", "s")));

        assertThat(herder.connectors).containsKey("s");
        assertThat(herder.lastInitialState).isNull();
    }

    @Test
    void createAnswers409WhenTheConnectorExists() {
        herder.addConnector("a", ConnectorType.SOURCE, 1);

        RestFixture.Reply reply = rest.sendJson("POST", "/connectors", Map.of("name", "a", "config", Map.of()));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json()).isEqualTo(kafkaJson(KafkaEntities.error(409, "Connector a already exists")));
    }

    @Test
    void createRejectsMissingNameMissingConfigMismatchedNameAndUnknownState() {
        assertBadRequest(rest.sendJson("POST", "/connectors", Map.of("config", Map.of())), "name");
        assertBadRequest(rest.sendJson("POST", "/connectors", Map.of("name", "  ", "config", Map.of())), "name");
        assertBadRequest(rest.sendJson("POST", "/connectors", Map.of("name", "a")), "config");
        assertBadRequest(rest.sendJson("POST", "/connectors", Map.of("name", "a", "config", Map.of("name", "b"))),
            "Connector name configuration (b) doesn't match connector name in the URL (a)");
        assertBadRequest(rest.sendJson("POST", "/connectors",
            Map.of("name", "a", "config", Map.of(), "initial_state", "sleeping")), "initial_state");
        assertBadRequest(rest.send("POST", "/connectors", "{\"name\": \"a\", \"config\": {\"k\": null}}"), "k");
        assertBadRequest(rest.send("POST", "/connectors", "{\"name\": \"a\", \"config\": {\"k\": [1]}}"), "");
        assertThat(herder.calls).isEmpty();
    }

    @Test
    void readsAConnectorAndItsConfig() {
        ConnectorInfo info = herder.addConnector("a", ConnectorType.SINK, 3);

        assertThat(rest.get("/connectors/a").json()).isEqualTo(kafkaJson(KafkaEntities.info(info)));
        assertThat(rest.get("/connectors/a/config").json()).isEqualTo(kafkaJson(info.config()));
    }

    @Test
    void unknownConnectorsAnswer404WithTheHerdersMessage() {
        for (String path : List.of("/connectors/nope", "/connectors/nope/config", "/connectors/nope/status")) {
            RestFixture.Reply reply = rest.get(path);

            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.json()).isEqualTo(kafkaJson(KafkaEntities.error(404, "Connector nope not found")));
        }
    }

    @Test
    void putConfigCreatesWith201AndReplacesWith200() {
        RestFixture.Reply created = rest.sendJson("PUT", "/connectors/c/config", Map.of("connector.class", "X"));
        RestFixture.Reply replaced = rest.sendJson("PUT", "/connectors/c/config",
            Map.of("connector.class", "Y", "name", "c"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(rest.server().url() + "connectors/c");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.header("Location")).isNull();
        assertThat(replaced.json()).isEqualTo(kafkaJson(KafkaEntities.info(herder.connectors.get("c"))));
        assertThat(herder.lastConfig).isEqualTo(Map.of("connector.class", "Y", "name", "c"));
        assertThat(herder.calls).containsExactly("putConnectorConfig c allowReplace=true",
            "putConnectorConfig c allowReplace=true");
    }

    @Test
    void putConfigRejectsAnotherConnectorsName() {
        RestFixture.Reply reply = rest.sendJson("PUT", "/connectors/c/config", Map.of("name", "d"));

        assertBadRequest(reply, "Connector name configuration (d) doesn't match connector name in the URL (c)");
    }

    @Test
    void patchConfigMergesAndNullRemovesAKey() {
        herder.addConnector("a", ConnectorType.SOURCE, 1);

        RestFixture.Reply reply = rest.send("PATCH", "/connectors/a/config",
            "{\"connector.class\": null, \"topic\": \"t\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(herder.lastConfig).isEqualTo(Map.of("name", "a", "topic", "t"));
        assertThat(reply.json()).isEqualTo(kafkaJson(KafkaEntities.info(herder.connectors.get("a"))));
        assertThat(rest.send("PATCH", "/connectors/b/config", "{}").status()).isEqualTo(404);
    }

    @Test
    void statusMatchesKafkasConnectorStateInfoWithTracesOnlyWhenFailed() {
        herder.addConnector("a", ConnectorType.SINK, 0);
        ConnectorStatus status = new ConnectorStatus("a",
            new ConnectorStatus.State(ConnectorStatus.Value.RUNNING, FakeHerder.WORKER_ID, null),
            List.of(new ConnectorStatus.TaskState(0, ConnectorStatus.Value.FAILED, "w2:8083", "boom\n\tat X"),
                new ConnectorStatus.TaskState(1, ConnectorStatus.Value.PAUSED, "w3:8083", "")),
            ConnectorType.SINK);
        herder.statuses.put("a", status);

        JsonNode json = rest.get("/connectors/a/status").json();

        assertThat(json).isEqualTo(kafkaJson(KafkaEntities.status(status)));
        assertThat(json.get("connector").has("trace")).isFalse();
        assertThat(json.get("tasks").get(0).get("trace").asText()).isEqualTo("boom\n\tat X");
        assertThat(json.get("tasks").get(1).has("trace")).isFalse();
    }

    @Test
    void plainRestartAnswers204AndTheOtherFormsAnswer202WithTheStatus() {
        herder.addConnector("a", ConnectorType.SOURCE, 2);

        RestFixture.Reply plain = rest.send("POST", "/connectors/a/restart");
        assertThat(plain.status()).isEqualTo(204);
        assertThat(plain.body()).isEmpty();
        assertThat(herder.lastRestart.connectorOnly()).isTrue();

        RestFixture.Reply withTasks = rest.send("POST", "/connectors/a/restart?includeTasks=true&onlyFailed=true");
        assertThat(withTasks.status()).isEqualTo(202);
        assertThat(herder.lastRestart.includeTasks()).isTrue();
        assertThat(herder.lastRestart.onlyFailed()).isTrue();
        ConnectorStatus restarting = herder.restart(herder.lastRestart).block();
        assertThat(withTasks.json()).isEqualTo(kafkaJson(KafkaEntities.status(restarting)));
        assertThat(withTasks.json().get("tasks").get(1).get("state").asText()).isEqualTo("RESTARTING");

        assertThat(rest.send("POST", "/connectors/a/restart?onlyFailed=TRUE").status()).isEqualTo(202);
        assertThat(herder.lastRestart.onlyFailed()).isTrue();
        assertThat(herder.lastRestart.includeTasks()).isFalse();
        assertThat(rest.send("POST", "/connectors/a/restart?includeTasks=false&onlyFailed=false").status())
            .isEqualTo(204);
        assertThat(rest.send("POST", "/connectors/zz/restart").status()).isEqualTo(404);
    }

    @Test
    void pauseAndResumeAnswer202AndStopAnswers204WithoutBodies() {
        herder.addConnector("a", ConnectorType.SOURCE, 1);

        RestFixture.Reply pause = rest.send("PUT", "/connectors/a/pause");
        assertThat(pause.status()).isEqualTo(202);
        assertThat(pause.body()).isEmpty();
        assertThat(herder.targetStates.get("a")).isEqualTo(TargetState.PAUSED);

        assertThat(rest.send("PUT", "/connectors/a/resume").status()).isEqualTo(202);
        assertThat(herder.targetStates.get("a")).isEqualTo(TargetState.STARTED);

        RestFixture.Reply stop = rest.send("PUT", "/connectors/a/stop");
        assertThat(stop.status()).isEqualTo(204);
        assertThat(stop.body()).isEmpty();
        assertThat(herder.targetStates.get("a")).isEqualTo(TargetState.STOPPED);

        assertThat(rest.send("PUT", "/connectors/b/pause").status()).isEqualTo(404);
    }

    @Test
    void deleteAnswers204ThenTheConnectorIsGone() {
        herder.addConnector("a", ConnectorType.SOURCE, 1);

        RestFixture.Reply delete = rest.send("DELETE", "/connectors/a");

        assertThat(delete.status()).isEqualTo(204);
        assertThat(delete.body()).isEmpty();
        assertThat(rest.get("/connectors/a").status()).isEqualTo(404);
        assertThat(rest.send("DELETE", "/connectors/a").status()).isEqualTo(404);
    }

    private static void assertBadRequest(RestFixture.Reply reply, String messagePart) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        ObjectNode json = (ObjectNode) reply.json();
        assertThat(json.get("error_code").asInt()).isEqualTo(400);
        assertThat(json.get("message").asText()).contains(messagePart);
        assertThat(json.size()).isEqualTo(2);
    }
}
