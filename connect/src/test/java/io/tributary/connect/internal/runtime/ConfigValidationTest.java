package io.tributary.connect.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.internal.herder.ConfigInfos;
import io.tributary.connect.internal.herder.ConnectRestException;
import io.tributary.connect.internal.isolation.Plugins;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ConfigValidationTest {
    private static final Plugins PLUGINS = Plugins.scan(List.of());

    private static List<String> errors(ConfigInfos infos, String key) {
        return infos.configs().stream().filter(c -> c.value().name().equals(key)).findFirst().orElseThrow()
            .value().errors();
    }

    @Test
    void reportsEachKeysErrorsForTheRuntimeTheTransformsAndTheConnector() {
        ConfigInfos infos = ConfigValidation.validate(PLUGINS, Map.of(
            "name", "sink", "connector.class", "FileStreamSink", "tasks.max", "zero",
            "topics", "a", "topics.regex", "b.*",
            "value.converter", "NoSuchConverter",
            "transforms", "route", "transforms.route.type", "com.example.Missing",
            "errors.deadletterqueue.topic.name", "a"));
        assertThat(infos.name()).isEqualTo("io.tributary.connect.file.FileStreamSinkConnector");
        assertThat(errors(infos, "tasks.max")).singleElement().asString().contains("zero");
        assertThat(errors(infos, "topics")).isNotEmpty();
        assertThat(errors(infos, "topics.regex")).isNotEmpty();
        assertThat(errors(infos, "value.converter")).singleElement().asString().contains("NoSuchConverter");
        assertThat(errors(infos, "transforms.route.type")).singleElement().asString()
            .contains("com.example.Missing");
        assertThat(errors(infos, "file")).isEmpty();
        assertThat(infos.errorCount()).isEqualTo(5);
        assertThat(infos.groups()).startsWith("Common").contains("Transforms", "Error Handling");
        ConfigInfos.KeyInfo tasksMax = infos.configs().stream().map(ConfigInfos.ConfigInfo::definition)
            .filter(k -> k.name().equals("tasks.max")).findFirst().orElseThrow();
        assertThat(tasksMax.type()).isEqualTo("INT");
        assertThat(tasksMax.defaultValue()).isEqualTo("1");
    }

    @Test
    void aValidConfigurationHasNoErrors() {
        ConfigInfos infos = ConfigValidation.validate(PLUGINS, Map.of("name", "source",
            "connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector", "topic", "t",
            "file", "/tmp/in", "errors.tolerance", "all"));
        assertThat(infos.errorCount()).isZero();
    }

    @Test
    void refusesAConfigurationWithoutAnInstalledConnector() {
        assertThatThrownBy(() -> ConfigValidation.validate(PLUGINS, Map.of("name", "x")))
            .isInstanceOfSatisfying(ConnectRestException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> ConfigValidation.validate(PLUGINS, Map.of("connector.class", "Nope")))
            .isInstanceOfSatisfying(ConnectRestException.class, e -> assertThat(e.getMessage()).contains("Nope"));
    }
}
