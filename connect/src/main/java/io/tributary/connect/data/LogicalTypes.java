package io.tributary.connect.data;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** Which Java types a schema accepts, logical types included. Stateless. */
final class LogicalTypes {
    private LogicalTypes() {
    }

    static boolean accepts(Schema schema, Object value) {
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME:
                    return value instanceof BigDecimal;
                case Date.LOGICAL_NAME, Time.LOGICAL_NAME, Timestamp.LOGICAL_NAME:
                    return value instanceof java.util.Date;
                default:
                    break;
            }
        }
        return switch (schema.type()) {
            case INT8 -> value instanceof Byte;
            case INT16 -> value instanceof Short;
            case INT32 -> value instanceof Integer;
            case INT64 -> value instanceof Long;
            case FLOAT32 -> value instanceof Float;
            case FLOAT64 -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case STRING -> value instanceof String;
            case BYTES -> value instanceof byte[] || value instanceof ByteBuffer;
            case ARRAY -> value instanceof List;
            case MAP -> value instanceof Map;
            case STRUCT -> value instanceof Struct;
        };
    }
}
