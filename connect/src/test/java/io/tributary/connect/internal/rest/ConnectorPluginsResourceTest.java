package io.tributary.connect.internal.rest;

import static io.tributary.connect.internal.rest.RestFixture.kafkaJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.internal.herder.ConfigInfos;
import io.tributary.connect.internal.herder.PluginInfo;
import io.tributary.testkit.BlockHoundExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BlockHoundExtension.class)
final class ConnectorPluginsResourceTest {
    private static final String FILE_SOURCE = "io.tributary.connect.file.FileStreamSourceConnector";
    private static final PluginInfo SOURCE = new PluginInfo(FILE_SOURCE, "source", "0.1.0");
    private static final PluginInfo SINK = new PluginInfo("io.tributary.connect.file.FileStreamSinkConnector", "sink",
        "undefined");
    private static final PluginInfo CONVERTER = new PluginInfo("io.tributary.connect.storage.StringConverter",
        "converter", "0.1.0");
    private static final ConfigInfos.KeyInfo FILE_KEY = new ConfigInfos.KeyInfo("file", "STRING", false, null, "HIGH",
        "Source filename. If not specified, the standard input will be used", null, -1, "NONE", "file", List.of());
    private static final ConfigInfos.KeyInfo BATCH_KEY = new ConfigInfos.KeyInfo("batch.size", "INT", false, "2000",
        "LOW", "Lines per batch", "Common", 2, "SHORT", "Batch size", List.of("file"));

    private final FakeHerder herder = new FakeHerder();
    private RestFixture rest;

    @BeforeEach
    void start() {
        rest = RestFixture.start(herder);
        herder.plugins.addAll(List.of(SOURCE, SINK, CONVERTER));
        herder.pluginConfigs.put(FILE_SOURCE, List.of(FILE_KEY, BATCH_KEY));
    }

    @AfterEach
    void stop() {
        rest.close();
    }

    @Test
    void listsConnectorPluginsByDefaultAndEveryPluginOnRequest() {
        RestFixture.Reply connectors = rest.get("/connector-plugins");
        RestFixture.Reply all = rest.get("/connector-plugins?connectorsOnly=false");

        assertThat(connectors.status()).isEqualTo(200);
        assertThat(connectors.json()).isEqualTo(kafkaJson(List.of(KafkaEntities.plugin(SOURCE),
            KafkaEntities.plugin(SINK))));
        assertThat(all.json()).isEqualTo(kafkaJson(List.of(SOURCE, SINK, CONVERTER).stream()
            .map(KafkaEntities::plugin)
            .toList()));
        // Kafka Connect leaves an undefined version out.
        assertThat(connectors.json().get(1).has("version")).isFalse();
        assertThat(herder.calls).containsExactly("plugins connectorsOnly=true", "plugins connectorsOnly=false");
    }

    @Test
    void describesAPluginsConfigKeysWithKafkasFieldNames() {
        RestFixture.Reply reply = rest.get("/connector-plugins/" + FILE_SOURCE + "/config");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(kafkaJson(List.of(KafkaEntities.keyInfo(FILE_KEY),
            KafkaEntities.keyInfo(BATCH_KEY))));
        assertThat(reply.json().get(1).get("order_in_group").asInt()).isEqualTo(2);
        assertThat(reply.json().get(0).get("default_value").isNull()).isTrue();
        assertThat(rest.get("/connector-plugins/Nope/config").status()).isEqualTo(404);
    }

    @Test
    void validatesAConfigAndAnswersKafkasConfigInfos() {
        ConfigInfos result = new ConfigInfos(FILE_SOURCE, 1, List.of("Common"), List.of(
            new ConfigInfos.ConfigInfo(FILE_KEY,
                new ConfigInfos.ValueInfo("file", null, List.of(), List.of("Missing required configuration"), true)),
            new ConfigInfos.ConfigInfo(BATCH_KEY,
                new ConfigInfos.ValueInfo("batch.size", "10", List.of("10", "100"), List.of(), false))));
        herder.validation = result;

        RestFixture.Reply reply = rest.sendJson("PUT", "/connector-plugins/FileStreamSource/config/validate",
            Map.of("connector.class", FILE_SOURCE, "batch.size", "10"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(kafkaJson(KafkaEntities.configInfos(result)));
        assertThat(reply.json().get("error_count").asInt()).isEqualTo(1);
        assertThat(reply.json().get("configs").get(1).get("value").get("recommended_values")).hasSize(2);
        assertThat(herder.lastValidated).isEqualTo(Map.of("connector.class", FILE_SOURCE, "batch.size", "10"));
    }

    @Test
    void validateAcceptsTheFullClassNameOrAnAliasInThePath() {
        herder.validation = new ConfigInfos(FILE_SOURCE, 0, List.of(), List.of());
        Map<String, String> config = Map.of("connector.class", FILE_SOURCE);

        for (String plugin : List.of(FILE_SOURCE, "FileStreamSourceConnector", "FileStreamSource")) {
            assertThat(rest.sendJson("PUT", "/connector-plugins/" + plugin + "/config/validate", config).status())
                .as(plugin)
                .isEqualTo(200);
        }
        // Without connector.class the herder decides.
        assertThat(rest.sendJson("PUT", "/connector-plugins/Anything/config/validate", Map.of("a", "b")).status())
            .isEqualTo(200);
    }

    @Test
    void validateRejectsAConnectorClassThatIsNotThePathsPlugin() {
        RestFixture.Reply reply = rest.sendJson("PUT", "/connector-plugins/FileStreamSink/config/validate",
            Map.of("connector.class", FILE_SOURCE));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()).isEqualTo(kafkaJson(KafkaEntities.error(400, "Included connector type "
            + FILE_SOURCE + " does not match request type FileStreamSink")));
        assertThat(herder.calls).isEmpty();
    }
}
