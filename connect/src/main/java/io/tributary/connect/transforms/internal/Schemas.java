package io.tributary.connect.transforms.internal;

import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Schema helpers the transforms share. Stateless. */
public final class Schemas {
    private Schemas() {
    }

    /** Gives {@code target} the name, version, doc and parameters of {@code source}; returns {@code target}. */
    public static SchemaBuilder copyBasics(Schema source, SchemaBuilder target) {
        target.name(source.name()).version(source.version()).doc(source.doc());
        return target.parameters(source.parameters());
    }

    /**
     * A builder of the same type as {@code source}, with its element (array) or key and value (map) schemas and its
     * basics, but neither its optionality, its default nor its fields.
     */
    public static SchemaBuilder basicsOf(Schema source) {
        SchemaBuilder builder = switch (source.type()) {
            case ARRAY -> SchemaBuilder.array(source.valueSchema());
            case MAP -> SchemaBuilder.map(source.keySchema(), source.valueSchema());
            default -> SchemaBuilder.type(source.type());
        };
        return copyBasics(source, builder);
    }

    /**
     * The Connect type of a schemaless value by its Java class, or null if Connect has none for it (logical values
     * such as {@link java.math.BigDecimal} and {@link java.util.Date} included, which need a schema).
     */
    public static Schema.@Nullable Type typeOf(Object value) {
        if (value instanceof Byte) {
            return Schema.Type.INT8;
        } else if (value instanceof Short) {
            return Schema.Type.INT16;
        } else if (value instanceof Integer) {
            return Schema.Type.INT32;
        } else if (value instanceof Long) {
            return Schema.Type.INT64;
        } else if (value instanceof Float) {
            return Schema.Type.FLOAT32;
        } else if (value instanceof Double) {
            return Schema.Type.FLOAT64;
        } else if (value instanceof Boolean) {
            return Schema.Type.BOOLEAN;
        } else if (value instanceof String) {
            return Schema.Type.STRING;
        } else if (value instanceof byte[] || value instanceof ByteBuffer) {
            return Schema.Type.BYTES;
        } else if (value instanceof List) {
            return Schema.Type.ARRAY;
        } else if (value instanceof Map) {
            return Schema.Type.MAP;
        } else if (value instanceof Struct) {
            return Schema.Type.STRUCT;
        }
        return null;
    }
}
