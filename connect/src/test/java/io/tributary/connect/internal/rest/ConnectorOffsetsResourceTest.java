package io.tributary.connect.internal.rest;

import static io.tributary.connect.internal.rest.RestFixture.kafkaJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.internal.herder.ConnectRestException;
import io.tributary.connect.internal.herder.ConnectorOffsets;
import io.tributary.connect.runtime.ConnectorType;
import io.tributary.testkit.BlockHoundExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BlockHoundExtension.class)
final class ConnectorOffsetsResourceTest {
    private final FakeHerder herder = new FakeHerder();
    private RestFixture rest;

    @BeforeEach
    void start() {
        rest = RestFixture.start(herder);
        herder.addConnector("src", ConnectorType.SOURCE, 1);
        herder.addConnector("sink", ConnectorType.SINK, 1);
    }

    @AfterEach
    void stop() {
        rest.close();
    }

    @Test
    void readsSourceAndSinkOffsetsInKafkasShape() {
        ConnectorOffsets source = new ConnectorOffsets(List.of(
            new ConnectorOffsets.Offset(Map.of("filename", "/tmp/in"), Map.of("position", 42L)),
            new ConnectorOffsets.Offset(Map.of("shard", 3, "nested", Map.of("k", List.of(1, 2))),
                Map.of("seq", "abc", "done", true))));
        ConnectorOffsets sink = new ConnectorOffsets(List.of(new ConnectorOffsets.Offset(
            Map.of("kafka_topic", "t", "kafka_partition", 0), Map.of("kafka_offset", 10L))));
        herder.offsets.put("src", source);
        herder.offsets.put("sink", sink);

        assertThat(rest.get("/connectors/src/offsets").json()).isEqualTo(kafkaJson(KafkaEntities.offsets(source)));
        assertThat(rest.get("/connectors/sink/offsets").json()).isEqualTo(kafkaJson(KafkaEntities.offsets(sink)));
        assertThat(rest.get("/connectors/other/offsets").status()).isEqualTo(404);
    }

    @Test
    void altersOffsetsWithNullMeaningRemoveAndAnswersKafkasMessage() {
        RestFixture.Reply reply = rest.send("PATCH", "/connectors/sink/offsets", """
            {"offsets": [
              {"partition": {"kafka_topic": "t", "kafka_partition": 0}, "offset": {"kafka_offset": 5}},
              {"partition": {"kafka_topic": "t", "kafka_partition": 1}, "offset": null}
            ]}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(kafkaJson(
            new Message("The offsets for this connector have been altered successfully")));
        Map<String, Object> removed = new HashMap<>();
        removed.put("kafka_topic", "t");
        removed.put("kafka_partition", 1);
        assertThat(herder.lastAlteredOffsets.offsets()).containsExactly(
            new ConnectorOffsets.Offset(Map.of("kafka_topic", "t", "kafka_partition", 0), Map.of("kafka_offset", 5)),
            new ConnectorOffsets.Offset(removed, null));
    }

    @Test
    void alterNeedsAtLeastOneOffset() {
        for (String body : List.of("{}", "{\"offsets\": []}", "{\"offsets\": null}")) {
            RestFixture.Reply reply = rest.send("PATCH", "/connectors/sink/offsets", body);

            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.json()).isEqualTo(kafkaJson(KafkaEntities.error(400,
                "Partitions / offsets need to be provided for an alter offsets request")));
        }
        assertThat(rest.send("PATCH", "/connectors/sink/offsets", "{\"offsets\": [{\"offset\": {}}]}").status())
            .isEqualTo(400);
        assertThat(herder.calls).isEmpty();
    }

    @Test
    void resetsOffsetsWith200AndKafkasMessage() {
        RestFixture.Reply reply = rest.send("DELETE", "/connectors/src/offsets");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(kafkaJson(
            new Message("The offsets for this connector have been reset successfully")));
        assertThat(herder.calls).containsExactly("resetOffsets src");
    }

    @Test
    void herderRefusalsKeepTheirStatus() {
        herder.failWith(ConnectRestException.badRequest(
            "Connectors must be in the STOPPED state before their offsets can be modified"));

        RestFixture.Reply reply = rest.send("DELETE", "/connectors/src/offsets");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()).isEqualTo(kafkaJson(KafkaEntities.error(400,
            "Connectors must be in the STOPPED state before their offsets can be modified")));
    }
}
