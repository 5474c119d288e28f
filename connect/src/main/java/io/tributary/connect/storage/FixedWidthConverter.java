package io.tributary.connect.storage;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.errors.DataException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The shared body of the number and boolean converters: one Java type written as a fixed number of big-endian bytes,
 * exactly as Kafka's serializers of that type write it, and read back as an optional value of one schema type. Null
 * stays null. Also a {@link HeaderConverter}, as Kafka's number and boolean converters are. Stateless and
 * thread-safe; subclasses only describe their type.
 *
 * @param <T> the Java type
 */
abstract class FixedWidthConverter<T> implements DataConverterForHeaders {
    private final String typeName;
    private final Schema schema;
    private final Class<T> javaType;
    private final int width;

    /**
     * @param typeName the name used in error messages ({@code int}, {@code double}), as Kafka names it
     * @param schema   the optional schema of values read
     * @param javaType the Java type written and read
     * @param width    the number of bytes per value
     */
    FixedWidthConverter(String typeName, Schema schema, Class<T> javaType, int width) {
        this.typeName = typeName;
        this.schema = schema;
        this.javaType = javaType;
        this.width = width;
    }

    /** Writes {@code value} into {@code out}, which has exactly {@code width} bytes left. */
    abstract void write(T value, ByteBuffer out);

    /** Reads a value from {@code in}, which holds exactly {@code width} bytes. */
    abstract T read(ByteBuffer in);

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    /**
     * The value's bytes; null for null.
     *
     * @throws DataException if {@code schema} is of another type, or the value is not of the converter's Java type
     */
    @Override
    public byte @Nullable [] fromConnectData(String topic, @Nullable Schema valueSchema, @Nullable Object value) {
        if (valueSchema != null && valueSchema.type() != schema.type()) {
            throw new DataException("Invalid schema type for " + getClass().getSimpleName() + ": "
                + valueSchema.type());
        }
        if (value == null) {
            return null;
        }
        if (!javaType.isInstance(value)) {
            throw new DataException("Failed to serialize to " + typeName + " (was " + value.getClass() + ")");
        }
        ByteBuffer out = ByteBuffer.allocate(width);
        write(javaType.cast(value), out);
        return out.array();
    }

    /** The value of the bytes, with this converter's optional schema. @throws DataException for a wrong size */
    @Override
    public SchemaAndValue toConnectData(String topic, byte @Nullable [] value) {
        if (value == null) {
            return new SchemaAndValue(schema, null);
        }
        if (value.length != width) {
            throw new DataException("Failed to deserialize " + typeName + ": expected " + width + " bytes but got "
                + value.length);
        }
        return new SchemaAndValue(schema, read(ByteBuffer.wrap(value)));
    }

}
