package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.config.ConfigException;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.errors.DataException;
import java.nio.ByteBuffer;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.serialization.BooleanSerializer;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.common.serialization.FloatSerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.ShortSerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The string, bytes, number and boolean converters: the bytes of Kafka's serializers, values read back, and what
 * Kafka Connect's own converters read from our bytes.
 */
final class PrimitiveConvertersTest {
    /** Kafka Connect's converters by class, configured once. */
    private static final Map<Class<?>, org.apache.kafka.connect.storage.Converter> KAFKA =
        new java.util.concurrent.ConcurrentHashMap<>();

    private static <C extends Converter> C configured(C converter, Map<String, ?> configs) {
        converter.configure(configs, false);
        return converter;
    }

    private static <C extends Converter> C configured(C converter) {
        return configured(converter, Map.of());
    }

    @Property
    void integersAreKafkasBigEndianBytes(@ForAll int value) {
        byte[] bytes = configured(new IntegerConverter()).fromConnectData("t", Schema.INT32_SCHEMA, value);
        assertThat(bytes).isEqualTo(new IntegerSerializer().serialize("t", value));
        assertThat(configured(new IntegerConverter()).toConnectData("t", bytes))
            .isEqualTo(new SchemaAndValue(Schema.OPTIONAL_INT32_SCHEMA, value));
        assertThat(kafka(new org.apache.kafka.connect.converters.IntegerConverter(), bytes)).isEqualTo(value);
    }

    @Property
    void longsAreKafkasBigEndianBytes(@ForAll long value) {
        byte[] bytes = configured(new LongConverter()).fromConnectData("t", null, value);
        assertThat(bytes).isEqualTo(new LongSerializer().serialize("t", value));
        assertThat(configured(new LongConverter()).toConnectData("t", bytes).value()).isEqualTo(value);
        assertThat(kafka(new org.apache.kafka.connect.converters.LongConverter(), bytes)).isEqualTo(value);
    }

    @Property
    void shortsAreKafkasBigEndianBytes(@ForAll short value) {
        byte[] bytes = configured(new ShortConverter()).fromConnectData("t", Schema.OPTIONAL_INT16_SCHEMA, value);
        assertThat(bytes).isEqualTo(new ShortSerializer().serialize("t", value));
        assertThat(configured(new ShortConverter()).toConnectData("t", bytes).value()).isEqualTo(value);
        assertThat(kafka(new org.apache.kafka.connect.converters.ShortConverter(), bytes)).isEqualTo(value);
    }

    @Property
    void floatsAreKafkasIeeeBytes(@ForAll float value) {
        byte[] bytes = configured(new FloatConverter()).fromConnectData("t", Schema.FLOAT32_SCHEMA, value);
        assertThat(bytes).isEqualTo(new FloatSerializer().serialize("t", value));
        assertThat(configured(new FloatConverter()).toConnectData("t", bytes).value()).isEqualTo(value);
        assertThat(kafka(new org.apache.kafka.connect.converters.FloatConverter(), bytes)).isEqualTo(value);
    }

    @Property
    void doublesAreKafkasIeeeBytes(@ForAll double value) {
        byte[] bytes = configured(new DoubleConverter()).fromConnectData("t", Schema.FLOAT64_SCHEMA, value);
        assertThat(bytes).isEqualTo(new DoubleSerializer().serialize("t", value));
        assertThat(configured(new DoubleConverter()).toConnectData("t", bytes).value()).isEqualTo(value);
        assertThat(kafka(new org.apache.kafka.connect.converters.DoubleConverter(), bytes)).isEqualTo(value);
    }

    @Property
    void booleansAreKafkasSingleByte(@ForAll boolean value) {
        byte[] bytes = configured(new BooleanConverter()).fromConnectData("t", Schema.BOOLEAN_SCHEMA, value);
        assertThat(bytes).isEqualTo(new BooleanSerializer().serialize("t", value));
        assertThat(configured(new BooleanConverter()).toConnectData("t", bytes))
            .isEqualTo(new SchemaAndValue(Schema.OPTIONAL_BOOLEAN_SCHEMA, value));
        assertThat(kafka(new org.apache.kafka.connect.converters.BooleanConverter(), bytes)).isEqualTo(value);
    }

    @Property
    void stringsAreTheirEncodedText(@ForAll String value) {
        byte[] bytes = configured(new StringConverter()).fromConnectData("t", Schema.STRING_SCHEMA, value);
        assertThat(bytes).isEqualTo(new StringSerializer().serialize("t", value));
        assertThat(configured(new StringConverter()).toConnectData("t", bytes).value())
            .isEqualTo(kafka(new org.apache.kafka.connect.storage.StringConverter(), bytes));
    }

    @Property
    void bytesPassThrough(@ForAll byte[] value) {
        byte[] bytes = configured(new ByteArrayConverter()).fromConnectData("t", Schema.BYTES_SCHEMA, value);
        assertThat(bytes).isEqualTo(value);
        assertThat((byte[]) configured(new ByteArrayConverter()).toConnectData("t", bytes).value()).isEqualTo(value);
        assertThat((byte[]) kafka(new org.apache.kafka.connect.converters.ByteArrayConverter(), bytes))
            .isEqualTo(value);
    }

    @Test
    void nullsStayNullWithTheConvertersOptionalSchema() {
        assertThat(configured(new IntegerConverter()).fromConnectData("t", null, null)).isNull();
        assertThat(configured(new IntegerConverter()).toConnectData("t", null))
            .isEqualTo(new SchemaAndValue(Schema.OPTIONAL_INT32_SCHEMA, null));
        assertThat(configured(new StringConverter()).toConnectData("t", null))
            .isEqualTo(new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, null));
        assertThat(configured(new ByteArrayConverter()).fromConnectData("t", null, null)).isNull();
        assertThat(configured(new BooleanConverter()).toConnectData("t", null).value()).isNull();
    }

    @Test
    void wrongTypesSchemasAndSizesAreDataExceptions() {
        assertThatThrownBy(() -> configured(new IntegerConverter()).fromConnectData("t", null, 1L))
            .isInstanceOf(DataException.class).hasMessage("Failed to serialize to int (was class java.lang.Long)");
        assertThatThrownBy(() -> configured(new LongConverter()).fromConnectData("t", Schema.INT32_SCHEMA, 1L))
            .isInstanceOf(DataException.class).hasMessage("Invalid schema type for LongConverter: INT32");
        assertThatThrownBy(() -> configured(new DoubleConverter()).toConnectData("t", new byte[3]))
            .isInstanceOf(DataException.class)
            .hasMessage("Failed to deserialize double: expected 8 bytes but got 3");
        assertThatThrownBy(() -> configured(new BooleanConverter()).toConnectData("t", new byte[] {2}))
            .isInstanceOf(DataException.class).hasMessageContaining("unexpected byte 2");
        assertThatThrownBy(() -> configured(new ByteArrayConverter()).fromConnectData("t", Schema.STRING_SCHEMA,
            new byte[0])).isInstanceOf(DataException.class).hasMessage("Invalid schema type for ByteArrayConverter: "
            + "STRING");
        assertThatThrownBy(() -> configured(new ByteArrayConverter()).fromConnectData("t", null, "text"))
            .isInstanceOf(DataException.class).hasMessageContaining("not compatible with objects of type");
    }

    @Test
    void stringsUseTheConfiguredEncodingAndAnyValuesText() {
        StringConverter latin1 = configured(new StringConverter(), Map.of("converter.encoding", "ISO-8859-1"));
        assertThat(latin1.fromConnectData("t", null, "é")).containsExactly(0xE9);
        assertThat(latin1.toConnectData("t", new byte[] {(byte) 0xE9}).value()).isEqualTo("é");
        assertThat(configured(new StringConverter()).fromConnectData("t", Schema.INT32_SCHEMA, 42))
            .isEqualTo("42".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> configured(new StringConverter(), Map.of("converter.encoding", "klingon")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("converter.encoding");
    }

    @Test
    void aByteBufferGivesItsRemainingBytes() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3}).position(1);
        assertThat(configured(new ByteArrayConverter()).fromConnectData("t", null, buffer)).containsExactly(2, 3);
    }

    /** What Kafka Connect's converter of this class reads; configured once, since Kafka logs every configuration. */
    private static Object kafka(org.apache.kafka.connect.storage.Converter fresh, byte[] bytes) {
        org.apache.kafka.connect.storage.Converter converter = KAFKA.computeIfAbsent(fresh.getClass(), k -> {
            fresh.configure(Map.of(), false);
            return fresh;
        });
        return converter.toConnectData("t", bytes).value();
    }
}
