package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.errors.DataException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What SimpleHeaderConverter writes and infers, on examples; the differential test compares it with Kafka's. */
final class SimpleHeaderConverterTest {
    private static final long DAY = 86_400_000L;
    /** 2024-05-01T12:34:56.789Z. */
    private static final long INSTANT = 19_844 * DAY + 45_296_789L;

    private final SimpleHeaderConverter converter = new SimpleHeaderConverter();

    @Test
    void writesScalarsAsTheirText() {
        assertThat(write(Schema.INT32_SCHEMA, 42)).isEqualTo("42");
        assertThat(write(Schema.FLOAT64_SCHEMA, 1e20)).isEqualTo("1.0E20");
        assertThat(write(Schema.BOOLEAN_SCHEMA, true)).isEqualTo("true");
        assertThat(write(Schema.STRING_SCHEMA, "a \"b\", c")).isEqualTo("a \"b\", c");
        assertThat(write(Schema.BYTES_SCHEMA, new byte[] {1, 2, 3})).isEqualTo("AQID");
        assertThat(write(Decimal.schema(2), new BigDecimal("1.50"))).isEqualTo("1.50");
        assertThat(write(null, null)).isNull();
    }

    @Test
    void writesDatesInIsoFormsChosenByTheInstant() {
        assertThat(write(Date.schema(), new java.util.Date(19_844 * DAY))).isEqualTo("2024-05-01");
        assertThat(write(Time.schema(), new java.util.Date(45_296_789L))).isEqualTo("12:34:56.789Z");
        assertThat(write(Timestamp.schema(), new java.util.Date(INSTANT))).isEqualTo("2024-05-01T12:34:56.789Z");
        // as in Kafka the schema is not consulted: a timestamp at midnight is written as a date
        assertThat(write(Timestamp.schema(), new java.util.Date(19_844 * DAY))).isEqualTo("2024-05-01");
    }

    @Test
    void writesContainersWithQuotedStringsInside() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("k", 1);
        map.put("q\"\\", List.of(new byte[] {1}));
        assertThat(write(null, Arrays.asList("a", null, "b\"c"))).isEqualTo("[\"a\",null,\"b\\\"c\"]");
        assertThat(write(null, map)).isEqualTo("{\"k\":1,\"q\\\"\\\\\":[\"AQ==\"]}");
        Schema schema = SchemaBuilder.struct().field("name", Schema.STRING_SCHEMA).field("n", Schema.INT8_SCHEMA)
            .build();
        assertThat(write(schema, new Struct(schema).put("name", "x").put("n", (byte) 7)))
            .isEqualTo("{\"name\":\"x\",\"n\":7}");
    }

    @Test
    void refusesJavaTypesConnectDoesNotHave() {
        assertThatThrownBy(() -> converter.fromConnectHeader("t", "h", null, 'c')).isInstanceOf(DataException.class);
    }

    @Test
    void infersTheNarrowestNumberBooleanOrString() {
        assertRead("42", Schema.INT8_SCHEMA, (byte) 42);
        assertRead("300", Schema.INT16_SCHEMA, (short) 300);
        assertRead("70000", Schema.INT32_SCHEMA, 70_000);
        assertRead("5000000000", Schema.INT64_SCHEMA, 5_000_000_000L);
        assertRead("1.5", Schema.FLOAT32_SCHEMA, 1.5f);
        assertRead("1e39", Schema.FLOAT64_SCHEMA, 1e39);           // too large for a float
        assertRead("3.5e38", Schema.FLOAT64_SCHEMA, 3.5e38);
        assertRead("12345678901234567890", Decimal.schema(0), new BigDecimal("12345678901234567890"));
        assertRead("true", Schema.BOOLEAN_SCHEMA, true);
        assertRead("hello, world", Schema.STRING_SCHEMA, "hello, world");
        assertRead("", Schema.STRING_SCHEMA, "");
    }

    @Test
    void infersDatesTimesAndTimestamps() {
        assertRead("2024-05-01", Date.schema(), new java.util.Date(19_844 * DAY));
        assertRead("12:34:56.789Z", Time.schema(), new java.util.Date(45_296_789L));
        assertRead("2024-05-01T12:34:56.789Z", Timestamp.schema(), new java.util.Date(INSTANT));
    }

    @Test
    void infersListsAndMapsWideningTheirElements() {
        assertRead("[1, 300]", SchemaBuilder.array(Schema.INT16_SCHEMA).build(), List.of((short) 1, (short) 300));
        assertRead("[1,2.5]", SchemaBuilder.array(Schema.FLOAT32_SCHEMA).build(), List.of(1.0f, 2.5f));
        assertRead("{\"a\":1,\"b\":2}", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT8_SCHEMA).build(),
            Map.of("a", (byte) 1, "b", (byte) 2));
        assertRead("[\"2024-05-01\"]", SchemaBuilder.array(Date.schema()).build(),
            List.of(new java.util.Date(19_844 * DAY)));
    }

    @Test
    void readsWhatItWroteForSimpleValues() {
        List<Object> values = List.of("plain text", (byte) -5, true, List.of("a", "b"),
            Map.of("k", List.of((byte) 1, (byte) 2)), new java.util.Date(INSTANT));
        for (Object value : values) {
            byte[] bytes = converter.fromConnectHeader("t", "h", null, value);
            assertThat(converter.toConnectHeader("t", "h", bytes).value()).as("%s", value).isEqualTo(value);
        }
    }

    @Test
    void keepsKafkasQuirks() {
        assertRead("1.0", Schema.INT8_SCHEMA, (byte) 1);        // whole numbers are integers, whatever their form
        assertRead("12:30", Schema.INT8_SCHEMA, (byte) 12);     // a leading number wins over the rest of the text
        assertRead("[1,null]", Schema.STRING_SCHEMA, "[1,null]");   // a null beside typed elements: not a list
        assertRead("[\"a\\\"b\"]", SchemaBuilder.array(Schema.STRING_SCHEMA).build(), List.of("a\\\"b"));
    }

    @Test
    void readsNullsAsNull() {
        assertThat(converter.toConnectHeader("t", "h", null)).isEqualTo(SchemaAndValue.NULL);
        assertThat(read("null")).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void leavesListsWithoutCommonTypeWithoutSchema() {
        // Kafka infers an ARRAY schema without element schema; Tributary schemas always have one
        assertRead("[1,\"a\"]", null, List.of((byte) 1, "a"));
        assertRead("[null]", null, Arrays.asList((Object) null));
        // Kafka keeps the last nested list's schema, which does not describe the first
        assertRead("[[\"a\"],[1]]", null, List.of(List.of("a"), List.of((byte) 1)));
    }

    @Test
    void passesUnreadableTextOnAsBytes() {
        byte[] deep = "[".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        SchemaAndValue read = converter.toConnectHeader("t", "h", deep);
        assertThat(read.schema()).isEqualTo(Schema.BYTES_SCHEMA);
        assertThat(read.value()).isSameAs(deep);
    }

    private @Nullable String write(@Nullable Schema schema, @Nullable Object value) {
        byte[] bytes = converter.fromConnectHeader("t", "h", schema, value);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private SchemaAndValue read(String text) {
        return converter.toConnectHeader("t", "h", text.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRead(String text, @Nullable Schema schema, @Nullable Object value) {
        SchemaAndValue read = read(text);
        assertThat(read.schema()).as("schema of %s", text).isEqualTo(schema);
        assertThat(read.value()).as("value of %s", text).isEqualTo(value);
    }
}
