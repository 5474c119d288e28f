package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConnectStandaloneTest {
    @TempDir
    Path dir;

    @Test
    void readsConnectorConfigurationsFromPropertiesAndJson() throws IOException {
        Path props = Files.writeString(dir.resolve("c.properties"), "name=a\nconnector.class=FileStreamSource\n");
        Path nested = Files.writeString(dir.resolve("c.json"),
            "{\"name\": \"b\", \"config\": {\"connector.class\": \"FileStreamSink\", \"tasks.max\": 2}}");
        Path flat = Files.writeString(dir.resolve("d.json"), "{\"name\": \"c\", \"topics\": \"t\"}");
        assertThat(ConnectStandalone.read(props)).containsEntry("name", "a")
            .containsEntry("connector.class", "FileStreamSource");
        assertThat(ConnectStandalone.read(nested)).containsEntry("name", "b").containsEntry("tasks.max", "2");
        assertThat(ConnectStandalone.read(flat)).containsEntry("name", "c").containsEntry("topics", "t");
    }

    @Test
    void refusesToStartWithoutOffsetsFileOrWithBadSettings() {
        Map<String, String> props = new HashMap<>(Map.of("bootstrap.servers", "localhost:9",
            "key.converter", "StringConverter", "value.converter", "StringConverter", "listeners", ""));
        assertThatThrownBy(() -> ConnectStandalone.start(props).block(Duration.ofSeconds(10)))
            .isInstanceOf(ConfigException.class).hasMessageContaining("offset.storage.file.filename");
        props.put("offset.storage.file.filename", dir.resolve("offsets").toString());
        props.put("producer.linger.ms", "soon");
        assertThatThrownBy(() -> ConnectStandalone.start(props).block(Duration.ofSeconds(10)))
            .isInstanceOf(ConfigException.class).hasMessageContaining("linger.ms");
        props.remove("producer.linger.ms");
        props.remove("value.converter");
        assertThatThrownBy(() -> ConnectStandalone.start(props).block(Duration.ofSeconds(10)))
            .isInstanceOf(ConfigException.class).hasMessageContaining("value.converter");
    }
}
