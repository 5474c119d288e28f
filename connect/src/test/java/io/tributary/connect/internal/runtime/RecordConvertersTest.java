package io.tributary.connect.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.Header;
import io.tributary.connect.ConnectHeader;
import io.tributary.connect.data.Schema;
import io.tributary.connect.internal.isolation.Plugins;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A task's header converter: the worker's by default, a connector's own (with its own settings) instead. */
final class RecordConvertersTest {
    private static Plugins plugins;

    @BeforeAll
    static void scan() {
        plugins = Plugins.scan(List.of());
    }

    @Test
    void tasksConvertHeadersWithTheWorkersHeaderConverter() {
        RecordConverters converters = RecordConverters.create(plugins, new WorkerConfig(workerProps()),
            connector(Map.of()));
        List<Header> written = converters.toKafka("t", List.of(new ConnectHeader("n", Schema.INT32_SCHEMA, 42),
            new ConnectHeader("l", null, List.of("a", "b")), new ConnectHeader("none", null, null)));
        assertThat(written).extracting(Header::key).containsExactly("n", "l", "none");
        assertThat(text(written.get(0))).isEqualTo("42");
        assertThat(text(written.get(1))).isEqualTo("[\"a\",\"b\"]");
        assertThat(written.get(2).value()).isNull();

        List<ConnectHeader> read = converters.toConnect("t", written);
        assertThat(read.get(0)).isEqualTo(new ConnectHeader("n", Schema.INT8_SCHEMA, (byte) 42));
        assertThat(read.get(1).value()).isEqualTo(List.of("a", "b"));
        assertThat(read.get(2)).isEqualTo(new ConnectHeader("none", null, null));
    }

    @Test
    void aConnectorsOwnHeaderConverterAndSettingsReplaceTheWorkers() {
        Map<String, String> worker = workerProps();
        worker.put("header.converter.converter.encoding", "UTF-16");   // not for the connector's converter
        RecordConverters converters = RecordConverters.create(plugins, new WorkerConfig(worker), connector(Map.of(
            "header.converter", "org.apache.kafka.connect.storage.StringConverter",
            "header.converter.converter.encoding", "ISO-8859-1")));
        List<Header> written = converters.toKafka("t", List.of(new ConnectHeader("s", Schema.STRING_SCHEMA, "é")));
        assertThat(written.get(0).value()).isEqualTo("é".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(converters.toConnect("t", written))
            .containsExactly(new ConnectHeader("s", Schema.OPTIONAL_STRING_SCHEMA, "é"));
    }

    @Test
    void aConnectorWithoutHeaderConverterUsesTheWorkersSettings() {
        Map<String, String> worker = workerProps();
        worker.put("header.converter", "StringConverter");
        worker.put("header.converter.converter.encoding", "UTF-16");
        RecordConverters converters = RecordConverters.create(plugins, new WorkerConfig(worker),
            connector(Map.of()));
        List<Header> written = converters.toKafka("t", List.of(new ConnectHeader("s", Schema.STRING_SCHEMA, "é")));
        assertThat(written.get(0).value()).isEqualTo("é".getBytes(StandardCharsets.UTF_16));
    }

    private static Map<String, String> workerProps() {
        Map<String, String> props = new HashMap<>();
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        return props;
    }

    private static ConnectorConfig connector(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put("name", "c");
        props.put("connector.class", "FileStreamSource");
        return new ConnectorConfig(props, false);
    }

    private static String text(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
