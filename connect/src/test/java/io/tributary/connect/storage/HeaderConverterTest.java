package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connect.KafkaConnectData;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.SchemaBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The key/value converters that serve as header converters too, as Kafka's do, each checked against Kafka's own
 * converter used as a header converter (which Kafka's worker configures with {@code converter.type=header}).
 */
final class HeaderConverterTest {
    private static final String TOPIC = "t";
    private static final String KEY = "k";

    @Test
    void stringConverterWritesHeaderValuesAsTheirTextLikeKafka() {
        HeaderConverter ours = configured(new StringConverter(), Map.of());
        org.apache.kafka.connect.storage.HeaderConverter kafka =
            kafka(new org.apache.kafka.connect.storage.StringConverter(), Map.of());
        assertSameBytes(ours, kafka, Schema.STRING_SCHEMA, "héllo, \"world\"");
        assertSameBytes(ours, kafka, Schema.INT32_SCHEMA, 42);
        assertSameBytes(ours, kafka, null, List.of(1, 2));
        assertSameBytes(ours, kafka, Schema.OPTIONAL_STRING_SCHEMA, null);
        assertThat(ours.fromConnectHeader(TOPIC, KEY, Schema.INT32_SCHEMA, 42))
            .isEqualTo("42".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void stringConverterReadsHeadersAsOptionalStrings() {
        HeaderConverter ours = configured(new StringConverter(), Map.of());
        assertThat(ours.toConnectHeader(TOPIC, KEY, "42".getBytes(StandardCharsets.UTF_8)))
            .isEqualTo(new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, "42"));
        assertThat(ours.toConnectHeader(TOPIC, KEY, null))
            .isEqualTo(new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, null));
    }

    @Test
    void stringConverterHonoursItsEncodingAsHeaderConverter() {
        Map<String, Object> settings = Map.of(StringConverter.ENCODING_CONFIG, "UTF-16");
        HeaderConverter ours = configured(new StringConverter(), settings);
        org.apache.kafka.connect.storage.HeaderConverter kafka =
            kafka(new org.apache.kafka.connect.storage.StringConverter(), settings);
        byte[] bytes = ours.fromConnectHeader(TOPIC, KEY, Schema.STRING_SCHEMA, "héllo");
        assertThat(bytes).isEqualTo("héllo".getBytes(StandardCharsets.UTF_16));
        assertSameBytes(ours, kafka, Schema.STRING_SCHEMA, "héllo");
        assertThat(ours.toConnectHeader(TOPIC, KEY, bytes).value()).isEqualTo("héllo");
        assertThat(kafka.toConnectHeader(TOPIC, KEY, bytes).value()).isEqualTo("héllo");
    }

    @Test
    void byteArrayConverterPassesHeaderBytesThroughLikeKafka() {
        HeaderConverter ours = configured(new ByteArrayConverter(), Map.of());
        org.apache.kafka.connect.storage.HeaderConverter kafka =
            kafka(new org.apache.kafka.connect.converters.ByteArrayConverter(), Map.of());
        byte[] raw = {0, 1, -1, 42};
        assertSameBytes(ours, kafka, Schema.BYTES_SCHEMA, raw);
        assertThat(ours.toConnectHeader(TOPIC, KEY, raw)).isEqualTo(new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA,
            raw));
    }

    @Test
    void integerConverterWritesHeadersLikeKafka() {
        HeaderConverter ours = configured(new IntegerConverter(), Map.of());
        org.apache.kafka.connect.storage.HeaderConverter kafka =
            kafka(new org.apache.kafka.connect.converters.IntegerConverter(), Map.of());
        assertSameBytes(ours, kafka, Schema.INT32_SCHEMA, 123_456);
        assertThat(ours.toConnectHeader(TOPIC, KEY, new byte[] {0, 0, 1, 0}).value()).isEqualTo(256);
    }

    @Test
    void jsonConverterWritesHeadersLikeKafkaWithAndWithoutSchemas() throws IOException {
        Schema schema = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build();
        Map<String, Integer> value = Map.of("a", 1);
        for (boolean schemas : List.of(true, false)) {
            Map<String, Object> settings = Map.of(JsonConverter.SCHEMAS_ENABLE_CONFIG, schemas);
            HeaderConverter ours = configured(new JsonConverter(), settings);
            org.apache.kafka.connect.storage.HeaderConverter kafka =
                kafka(new org.apache.kafka.connect.json.JsonConverter(), settings);
            byte[] mine = ours.fromConnectHeader(TOPIC, KEY, schema, value);
            byte[] theirs = kafka.fromConnectHeader(TOPIC, KEY, KafkaConnectData.toKafka(schema),
                KafkaConnectData.toKafka(schema, value));
            assertThat(tree(mine)).isEqualTo(tree(theirs));
            SchemaAndValue read = ours.toConnectHeader(TOPIC, KEY, theirs);
            assertThat(read.value()).isEqualTo(schemas ? value : Map.of("a", 1L));
            if (schemas) {
                assertThat(read.schema()).isEqualTo(schema);
            }
        }
    }

    private static HeaderConverter configured(HeaderConverter converter, Map<String, Object> settings) {
        converter.configure(settings);
        return converter;
    }

    private static org.apache.kafka.connect.storage.HeaderConverter kafka(
        org.apache.kafka.connect.storage.HeaderConverter converter, Map<String, Object> settings) {
        Map<String, Object> withType = new HashMap<>(settings);
        withType.put("converter.type", "header");   // as Kafka's worker configures header converters
        converter.configure(withType);
        return converter;
    }

    private static void assertSameBytes(HeaderConverter ours, org.apache.kafka.connect.storage.HeaderConverter kafka,
                                        @Nullable Schema schema, @Nullable Object value) {
        assertThat(ours.fromConnectHeader(TOPIC, KEY, schema, value)).as("%s", value)
            .isEqualTo(kafka.fromConnectHeader(TOPIC, KEY, KafkaConnectData.toKafka(schema),
                KafkaConnectData.toKafka(schema, value)));
    }

    private static JsonNode tree(byte[] json) throws IOException {
        return JsonText.MAPPER.readTree(json);
    }
}
