package io.tributary.connect;

import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts schemas and values between Tributary's data model and Kafka Connect's, for differential tests that run
 * the same input through both. Logical values (BigDecimal, java.util.Date) and primitives are the same Java objects
 * in both models; only schemas and structs are rebuilt.
 */
public final class KafkaConnectData {
    private KafkaConnectData() {
    }

    public static org.apache.kafka.connect.data.@Nullable Schema toKafka(@Nullable Schema schema) {
        if (schema == null) {
            return null;
        }
        org.apache.kafka.connect.data.SchemaBuilder b = switch (schema.type()) {
            case ARRAY -> org.apache.kafka.connect.data.SchemaBuilder.array(toKafka(schema.valueSchema()));
            case MAP -> org.apache.kafka.connect.data.SchemaBuilder.map(toKafka(schema.keySchema()),
                toKafka(schema.valueSchema()));
            default -> org.apache.kafka.connect.data.SchemaBuilder.type(
                org.apache.kafka.connect.data.Schema.Type.valueOf(schema.type().name()));
        };
        if (schema.type() == Schema.Type.STRUCT) {
            for (Field f : schema.fields()) {
                b.field(f.name(), toKafka(f.schema()));
            }
        }
        if (schema.isOptional()) {
            b.optional();
        }
        b.name(schema.name()).version(schema.version()).doc(schema.doc());
        if (!schema.parameters().isEmpty()) {
            b.parameters(schema.parameters());
        }
        if (schema.defaultValue() != null) {
            b.defaultValue(toKafka(schema, schema.defaultValue()));
        }
        return b.build();
    }

    public static @Nullable Schema fromKafka(org.apache.kafka.connect.data.@Nullable Schema schema) {
        if (schema == null) {
            return null;
        }
        SchemaBuilder b = switch (schema.type()) {
            case ARRAY -> SchemaBuilder.array(fromKafka(schema.valueSchema()));
            case MAP -> SchemaBuilder.map(fromKafka(schema.keySchema()), fromKafka(schema.valueSchema()));
            default -> SchemaBuilder.type(Schema.Type.valueOf(schema.type().name()));
        };
        if (schema.type() == org.apache.kafka.connect.data.Schema.Type.STRUCT) {
            for (org.apache.kafka.connect.data.Field f : schema.fields()) {
                b.field(f.name(), fromKafka(f.schema()));
            }
        }
        if (schema.isOptional()) {
            b.optional();
        }
        b.name(schema.name()).version(schema.version()).doc(schema.doc());
        if (schema.parameters() != null && !schema.parameters().isEmpty()) {
            b.parameters(schema.parameters());
        }
        if (schema.defaultValue() != null) {
            b.defaultValue(fromKafka(schema, schema.defaultValue()));
        }
        return b.build();
    }

    /** A value of {@code schema} in Kafka Connect's model (schemaless values are converted by their Java type). */
    public static @Nullable Object toKafka(@Nullable Schema schema, @Nullable Object value) {
        if (value instanceof Struct s) {
            org.apache.kafka.connect.data.Schema ks = toKafka(s.schema());
            org.apache.kafka.connect.data.Struct out = new org.apache.kafka.connect.data.Struct(ks);
            for (Field f : s.schema().fields()) {
                Object v = s.getWithoutDefault(f.name());
                if (v != null) {
                    out.put(f.name(), toKafka(f.schema(), v));
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object e : list) {
                out.add(toKafka(schema == null ? null : schema.valueSchema(), e));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(toKafka(schema == null ? null : schema.keySchema(), k),
                toKafka(schema == null ? null : schema.valueSchema(), v)));
            return out;
        }
        return value;
    }

    /** A Kafka Connect value in Tributary's model. */
    public static @Nullable Object fromKafka(org.apache.kafka.connect.data.@Nullable Schema schema,
                                             @Nullable Object value) {
        if (value instanceof org.apache.kafka.connect.data.Struct s) {
            Struct out = new Struct(fromKafka(s.schema()));
            for (org.apache.kafka.connect.data.Field f : s.schema().fields()) {
                Object v = s.getWithoutDefault(f.name());
                if (v != null) {
                    out.put(f.name(), fromKafka(f.schema(), v));
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object e : list) {
                out.add(fromKafka(schema == null ? null : schema.valueSchema(), e));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(fromKafka(schema == null ? null : schema.keySchema(), k),
                fromKafka(schema == null ? null : schema.valueSchema(), v)));
            return out;
        }
        return value;
    }
}
