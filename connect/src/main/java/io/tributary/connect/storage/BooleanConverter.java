package io.tributary.connect.storage;

import io.tributary.connect.data.Schema;
import io.tributary.connect.errors.DataException;
import java.nio.ByteBuffer;

/**
 * Writes {@link Boolean} values as one byte, 1 for true and 0 for false, as Kafka's {@code BooleanSerializer} does.
 * Reads every record as an optional BOOLEAN value; null stays null, and a byte other than 0 or 1 is an error. A
 * schema other than BOOLEAN is refused. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class BooleanConverter extends FixedWidthConverter<Boolean> {
    public BooleanConverter() {
        super("boolean", Schema.OPTIONAL_BOOLEAN_SCHEMA, Boolean.class, 1);
    }

    @Override
    void write(Boolean value, ByteBuffer out) {
        out.put(value ? (byte) 1 : (byte) 0);
    }

    @Override
    Boolean read(ByteBuffer in) {
        byte b = in.get();
        if (b != 0 && b != 1) {
            throw new DataException("Failed to deserialize boolean: unexpected byte " + b + ", expected 0 or 1");
        }
        return b == 1;
    }
}
