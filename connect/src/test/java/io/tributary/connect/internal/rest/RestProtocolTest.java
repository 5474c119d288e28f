package io.tributary.connect.internal.rest;

import static io.tributary.connect.internal.rest.RestFixture.kafkaJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connect.runtime.ConnectorType;
import io.tributary.testkit.BlockHoundExtension;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every endpoint shares: routing errors, path decoding, body parsing and limits, and failure mapping. */
@ExtendWith(BlockHoundExtension.class)
final class RestProtocolTest {
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
    void unknownPathsAnswer404InKafkasErrorShape() {
        for (String path : List.of("/nope", "/connectors/a/nope", "/connectors//status", "/connector-plugins/x")) {
            RestFixture.Reply reply = rest.get(path);

            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.header("Content-Type")).isEqualTo("application/json");
            assertThat(reply.json()).isEqualTo(kafkaJson(KafkaEntities.error(404, "HTTP 404 Not Found")));
        }
    }

    @Test
    void knownPathsWithAnotherMethodAnswer405WithAllow() {
        RestFixture.Reply connectors = rest.send("DELETE", "/connectors");
        RestFixture.Reply restart = rest.send("PUT", "/connectors/a/restart");

        assertThat(connectors.status()).isEqualTo(405);
        assertThat(connectors.header("Allow")).isEqualTo("GET, POST");
        assertThat(connectors.json()).isEqualTo(kafkaJson(KafkaEntities.error(405, "HTTP 405 Method Not Allowed")));
        assertThat(restart.status()).isEqualTo(405);
        assertThat(restart.header("Allow")).isEqualTo("POST");
        assertThat(rest.send("PATCH", "/connectors/a/status").header("Allow")).isEqualTo("GET");
        assertThat(herder.calls).isEmpty();
    }

    @Test
    void aTrailingSlashIsIgnored() {
        herder.addConnector("a", ConnectorType.SOURCE, 1);

        assertThat(rest.get("/connectors/").json()).isEqualTo(kafkaJson(List.of("a")));
        assertThat(rest.get("/connectors/a/").status()).isEqualTo(200);
    }

    @Test
    void pathParametersArePercentDecodedAfterSplitting() {
        String name = "my conn/with slash+plus ü";
        RestFixture.Reply created = rest.sendJson("POST", "/connectors", Map.of("name", name, "config", Map.of()));
        String encoded = "my%20conn%2Fwith%20slash%2Bplus%20%C3%BC";

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(rest.server().url() + "connectors/" + encoded);
        assertThat(rest.get("/connectors/" + encoded).json().get("name").asText()).isEqualTo(name);
        // In a path '+' is a plus, not a space.
        assertThat(rest.get("/connectors/my%20conn%2Fwith%20slash+plus%20%C3%BC/config").status()).isEqualTo(200);
        assertThat(rest.send("DELETE", "/connectors/" + encoded).status()).isEqualTo(204);
        assertThat(herder.calls).contains("connectorInfo " + name, "connectorConfig " + name,
            "deleteConnector " + name);
    }

    @Test
    void malformedOrMismatchedJsonAnswers400() {
        List<String> bodies = List.of(
            "not json",
            "{\"name\": \"a\", \"config\": {",
            "{\"name\": \"a\", \"config\": {}} {}",
            "[\"a\"]",
            "null",
            "{\"name\": \"a\", \"config\": {}, \"unknown\": 1}",
            "{\"name\": 1.5e3, \"config\": \"text\"}");
        for (String body : bodies) {
            RestFixture.Reply reply = rest.send("POST", "/connectors", body);

            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.json().get("error_code").asInt()).isEqualTo(400);
            assertThat(reply.json().get("message").asText()).isNotEmpty();
        }
        assertThat(rest.send("PUT", "/connectors/a/config", "{\"a\": {\"b\": 1}}").status()).isEqualTo(400);
        assertThat(herder.calls).isEmpty();
    }

    @Test
    void aMissingBodyAnswers400() {
        RestFixture.Reply reply = rest.send("POST", "/connectors");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()).isEqualTo(kafkaJson(KafkaEntities.error(400, "Request body is missing")));
        assertThat(rest.send("PUT", "/connectors/a/config").status()).isEqualTo(400);
    }

    @Test
    void bodiesOverOneMebibyteAnswer413WhetherDeclaredOrChunked() {
        byte[] large = new byte[RestServer.MAX_BODY_BYTES + 1];
        Arrays.fill(large, (byte) ' ');

        RestFixture.Reply declared = rest.send("PUT", "/connectors/a/config",
            HttpRequest.BodyPublishers.ofByteArray(large));
        RestFixture.Reply chunked = rest.send("PUT", "/connectors/a/config",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)));

        for (RestFixture.Reply reply : List.of(declared, chunked)) {
            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.json().get("error_code").asInt()).isEqualTo(413);
        }
        assertThat(herder.calls).isEmpty();
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() {
        String config = "{\"k\": \"v\"}";
        byte[] body = new byte[RestServer.MAX_BODY_BYTES];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(config.getBytes(), 0, body, 0, config.length());

        RestFixture.Reply reply = rest.send("PUT", "/connectors/a/config",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(herder.lastConfig).isEqualTo(Map.of("k", "v", "name", "a"));
    }

    @Test
    void unexpectedHerderFailuresAnswer500WithTheirMessage() {
        herder.failWith(new IllegalStateException("kaput"));

        RestFixture.Reply reply = rest.get("/connectors");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.json()).isEqualTo(kafkaJson(KafkaEntities.error(500, "kaput")));
    }

    @Test
    void aHerderThatBlocksTheEventLoopIsCaughtByBlockHound() {
        herder.onCall = () -> LockSupport.parkNanos(1_000_000);

        RestFixture.Reply reply = rest.get("/connectors");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.json().get("message").asText()).contains("Blocking call");
        assertThat(BlockHoundExtension.takeDetections()).isNotEmpty();   // provoked here: not a failure of the test
    }

    @Test
    void manyConcurrentRequestsAreAnsweredOverKeptAliveConnections() {
        herder.addConnector("a", ConnectorType.SOURCE, 1);

        List<JsonNode> answers = IntStream.range(0, 50)
            .parallel()
            .mapToObj(i -> rest.get("/connectors/a/status").json())
            .toList();

        assertThat(answers).hasSize(50).allSatisfy(json -> assertThat(json.get("name").asText()).isEqualTo("a"));
    }
}
