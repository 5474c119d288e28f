package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.internal.herder.PluginInfo;
import io.tributary.connect.internal.isolation.PluginNotFoundException;
import io.tributary.connect.internal.isolation.PluginType;
import io.tributary.connect.internal.isolation.Plugins;
import io.tributary.connect.internal.runtime.WorkerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code header.converter}: finding header converters by Kafka's class names and by alias, and the worker's default
 * and prefixed settings ({@code RecordConvertersTest} has a connector's own replacing the worker's).
 */
final class HeaderConverterPluginsTest {
    private static Plugins plugins;

    @BeforeAll
    static void scan() {
        plugins = Plugins.scan(List.of());
    }

    @Test
    void findsHeaderConvertersByKafkasClassNamesAndAliases() {
        assertThat(plugins.newHeaderConverter("org.apache.kafka.connect.storage.SimpleHeaderConverter"))
            .isInstanceOf(SimpleHeaderConverter.class);
        assertThat(plugins.newHeaderConverter("SimpleHeaderConverter")).isInstanceOf(SimpleHeaderConverter.class);
        assertThat(plugins.newHeaderConverter("Simple")).isInstanceOf(SimpleHeaderConverter.class);
        assertThat(plugins.newHeaderConverter(SimpleHeaderConverter.class.getName()))
            .isInstanceOf(SimpleHeaderConverter.class);
        assertThat(plugins.newHeaderConverter("org.apache.kafka.connect.storage.StringConverter"))
            .isInstanceOf(StringConverter.class);
        assertThat(plugins.newHeaderConverter("org.apache.kafka.connect.json.JsonConverter"))
            .isInstanceOf(JsonConverter.class);
        assertThat(plugins.newHeaderConverter("org.apache.kafka.connect.converters.ByteArrayConverter"))
            .isInstanceOf(ByteArrayConverter.class);
        assertThat(plugins.newHeaderConverter("IntegerConverter")).isInstanceOf(IntegerConverter.class);
    }

    @Test
    void keepsHeaderConvertersAndConvertersApart() {
        assertThatThrownBy(() -> plugins.newConverter("org.apache.kafka.connect.storage.SimpleHeaderConverter"))
            .isInstanceOf(PluginNotFoundException.class);
        assertThatThrownBy(() -> plugins.newHeaderConverter("org.apache.kafka.connect.transforms.Cast$Value"))
            .isInstanceOf(PluginNotFoundException.class)
            .hasMessageContaining("HeaderConverter")
            .hasMessageContaining(SimpleHeaderConverter.class.getName());
        assertThat(plugins.find("StringConverter", PluginType.CONVERTER).pluginClass())
            .isEqualTo(StringConverter.class);
    }

    @Test
    void listsConvertersThatConvertHeadersAsBothKinds() {
        List<PluginInfo> all = plugins.pluginInfos(false);
        assertThat(all).filteredOn(p -> p.className().equals(StringConverter.class.getName()))
            .extracting(PluginInfo::type).containsExactly("converter", "header_converter");
        assertThat(all).filteredOn(p -> p.className().equals(SimpleHeaderConverter.class.getName()))
            .extracting(PluginInfo::type).containsExactly("header_converter");
        assertThat(all).extracting(PluginInfo::className)
            .doesNotContain(HeaderConverter.class.getName());
    }

    @Test
    void workerDefaultsToTheSimpleHeaderConverterWithPrefixedSettings() {
        WorkerConfig defaults = new WorkerConfig(workerProps());
        assertThat(defaults.headerConverter()).isEqualTo(SimpleHeaderConverter.class.getName());
        assertThat(defaults.withPrefix("header.converter.")).isEmpty();

        Map<String, String> props = workerProps();
        props.put("header.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("header.converter.converter.encoding", "UTF-16");
        WorkerConfig custom = new WorkerConfig(props);
        assertThat(custom.headerConverter()).isEqualTo("org.apache.kafka.connect.storage.StringConverter");
        assertThat(custom.withPrefix("header.converter.")).containsExactly(Map.entry("converter.encoding", "UTF-16"));
    }

    private static Map<String, String> workerProps() {
        Map<String, String> props = new HashMap<>();
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        return props;
    }
}
