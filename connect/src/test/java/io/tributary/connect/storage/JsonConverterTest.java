package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.config.ConfigException;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.DataException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JsonConverter's documented behaviour, including where it deliberately differs from Kafka's. */
final class JsonConverterTest {
    private static JsonConverter converter(Map<String, ?> configs) {
        JsonConverter converter = new JsonConverter();
        converter.configure(configs, false);
        return converter;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesKafkasEnvelopeByteForByte() {
        Schema schema = SchemaBuilder.struct().name("Point")
            .field("x", Schema.INT32_SCHEMA)
            .field("label", SchemaBuilder.string().optional().defaultValue("none").build())
            .build();
        byte[] json = converter(Map.of()).fromConnectData("t", schema, new Struct(schema).put("x", 3));
        assertThat(text(json)).isEqualTo("{\"schema\":{\"type\":\"struct\",\"fields\":["
            + "{\"type\":\"int32\",\"optional\":false,\"field\":\"x\"},"
            + "{\"type\":\"string\",\"optional\":true,\"default\":\"none\",\"field\":\"label\"}],"
            + "\"optional\":false,\"name\":\"Point\"},\"payload\":{\"x\":3,\"label\":\"none\"}}");
    }

    @Test
    void nullSchemaAndValueIsATombstoneAndNullBytesReadAsNull() {
        JsonConverter json = converter(Map.of());
        assertThat(json.fromConnectData("t", null, null)).isNull();
        assertThat(json.toConnectData("t", null)).isEqualTo(SchemaAndValue.NULL);
        assertThat(text(json.fromConnectData("t", Schema.OPTIONAL_STRING_SCHEMA, null)))
            .isEqualTo("{\"schema\":{\"type\":\"string\",\"optional\":true},\"payload\":null}");
    }

    @Test
    void bytesWithoutTheEnvelopeSayHowToReadPlainJson() {
        assertThatThrownBy(() -> converter(Map.of()).toConnectData("t", bytes("{\"a\":1}")))
            .isInstanceOf(DataException.class)
            .hasMessageContaining("requires \"schema\" and \"payload\" fields")
            .hasMessageContaining("set schemas.enable=false");
    }

    @Test
    void badJsonIsADataExceptionNamingTheProblem() {
        assertThatThrownBy(() -> converter(Map.of()).toConnectData("t", bytes("{\"schema\": nope")))
            .isInstanceOf(DataException.class)
            .hasMessageStartingWith("Converting byte[] to Kafka Connect data failed due to serialization error: ")
            .hasMessageContaining("nope");
    }

    @Test
    void schemalessJsonReadsAsMapsListsLongsAndDoubles() {
        SchemaAndValue read = converter(Map.of("schemas.enable", "false"))
            .toConnectData("t", bytes("{\"n\":1,\"d\":1.5,\"l\":[true,null,\"s\"],\"o\":{}}"));
        assertThat(read.schema()).isNull();
        assertThat(read.value()).isEqualTo(Map.of("n", 1L, "d", 1.5, "l", java.util.Arrays.asList(true, null, "s"),
            "o", Map.of()));
    }

    @Test
    void mapsWithOtherThanStringKeysAreArraysOfPairs() {
        Schema schema = SchemaBuilder.map(Schema.INT64_SCHEMA, Schema.STRING_SCHEMA).build();
        JsonConverter json = converter(Map.of("schemas.enable", false));
        assertThat(text(json.fromConnectData("t", schema, Map.of(7L, "seven")))).isEqualTo("[[7,\"seven\"]]");
        assertThat(text(json.fromConnectData("t", null, Map.of(7, "seven")))).isEqualTo("[[7,\"seven\"]]");
    }

    @Test
    void decimalsAreBase64ByDefaultAndNumbersWhenNumericWhateverTheCase() {
        Schema schema = Decimal.schema(2);
        BigDecimal value = new BigDecimal("-12.30");
        JsonConverter base64 = converter(Map.of("schemas.enable", false));
        JsonConverter numeric = converter(Map.of("schemas.enable", false, "decimal.format", "numeric"));
        assertThat(text(base64.fromConnectData("t", schema, value))).isEqualTo("\"+zI=\"");
        assertThat(text(numeric.fromConnectData("t", schema, value))).isEqualTo("-12.30");

        JsonConverter reader = converter(Map.of("decimal.format", "NUMERIC"));
        String envelope = "{\"schema\":{\"type\":\"bytes\",\"optional\":false,\"name\":\"" + Decimal.LOGICAL_NAME
            + "\",\"version\":1,\"parameters\":{\"scale\":\"2\"}},\"payload\":%s}";
        assertThat(reader.toConnectData("t", bytes(envelope.formatted("\"+zI=\""))).value()).isEqualTo(value);
        assertThat(reader.toConnectData("t", bytes(envelope.formatted("-12.3"))).value())
            .as("a number with fewer digits takes the schema's scale").isEqualTo(value);
        assertThatThrownBy(() -> reader.toConnectData("t", bytes(envelope.formatted("-12.345"))))
            .isInstanceOf(DataException.class).hasMessageContaining("without rounding");
        assertThatThrownBy(() -> numeric.fromConnectData("t", schema, new BigDecimal("1.5")))
            .isInstanceOf(DataException.class).hasMessageContaining("mismatching scale");
    }

    @Test
    void anUnknownDecimalFormatIsAConfigurationError() {
        assertThatThrownBy(() -> converter(Map.of("decimal.format", "HEX")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("decimal.format");
    }

    @Test
    void nullsBecomeDefaultsUnlessReplacementIsOff() {
        Schema schema = SchemaBuilder.struct()
            .field("n", SchemaBuilder.int32().optional().defaultValue(42).build())
            .build();
        Struct unset = new Struct(schema);
        assertThat(text(converter(Map.of("schemas.enable", false)).fromConnectData("t", schema, unset)))
            .isEqualTo("{\"n\":42}");
        JsonConverter keepNulls = converter(Map.of("schemas.enable", false, "replace.null.with.default", false));
        assertThat(text(keepNulls.fromConnectData("t", schema, unset))).isEqualTo("{\"n\":null}");

        byte[] nullField = bytes("{\"schema\":" + "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\","
            + "\"optional\":true,\"default\":42,\"field\":\"n\"}],\"optional\":false},\"payload\":{\"n\":null}}");
        assertThat(((Struct) converter(Map.of()).toConnectData("t", nullField).value()).getWithoutDefault("n"))
            .isEqualTo(42);
        assertThat(((Struct) converter(Map.of("replace.null.with.default", "false")).toConnectData("t", nullField)
            .value()).getWithoutDefault("n")).isNull();
    }

    @Test
    void aFixedSchemaReadsBarePayloads() {
        JsonConverter json = converter(Map.of("schema.content", "{\"type\":\"array\",\"items\":{\"type\":\"int8\"}}"));
        SchemaAndValue read = json.toConnectData("t", bytes("[1,2]"));
        assertThat(read.schema()).isEqualTo(SchemaBuilder.array(Schema.INT8_SCHEMA).build());
        assertThat(read.value()).isEqualTo(List.of((byte) 1, (byte) 2));
        assertThatThrownBy(() -> converter(Map.of("schema.content", "{\"type\":\"nothing\"}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("Unknown schema type: nothing");
    }

    @Test
    void wrongJsonKindsAreRefusedWhereKafkaReadsZerosAndFalses() {
        JsonConverter json = converter(Map.of());
        assertThatThrownBy(() -> json.toConnectData("t",
            bytes("{\"schema\":{\"type\":\"boolean\"},\"payload\":\"yes\"}")))
            .isInstanceOf(DataException.class).hasMessage("Expected a JSON boolean for BOOLEAN but found STRING");
        assertThatThrownBy(() -> json.toConnectData("t", bytes("{\"schema\":{\"type\":\"int8\"},\"payload\":300}")))
            .isInstanceOf(DataException.class).hasMessage("Value 300 is out of range for INT8");
        assertThatThrownBy(() -> json.toConnectData("t", bytes("{\"schema\":{\"type\":\"int32\"},\"payload\":1.5}")))
            .isInstanceOf(DataException.class).hasMessageContaining("Expected an integer");
        assertThat(json.toConnectData("t", bytes("{\"schema\":{\"type\":\"int32\"},\"payload\":2.0}")).value())
            .as("an integral number written with a fraction").isEqualTo(2);
    }

    @Test
    void floatingPointSpecialValuesSurviveAsJsonStrings() {
        JsonConverter json = converter(Map.of());
        for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            byte[] written = json.fromConnectData("t", Schema.FLOAT64_SCHEMA, special);
            assertThat(json.toConnectData("t", written).value()).isEqualTo(special);
        }
    }

    @Test
    void aByteBufferContributesItsRemainingBytes() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2}).position(1);
        byte[] json = converter(Map.of("schemas.enable", false)).fromConnectData("t", Schema.BYTES_SCHEMA, buffer);
        assertThat(text(json)).isEqualTo("\"AQI=\"");
        assertThat(buffer.position()).isEqualTo(1);
    }

    @Test
    void requiredNullsAndMismatchedStructsFailAsInKafka() {
        JsonConverter json = converter(Map.of());
        assertThatThrownBy(() -> json.fromConnectData("t", Schema.INT32_SCHEMA, null))
            .isInstanceOf(DataException.class)
            .hasMessage("Conversion error: null value for field that is required and has no default value");
        Schema a = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
        Schema b = SchemaBuilder.struct().field("y", Schema.INT32_SCHEMA).build();
        assertThatThrownBy(() -> json.fromConnectData("t", a, new Struct(b).put("y", 1)))
            .isInstanceOf(DataException.class).hasMessage("Mismatching schema.");
        assertThatThrownBy(() -> json.fromConnectData("t", Schema.INT64_SCHEMA, 1))
            .isInstanceOf(DataException.class).hasMessage("Invalid type for INT64: class java.lang.Integer");
    }

    @Test
    void aStructDefaultInAJsonSchemaIsAccepted() {
        String schema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"x\"}],"
            + "\"default\":{\"x\":5}}";
        SchemaAndValue read = converter(Map.of()).toConnectData("t",
            bytes("{\"schema\":" + schema + ",\"payload\":null}"));
        assertThat(((Struct) read.value()).get("x")).isEqualTo(5);
    }
}
