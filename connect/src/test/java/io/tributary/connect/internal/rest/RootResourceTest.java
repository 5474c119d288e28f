package io.tributary.connect.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testkit.BlockHoundExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BlockHoundExtension.class)
final class RootResourceTest {
    @Test
    void answersVersionCommitAndTheKafkaClusterId() {
        try (RestFixture rest = RestFixture.start(new FakeHerder())) {
            RestFixture.Reply reply = rest.get("/");

            assertThat(reply.status()).isEqualTo(200);
            JsonNode json = reply.json();
            assertThat(json.fieldNames()).toIterable()
                .containsExactlyInAnyOrderElementsOf(List.of("version", "commit", "kafka_cluster_id"));
            assertThat(json.get("kafka_cluster_id").asText()).isEqualTo("cluster-1");
            assertThat(json.get("version").asText()).isNotEmpty();
            assertThat(json.get("commit").asText()).isNotEmpty();
        }
    }
}
