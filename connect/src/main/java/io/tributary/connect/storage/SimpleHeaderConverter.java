package io.tributary.connect.storage;

import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.Values;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default header converter, as Kafka Connect's {@code SimpleHeaderConverter}: writes each value as the UTF-8 of
 * its text form ({@link Values#convertToString}, whatever the schema) and reads the text back with a schema inferred
 * from it ({@link Values#parseString}): {@code 42} is an INT8, {@code [1,2]} an ARRAY of INT8, {@code 2024-05-01} a
 * Date, {@code hello} a STRING. No schema is written. Null bytes and the text {@code null} read as
 * {@link SchemaAndValue#NULL}; text that cannot be read at all (nesting too deep) as its bytes with a BYTES schema.
 *
 * <p>Differences from Kafka's: dates are written and read in UTC with ASCII digits (Kafka uses the JVM's default
 * time zone and locale, which is the same on a UTC JVM); a list or map whose elements share no type reads without a
 * schema (Kafka's ARRAY or MAP schema lacks its element schema there), as does one that Kafka's inferred schema
 * does not describe (nested containers of different element types); a {@link java.nio.ByteBuffer} contributes its
 * remaining bytes. No settings. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class SimpleHeaderConverter implements HeaderConverter {
    private static final Logger LOG = LoggerFactory.getLogger(SimpleHeaderConverter.class);

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    /** The UTF-8 bytes of the value's text form; null for null. @throws io.tributary.connect.errors.DataException */
    @Override
    public byte @Nullable [] fromConnectHeader(String topic, String headerKey, @Nullable Schema schema,
                                               @Nullable Object value) {
        String text = Values.convertToString(schema, value);
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** The value of the UTF-8 text with its inferred schema. */
    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte @Nullable [] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        try {
            return Values.parseString(new String(value, StandardCharsets.UTF_8));
        } catch (RuntimeException | StackOverflowError e) {
            // as Kafka: a header that cannot be read is passed on as bytes rather than failing the record
            LOG.warn("Failed to read the value of header '{}' on topic '{}', so using its bytes", headerKey, topic, e);
            return new SchemaAndValue(Schema.BYTES_SCHEMA, value);
        }
    }
}
