package io.tributary.connect.transforms;

import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Random struct schemas and values for the property tests: fields of every primitive and logical type, optional or
 * not, with or without defaults, arrays, maps and nested structs, named from a small pool so that renames and
 * flattened names collide now and then.
 */
final class RandomStructs {
    static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "a_b", "b.c");
    private static final Schema.Type[] PRIMITIVES = {Schema.Type.INT8, Schema.Type.INT16, Schema.Type.INT32,
        Schema.Type.INT64, Schema.Type.FLOAT32, Schema.Type.FLOAT64, Schema.Type.BOOLEAN, Schema.Type.STRING,
        Schema.Type.BYTES};
    private static final List<String> TEXTS = List.of("", "12", "-7", "1.5", "true", "abc", "300", "1e3", " 4",
        "2147483648", "9223372036854775807");
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private RandomStructs() {
    }

    /** A struct schema nested up to {@code depth} levels, with nested structs only if {@code nested}. */
    static Schema schema(Random r, int depth, boolean nested) {
        List<String> names = new ArrayList<>(NAMES);
        Collections.shuffle(names, r);
        SchemaBuilder builder = SchemaBuilder.struct();
        if (r.nextInt(3) == 0) {
            builder.name("rand.S" + r.nextInt(3)).version(1 + r.nextInt(2)).doc("random");
        }
        for (String name : names.subList(0, 1 + r.nextInt(5))) {
            builder.field(name, fieldSchema(r, depth, nested));
        }
        if (r.nextInt(4) == 0) {
            builder.optional();
        }
        return builder.build();
    }

    private static Schema fieldSchema(Random r, int depth, boolean nested) {
        int kind = r.nextInt(12);
        SchemaBuilder builder;
        if (kind < 7) {
            builder = SchemaBuilder.type(PRIMITIVES[r.nextInt(PRIMITIVES.length)]);
        } else if (kind == 7) {
            builder = SchemaBuilder.array(Schema.INT32_SCHEMA);
        } else if (kind == 8) {
            builder = switch (r.nextInt(4)) {
                case 0 -> Date.builder();
                case 1 -> Time.builder();
                case 2 -> Timestamp.builder();
                default -> Decimal.builder(2);
            };
        } else if (kind < 11 && nested && depth > 0) {
            return schema(r, depth - 1, true);
        } else if (kind == 11 && nested) {
            builder = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA);
        } else {
            builder = SchemaBuilder.type(PRIMITIVES[r.nextInt(PRIMITIVES.length)]);
        }
        if (r.nextBoolean()) {
            builder.optional();
        }
        if (r.nextInt(4) == 0) {
            builder.defaultValue(value(r, builder.build()));
        }
        return builder.build();
    }

    /** A struct of {@code schema}; optional or defaulted fields are sometimes left unset. */
    static Struct struct(Random r, Schema schema) {
        Struct struct = new Struct(schema);
        for (Field field : schema.fields()) {
            Schema fs = field.schema();
            boolean mayLeaveUnset = fs.isOptional() || fs.defaultValue() != null;
            if (!mayLeaveUnset || r.nextInt(4) != 0) {
                struct.put(field, value(r, fs));
            }
        }
        return struct;
    }

    /** A non-null value of {@code schema}. */
    static Object value(Random r, Schema schema) {
        String name = schema.name();
        if (Date.LOGICAL_NAME.equals(name)) {
            return new java.util.Date((r.nextInt(40_000) - 10_000) * MILLIS_PER_DAY);
        } else if (Time.LOGICAL_NAME.equals(name)) {
            return new java.util.Date(r.nextInt((int) MILLIS_PER_DAY));
        } else if (Timestamp.LOGICAL_NAME.equals(name)) {
            return new java.util.Date(r.nextLong() % (5000L * 365 * MILLIS_PER_DAY));
        } else if (Decimal.LOGICAL_NAME.equals(name)) {
            return BigDecimal.valueOf(r.nextInt(), 2);
        }
        return switch (schema.type()) {
            case INT8 -> (byte) r.nextInt();
            case INT16 -> (short) r.nextInt();
            case INT32 -> r.nextInt(3) == 0 ? r.nextInt(200) - 100 : r.nextInt();
            case INT64 -> r.nextInt(3) == 0 ? (long) r.nextInt(200) - 100 : r.nextLong();
            case FLOAT32 -> r.nextInt(10) == 0 ? Float.NaN : (r.nextFloat() - 0.5f) * 1000;
            case FLOAT64 -> r.nextInt(10) == 0 ? Double.NEGATIVE_INFINITY : (r.nextDouble() - 0.5) * 1e6;
            case BOOLEAN -> r.nextBoolean();
            case STRING -> TEXTS.get(r.nextInt(TEXTS.size()));
            case BYTES -> new byte[] {(byte) r.nextInt(), (byte) r.nextInt()};
            case ARRAY -> List.of(r.nextInt(10), r.nextInt(10));
            case MAP -> Map.of("k" + r.nextInt(3), r.nextInt(10));
            case STRUCT -> struct(r, schema);
        };
    }

    /** The schemaless twin of {@code struct}: nested maps of the values set, unset fields as null. */
    static Map<String, @Nullable Object> asMap(Struct struct) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (Field field : struct.schema().fields()) {
            Object value = struct.getWithoutDefault(field.name());
            map.put(field.name(), value instanceof Struct s ? asMap(s) : value);
        }
        return map;
    }
}
