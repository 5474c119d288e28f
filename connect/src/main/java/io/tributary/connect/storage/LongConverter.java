package io.tributary.connect.storage;

import io.tributary.connect.data.Schema;
import java.nio.ByteBuffer;

/**
 * Writes {@link Long} values as 8 big-endian bytes, as Kafka's {@code LongSerializer} does.
 * Reads every record as an optional INT64 value; null stays null. A schema of another type is refused (Kafka's
 * number converters ignore the schema). Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class LongConverter extends FixedWidthConverter<Long> {
    public LongConverter() {
        super("long", Schema.OPTIONAL_INT64_SCHEMA, Long.class, 8);
    }

    @Override
    void write(Long value, ByteBuffer out) {
        out.putLong(value);
    }

    @Override
    Long read(ByteBuffer in) {
        return in.getLong();
    }
}
