package io.tributary.connect.storage;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.Values;
import io.tributary.connect.errors.DataException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Passes raw bytes through unchanged, as Kafka Connect's {@code ByteArrayConverter} does: it writes {@code byte[]}
 * and {@link ByteBuffer} values of a BYTES schema (or no schema) and reads every record as an optional BYTES value.
 * No settings. Also a {@link HeaderConverter}, with the same behaviour. Stateless and thread-safe.
 *
 * <p>A {@link ByteBuffer} contributes its remaining bytes (position to limit); Kafka's converter rewinds the buffer
 * and takes everything up to its limit.
 *
 * @since 0.1
 */
public final class ByteArrayConverter implements DataConverterForHeaders {
    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    /** The value's bytes; null for null. @throws DataException for a non-BYTES schema or another Java type */
    @Override
    public byte @Nullable [] fromConnectData(String topic, @Nullable Schema schema, @Nullable Object value) {
        if (schema != null && schema.type() != Schema.Type.BYTES) {
            throw new DataException("Invalid schema type for ByteArrayConverter: " + schema.type());
        }
        if (value == null) {
            return null;
        }
        if (!(value instanceof byte[]) && !(value instanceof ByteBuffer)) {
            throw new DataException("ByteArrayConverter is not compatible with objects of type " + value.getClass());
        }
        return Values.bytes(value);
    }

    /** The bytes as an optional BYTES value. */
    @Override
    public SchemaAndValue toConnectData(String topic, byte @Nullable [] value) {
        return new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, value);
    }

}
