package io.tributary.connect.storage;

import io.tributary.connect.data.Schema;
import java.nio.ByteBuffer;

/**
 * Writes {@link Integer} values as 4 big-endian bytes, as Kafka's {@code IntegerSerializer} does.
 * Reads every record as an optional INT32 value; null stays null. A schema of another type is refused (Kafka's
 * number converters ignore the schema). Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class IntegerConverter extends FixedWidthConverter<Integer> {
    public IntegerConverter() {
        super("int", Schema.OPTIONAL_INT32_SCHEMA, Integer.class, 4);
    }

    @Override
    void write(Integer value, ByteBuffer out) {
        out.putInt(value);
    }

    @Override
    Integer read(ByteBuffer in) {
        return in.getInt();
    }
}
