package io.tributary.connect.internal.rest;

import static io.tributary.connect.internal.rest.RestFixture.kafkaJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.runtime.ConnectorType;
import io.tributary.testkit.BlockHoundExtension;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

/** The server's lifecycle: binding, its URL, request timeouts, and closing. */
@ExtendWith(BlockHoundExtension.class)
final class RestServerTest {
    @Test
    void bindsAFreePortAndReportsItsUrl() {
        try (RestFixture rest = RestFixture.start(new FakeHerder())) {
            RestServer server = rest.server();

            assertThat(server.port()).isPositive();
            assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
        }
    }

    @Test
    void startIsLazyAndChecksItsArguments() {
        assertThatThrownBy(() -> RestServer.start(new FakeHerder(), "127.0.0.1", 70_000))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("port must be within 0..65535, was 70000");
        // Nothing binds before subscription: the Mono can be assembled for a port in use without failing.
        try (RestFixture rest = RestFixture.start(new FakeHerder())) {
            StepVerifier.create(RestServer.start(new FakeHerder(), "127.0.0.1", rest.server().port()))
                .expectError()
                .verify(Duration.ofSeconds(10));
        }
    }

    @Test
    void aWildcardHostIsReportedAsLocalhost() {
        RestServer server = RestServer.start(new FakeHerder(), "0.0.0.0", 0).block(Duration.ofSeconds(10));
        try {
            assertThat(server.url()).isEqualTo("http://localhost:" + server.port() + "/");
        } finally {
            server.close().block(Duration.ofSeconds(10));
        }
    }

    @Test
    void aHerderThatNeverAnswersTimesOutWith500() {
        FakeHerder herder = new FakeHerder();
        herder.hang = true;
        try (RestFixture rest = RestFixture.start(herder, Duration.ofMillis(200))) {
            RestFixture.Reply reply = rest.get("/connectors");

            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.json()).isEqualTo(kafkaJson(KafkaEntities.error(500, "Request timed out")));
        }
    }

    @Test
    void closeStopsListeningAndEndsKeptAliveConnections() throws Exception {
        FakeHerder herder = new FakeHerder();
        herder.addConnector("a", ConnectorType.SOURCE, 1);
        RestFixture rest = RestFixture.start(herder);
        int port = rest.server().port();
        assertThat(rest.get("/connectors").json()).isEqualTo(kafkaJson(List.of("a")));

        rest.server().close().block(Duration.ofSeconds(10));

        assertThatThrownBy(() -> rest.get("/connectors")).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        StepVerifier.create(rest.server().close()).expectComplete().verify(Duration.ofSeconds(10));
    }
}
