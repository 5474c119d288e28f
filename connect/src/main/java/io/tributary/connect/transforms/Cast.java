package io.tributary.connect.transforms;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.transforms.internal.CastSpec;
import io.tributary.connect.transforms.internal.CastValues;
import io.tributary.connect.transforms.internal.RecordSide;
import io.tributary.connect.transforms.internal.Requirements;
import io.tributary.connect.transforms.internal.SchemaCache;
import io.tributary.connect.transforms.internal.Schemas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Casts the whole key ({@link Key}) or value ({@link Value}), or some of its top-level fields, to another primitive
 * type: int8, int16, int32, int64, float32, float64, boolean or string. Numbers, booleans and strings cast to each
 * other (numbers narrow as Java casts do; strings must parse), bytes cast only to Base64 strings, logical Date, Time
 * and Timestamp values cast through their stored number or to an ISO 8601 string. Null keys and values pass
 * unchanged. Settings and behaviour are those of Kafka Connect's {@code Cast}.
 *
 * <p>Settings: {@code spec} (required) is either one type, cast to the whole key or value, or a list of
 * {@code field:type} pairs; {@code replace.null.with.default} (default true) reads unset struct fields as their
 * schema default. A cast field keeps its optionality, and its default is cast too.
 *
 * <pre>{@code
 * transforms=narrow
 * transforms.narrow.type=io.tributary.connect.transforms.Cast$Value
 * transforms.narrow.spec=id:int64,score:float32,active:boolean
 * }</pre>
 *
 * <p>Derived schemas are cached per input schema.
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public abstract sealed class Cast<R extends ConnectRecord<R>> implements Transformation<R>
    permits Cast.Key, Cast.Value {
    public static final String SPEC_CONFIG = "spec";
    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";

    private static final String PURPOSE = "cast types";

    private final RecordSide side;
    private final SchemaCache schemas = new SchemaCache();
    private CastSpec spec = new CastSpec(null, Map.of());
    private boolean replaceNullWithDefault = true;

    Cast(RecordSide side) {
        this.side = side;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(SPEC_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                (name, value) -> CastSpec.parse(castList(value)), ConfigDef.Importance.HIGH,
                "Fields and the type to cast them to, as field1:type,field2:type, or a single type to cast the "
                    + "whole value. Types: int8, int16, int32, int64, float32, float64, boolean, string; binary "
                    + "values cast only to string.")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                "Whether unset struct fields are read as their schema default (true) or as null.");
    }

    @SuppressWarnings("unchecked")
    private static @Nullable List<String> castList(@Nullable Object value) {
        return (List<String>) value;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        ParsedConfig config = config().parse(configs);
        spec = CastSpec.parse(config.getList(SPEC_CONFIG));
        replaceNullWithDefault = requireNonNull(config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG));
        schemas.clear();
    }

    @Override
    public @Nullable R apply(R record) {
        Object value = side.value(record);
        if (value == null) {
            return record;
        }
        Schema schema = side.schema(record);
        return schema == null ? applySchemaless(record, value) : applyWithSchema(record, schema, value);
    }

    private R applySchemaless(R record, Object value) {
        if (spec.wholeValue() != null) {
            return side.with(record, null, CastValues.cast(null, value, spec.wholeValue()));
        }
        Map<String, @Nullable Object> original = Requirements.map(value, PURPOSE);
        Map<String, @Nullable Object> updated = new HashMap<>(original);
        spec.fields().forEach((field, type) -> updated.put(field, CastValues.cast(null, original.get(field), type)));
        return side.with(record, null, updated);
    }

    private R applyWithSchema(R record, Schema schema, Object value) {
        Schema updatedSchema = schemas.get(schema, this::castSchema);
        if (spec.wholeValue() != null) {
            return side.with(record, updatedSchema, CastValues.cast(schema, value, spec.wholeValue()));
        }
        Struct struct = Requirements.struct(value, PURPOSE);
        Struct updated = new Struct(updatedSchema);
        for (Field field : struct.schema().fields()) {
            Object fieldValue = Requirements.read(struct, field, replaceNullWithDefault);
            Schema.Type target = spec.fields().get(field.name());
            Object cast = target == null ? fieldValue : CastValues.cast(field.schema(), fieldValue, target);
            updated.put(field.name(), cast);
        }
        return side.with(record, updatedSchema, updated);
    }

    private Schema castSchema(Schema schema) {
        SchemaBuilder builder;
        if (spec.wholeValue() != null) {
            // The whole-value schema keeps the original's name and parameters, as in Kafka Connect.
            builder = Schemas.copyBasics(schema, CastValues.builderFor(spec.wholeValue()));
        } else {
            builder = Schemas.copyBasics(schema, SchemaBuilder.struct());
            for (Field field : schema.fields()) {
                Schema.Type target = spec.fields().get(field.name());
                builder.field(field.name(), target == null ? field.schema() : castFieldSchema(field.schema(), target));
            }
        }
        if (schema.isOptional()) {
            builder.optional();
        }
        if (schema.defaultValue() != null) {
            builder.defaultValue(CastValues.cast(schema, schema.defaultValue(), builder.type()));
        }
        return builder.build();
    }

    private static Schema castFieldSchema(Schema original, Schema.Type target) {
        SchemaBuilder builder = CastValues.builderFor(target);
        if (original.isOptional()) {
            builder.optional();
        }
        if (original.defaultValue() != null) {
            builder.defaultValue(CastValues.cast(original, original.defaultValue(), target));
        }
        return builder.build();
    }

    @Override
    public void close() {
        schemas.clear();
    }

    /**
     * Casts the record key or its fields.
     *
     * @param <R> source or sink records
     */
    public static final class Key<R extends ConnectRecord<R>> extends Cast<R> {
        public Key() {
            super(RecordSide.KEY);
        }
    }

    /**
     * Casts the record value or its fields.
     *
     * @param <R> source or sink records
     */
    public static final class Value<R extends ConnectRecord<R>> extends Cast<R> {
        public Value() {
            super(RecordSide.VALUE);
        }
    }
}
