package io.tributary.connect.storage;

import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * jqwik generators of Connect schemas and of values that fit them: every primitive and logical type, nested structs,
 * arrays, maps with string and other keys, optional schemas, defaults, names, versions, docs and parameters, nulls
 * and unset fields. Floating-point values exclude NaN, infinities and negative zero, which JSON cannot carry.
 */
final class ConnectArbitraries {
    /** Marks a struct field left unset, so that its default (or null) applies. */
    private static final Object UNSET = new Object();

    private ConnectArbitraries() {
    }

    /** Schemas of any type, up to three levels of nesting, mostly containers. */
    static Arbitrary<Schema> schemas() {
        // mostly containers at the top, so that most samples nest
        return Arbitraries.frequencyOf(
            Tuple.of(1, decorated(leaf(), true)),
            Tuple.of(1, decorated(array(2), true)),
            Tuple.of(1, decorated(map(2), true)),
            Tuple.of(3, decorated(struct(2), false))).withoutEdgeCases();
    }

    /** Struct schemas, up to three levels of nesting below the top. */
    static Arbitrary<Schema> structs() {
        return decorated(struct(3), false).withoutEdgeCases();
    }

    /** A schema with a value that fits it. */
    static Arbitrary<SchemaAndValue> schemasAndValues(Arbitrary<Schema> schemas) {
        // edge cases of nested flat-mapped generators multiply out of memory; random samples cover them anyway
        return schemas.flatMap(s -> values(s).map(v -> new SchemaAndValue(s, v))).withoutEdgeCases();
    }

    private static Arbitrary<Schema> schema(int depth) {
        if (depth == 0) {
            return decorated(leaf(), true);
        }
        return Arbitraries.<Schema>frequencyOf(
            Tuple.of(5, decorated(leaf(), true)),
            Tuple.of(1, decorated(array(depth - 1), true)),
            Tuple.of(1, decorated(map(depth - 1), true)),
            Tuple.of(2, decorated(struct(depth - 1), false))).withoutEdgeCases();
    }

    private static Arbitrary<SchemaBuilder> leaf() {
        return Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.of(Schema.Type.INT8, Schema.Type.INT16, Schema.Type.INT32, Schema.Type.INT64,
                    Schema.Type.FLOAT32, Schema.Type.FLOAT64, Schema.Type.BOOLEAN, Schema.Type.STRING,
                    Schema.Type.BYTES)
                .map(SchemaBuilder::type)),
            Tuple.of(1, Arbitraries.integers().between(-3, 6).map(Decimal::builder)),
            Tuple.of(1, Arbitraries.of(1, 2, 3).map(i -> i == 1 ? Date.builder() : i == 2 ? Time.builder()
                : Timestamp.builder())),
            Tuple.of(1, Arbitraries.of(Schema.Type.INT32, Schema.Type.STRING)
                .map(t -> SchemaBuilder.type(t).name("com.example.Named").version(2).doc("a named primitive")
                    .parameter("p", "v"))));
    }

    private static Arbitrary<SchemaBuilder> array(int depth) {
        return schema(depth).map(SchemaBuilder::array);
    }

    private static Arbitrary<SchemaBuilder> map(int depth) {
        return Combinators.combine(keys(), schema(depth)).as(SchemaBuilder::map);
    }

    /** Map keys: required (JSON cannot tell a null key from the text "null"), never bytes (arrays lack equality). */
    private static Arbitrary<Schema> keys() {
        return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(Schema.STRING_SCHEMA)),
            Tuple.of(4, Arbitraries.of(Schema.INT8_SCHEMA, Schema.INT16_SCHEMA, Schema.INT32_SCHEMA,
                Schema.INT64_SCHEMA, Schema.FLOAT64_SCHEMA, Schema.BOOLEAN_SCHEMA, Date.schema(), Decimal.schema(2))),
            Tuple.of(1, Arbitraries.just(SchemaBuilder.struct().name("com.example.Key")
                .field("k", Schema.INT32_SCHEMA).build())));
    }

    private static Arbitrary<SchemaBuilder> struct(int depth) {
        Arbitrary<List<Schema>> fields = schema(depth).list().ofMaxSize(4);
        Arbitrary<String> prefixes = Arbitraries.of("f", "f", "f", "field_", "a-b", "x y ", "Ünï");
        Arbitrary<@Nullable String> names = Arbitraries.integers().between(0, 1_000_000)
            .map(i -> "com.example.S" + i).injectNull(0.4);
        return Combinators.combine(fields, prefixes.list().ofSize(4), names,
            Arbitraries.of("a struct", "").injectNull(0.7)).as((schemas, prefix, name, doc) -> {
                SchemaBuilder b = SchemaBuilder.struct().name(name).doc(doc);
                for (int i = 0; i < schemas.size(); i++) {
                    b.field(prefix.get(i) + i, schemas.get(i));
                }
                return b;
            });
    }

    /** Makes a schema optional or not and, for non-structs, gives it a default sometimes. */
    private static Arbitrary<Schema> decorated(Arbitrary<SchemaBuilder> builders, boolean defaults) {
        return builders.flatMap(b -> {
            Schema plain = b.build();
            Arbitrary<Boolean> optional = Arbitraries.of(true, false);
            // a default holding nulls where its parts have defaults would not survive replace.null.with.default
            Arbitrary<@Nullable Object> defaultValue = defaults
                ? values(plain).filter(v -> v != null).map(v -> withDefaults(plain, v)).injectNull(0.75)
                : Arbitraries.just(null);
            return Combinators.combine(optional, defaultValue).as((opt, dflt) -> {
                SchemaBuilder copy = copy(plain);
                if (opt) {
                    copy.optional();
                }
                return copy.defaultValue(dflt).build();
            });
        }).withoutEdgeCases();
    }

    private static SchemaBuilder copy(Schema schema) {
        SchemaBuilder b = SchemaBuilder.copyOf(schema);
        return schema.isOptional() ? b.optional() : b;
    }

    /** Values of {@code schema}: null sometimes where optional, unset struct fields where optional or defaulted. */
    static Arbitrary<@Nullable Object> values(Schema schema) {
        Arbitrary<Object> value = nonNull(schema).withoutEdgeCases();
        return schema.isOptional() ? value.injectNull(0.15) : value.map(v -> v);
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Object> nonNull(Schema schema) {
        String name = schema.name();
        if (Decimal.LOGICAL_NAME.equals(name)) {
            int scale = Decimal.scale(schema);
            return Arbitraries.bigIntegers().between(BigInteger.TEN.pow(20).negate(), BigInteger.TEN.pow(20))
                .edgeCases(e -> e.add(BigInteger.ZERO))
                .map(u -> new BigDecimal(u, scale));
        }
        if (Date.LOGICAL_NAME.equals(name)) {
            return Arbitraries.longs().between(-100_000, 100_000).map(d -> new java.util.Date(d * 86_400_000L));
        }
        if (Time.LOGICAL_NAME.equals(name)) {
            return Arbitraries.longs().between(0, 86_399_999).map(java.util.Date::new);
        }
        if (Timestamp.LOGICAL_NAME.equals(name)) {
            return Arbitraries.longs().between(-10_000_000_000_000L, 10_000_000_000_000L).map(java.util.Date::new);
        }
        return switch (schema.type()) {
            case INT8 -> Arbitraries.bytes().map(b -> b);
            case INT16 -> Arbitraries.shorts().map(s -> s);
            case INT32 -> Arbitraries.integers().map(i -> i);
            case INT64 -> Arbitraries.longs().map(l -> l);
            case FLOAT32 -> Arbitraries.floats().between(-Float.MAX_VALUE, Float.MAX_VALUE)
                .filter(f -> Float.floatToIntBits(f) != Float.floatToIntBits(-0.0f)).map(f -> f);
            case FLOAT64 -> Arbitraries.doubles().between(-Double.MAX_VALUE, Double.MAX_VALUE)
                .filter(d -> Double.doubleToLongBits(d) != Double.doubleToLongBits(-0.0)).map(d -> d);
            case BOOLEAN -> Arbitraries.of(true, false);
            case STRING -> Arbitraries.strings().withCharRange(' ', '~').withChars("äöü€é\n\t\"\\").ofMaxLength(8)
                .map(s -> s);
            case BYTES -> Arbitraries.bytes().array(byte[].class).ofMaxSize(6).map(b -> b);
            case ARRAY -> values(schema.valueSchema()).list().ofMaxSize(3).map(l -> (Object) l);
            case MAP -> Arbitraries.maps(nonNull(schema.keySchema()), values(schema.valueSchema())).ofMaxSize(3)
                .map(m -> (Object) new LinkedHashMap<>(m));
            case STRUCT -> struct(schema);
        };
    }

    private static Arbitrary<Object> struct(Schema schema) {
        List<Arbitrary<Object>> fields = new ArrayList<>();
        for (Field field : schema.fields()) {
            Arbitrary<@Nullable Object> value = values(field.schema());
            boolean mayBeUnset = field.schema().isOptional() || field.schema().defaultValue() != null;
            fields.add(mayBeUnset ? Arbitraries.frequencyOf(Tuple.of(4, value.map(v -> v == null ? NULL : v)),
                Tuple.of(1, Arbitraries.just(UNSET))) : value.map(v -> v == null ? NULL : v));
        }
        if (fields.isEmpty()) {
            return Arbitraries.just(new Struct(schema));
        }
        return Combinators.combine(fields).as(values -> {
            Struct struct = new Struct(schema);
            for (Field field : schema.fields()) {
                Object v = values.get(field.index());
                if (v != UNSET) {
                    struct.put(field, v == NULL ? null : v);
                }
            }
            return struct;
        });
    }

    /** Stands for null inside combinators, which do not take null elements. */
    private static final Object NULL = new Object();

    /**
     * The value Kafka Connect's converters read back after writing {@code value} with nulls replaced by defaults:
     * every null (or unset field) of a schema with a default becomes the default.
     */
    static @Nullable Object withDefaults(@Nullable Schema schema, @Nullable Object value) {
        if (schema == null) {
            return value;
        }
        if (value == null) {
            return schema.defaultValue();
        }
        switch (schema.type()) {
            case ARRAY -> {
                List<@Nullable Object> out = new ArrayList<>();
                for (Object e : (List<?>) value) {
                    out.add(withDefaults(schema.valueSchema(), e));
                }
                return out;
            }
            case MAP -> {
                Map<Object, @Nullable Object> out = new HashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> out.put(withDefaults(schema.keySchema(), k),
                    withDefaults(schema.valueSchema(), v)));
                return out;
            }
            case STRUCT -> {
                Struct in = (Struct) value;
                Struct out = new Struct(schema);
                for (Field field : schema.fields()) {
                    out.put(field, withDefaults(field.schema(), in.getWithoutDefault(field.name())));
                }
                return out;
            }
            default -> {
                return value;
            }
        }
    }
}
