package io.tributary.connect.storage;

import io.tributary.connect.data.Schema;
import java.nio.ByteBuffer;

/**
 * Writes {@link Double} values as their 8 big-endian IEEE 754 bytes, as Kafka's {@code DoubleSerializer} does.
 * Reads every record as an optional FLOAT64 value; null stays null. A schema of another type is refused (Kafka's
 * number converters ignore the schema). Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class DoubleConverter extends FixedWidthConverter<Double> {
    public DoubleConverter() {
        super("double", Schema.OPTIONAL_FLOAT64_SCHEMA, Double.class, 8);
    }

    @Override
    void write(Double value, ByteBuffer out) {
        out.putDouble(value);
    }

    @Override
    Double read(ByteBuffer in) {
        return in.getDouble();
    }
}
