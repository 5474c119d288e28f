package io.tributary.connect.storage;

import io.tributary.connect.data.Schema;
import java.nio.ByteBuffer;

/**
 * Writes {@link Float} values as their 4 big-endian IEEE 754 bytes, as Kafka's {@code FloatSerializer} does.
 * Reads every record as an optional FLOAT32 value; null stays null. A schema of another type is refused (Kafka's
 * number converters ignore the schema). Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class FloatConverter extends FixedWidthConverter<Float> {
    public FloatConverter() {
        super("float", Schema.OPTIONAL_FLOAT32_SCHEMA, Float.class, 4);
    }

    @Override
    void write(Float value, ByteBuffer out) {
        out.putFloat(value);
    }

    @Override
    Float read(ByteBuffer in) {
        return in.getFloat();
    }
}
