package io.tributary.connect.storage;

import io.tributary.connect.data.Schema;
import java.nio.ByteBuffer;

/**
 * Writes {@link Short} values as 2 big-endian bytes, as Kafka's {@code ShortSerializer} does.
 * Reads every record as an optional INT16 value; null stays null. A schema of another type is refused (Kafka's
 * number converters ignore the schema). Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class ShortConverter extends FixedWidthConverter<Short> {
    public ShortConverter() {
        super("short", Schema.OPTIONAL_INT16_SCHEMA, Short.class, 2);
    }

    @Override
    void write(Short value, ByteBuffer out) {
        out.putShort(value);
    }

    @Override
    Short read(ByteBuffer in) {
        return in.getShort();
    }
}
