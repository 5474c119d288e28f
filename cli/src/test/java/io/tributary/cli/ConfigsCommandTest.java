package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(BlockHoundExtension.class)
final class ConfigsCommandTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .topic("configured", 1, Map.of("retention.ms", "60000"))
        .topic("altered", 1, Map.of("retention.ms", "60000")));

    private static String bootstrap() {
        return BROKER.bootstrapServers();
    }

    @Test
    void describesTheOverridesOfATopicOrAllItsConfigs() {
        Cli.Result set = Cli.on(bootstrap(), "configs", "describe", "--topic", "configured").ok();
        assertThat(set.lines()).hasSize(2);
        assertThat(set.lines().get(0)).matches("NAME +VALUE +SOURCE +READ-ONLY");
        assertThat(set.lines().get(1)).matches("retention.ms +60000 +DYNAMIC_TOPIC_CONFIG +false");

        Cli.Result all = Cli.on(bootstrap(), "configs", "describe", "--topic", "configured", "--all").ok();
        assertThat(all.lines()).anyMatch(l -> l.matches("cleanup.policy +delete +DEFAULT_CONFIG +false"))
            .anyMatch(l -> l.startsWith("retention.ms "));

        JsonNode json = Cli.on(bootstrap(), "configs", "describe", "--topic", "configured", "--output", "json").ok()
            .json();
        assertThat(json.get("resource").asText()).isEqualTo("topic");
        assertThat(json.get("name").asText()).isEqualTo("configured");
        assertThat(json.get("configs")).hasSize(1);
        assertThat(json.get("configs").get(0).get("value").asText()).isEqualTo("60000");
        assertThat(json.get("configs").get(0).get("source").asText()).isEqualTo("DYNAMIC_TOPIC_CONFIG");
    }

    @Test
    void altersTopicConfigs() {
        Cli.Result altered = Cli.on(bootstrap(), "configs", "alter", "--topic", "altered", "--add-config",
            "cleanup.policy=compact", "--delete-config", "retention.ms").ok();
        assertThat(altered.out()).isEqualTo("Altered configs of topic altered: cleanup.policy=compact, deleted "
            + "retention.ms.\n");

        JsonNode json = Cli.on(bootstrap(), "configs", "describe", "--topic", "altered", "--output", "json").ok()
            .json();
        assertThat(json.get("configs")).hasSize(1);
        assertThat(json.get("configs").get(0).get("name").asText()).isEqualTo("cleanup.policy");
        assertThat(json.get("configs").get(0).get("value").asText()).isEqualTo("compact");

        JsonNode alteredJson = Cli.on(bootstrap(), "configs", "alter", "--topic", "altered", "--add-config",
            "segment.ms=3600000", "--output", "json").ok().json();
        assertThat(alteredJson.get("set").get("segment.ms").asText()).isEqualTo("3600000");
    }

    @Test
    void describesAndAltersBrokerConfigs() {
        JsonNode all = Cli.on(bootstrap(), "configs", "describe", "--broker", "1", "--all", "--output", "json").ok()
            .json();
        assertThat(all.get("resource").asText()).isEqualTo("broker");
        boolean hasListeners = false;
        for (JsonNode c : all.get("configs")) {
            hasListeners |= c.get("name").asText().equals("listeners");
        }
        assertThat(hasListeners).isTrue();

        Cli.on(bootstrap(), "configs", "alter", "--broker", "1", "--add-config", "log.retention.ms=86400000").ok();
        assertThat(Cli.on(bootstrap(), "configs", "describe", "--broker", "1").ok().lines())
            .anyMatch(l -> l.matches("log.retention.ms +86400000 +DYNAMIC_.*"));
    }

    @Test
    void alteringAnUnknownTopicFails() {
        Cli.Result unknown = Cli.on(bootstrap(), "configs", "alter", "--topic", "no-such-topic", "--add-config",
            "retention.ms=1");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("tributary: UNKNOWN_TOPIC_OR_PARTITION");
    }

    @Test
    void anUnknownConfigFailsWithTheBrokersError() {
        Cli.Result unknown = Cli.on(bootstrap(), "configs", "alter", "--topic", "configured", "--add-config",
            "no.such.config=1");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("tributary: INVALID_CONFIG");
    }

    @Test
    void needsExactlyOneResource() {
        assertThat(Cli.on(bootstrap(), "configs", "describe").exitCode()).isEqualTo(2);
        Cli.Result both = Cli.on(bootstrap(), "configs", "describe", "--topic", "configured", "--broker", "1");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(Cli.on(bootstrap(), "configs", "alter", "--topic", "configured").exitCode()).isEqualTo(2);
        assertThat(Cli.on(bootstrap(), "configs", "alter", "--topic", "configured", "--add-config", "x").exitCode())
            .isEqualTo(2);
    }
}
