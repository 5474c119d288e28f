package io.tributary.connect.transforms;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Values;
import io.tributary.connect.errors.DataException;
import io.tributary.connect.transforms.internal.RecordSide;
import io.tributary.connect.transforms.internal.Requirements;
import io.tributary.connect.transforms.internal.SchemaCache;
import io.tributary.connect.transforms.internal.Schemas;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Flattens nested structures of the key ({@link Key}) or value ({@link Value}) into one level, naming each field by
 * joining the names along its path with a delimiter: nested {@link Struct}s when there is a schema, nested
 * {@code Map}s when there is none. Arrays and their contents are kept as they are; null keys and values pass
 * unchanged. Settings and behaviour are those of Kafka Connect's {@code Flatten}.
 *
 * <p>Settings: {@code delimiter} (default {@code .}). A flattened field is optional if it or any struct it was nested
 * in is optional, and takes its own default or else its value in the nearest enclosing struct's default. Unset
 * struct fields are read as their schema default.
 *
 * <p><strong>Errors:</strong> a {@link DataException} for map fields in structs, structs in schemaless maps, Java
 * values Connect has no type for, and clashing flattened names in structs (in maps the later entry wins).
 *
 * <pre>{@code
 * transforms=flat
 * transforms.flat.type=io.tributary.connect.transforms.Flatten$Value
 * transforms.flat.delimiter=_
 * }</pre>
 *
 * <p>Derived schemas are cached per input schema.
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public abstract sealed class Flatten<R extends ConnectRecord<R>> implements Transformation<R>
    permits Flatten.Key, Flatten.Value {
    public static final String DELIMITER_CONFIG = "delimiter";

    private static final String PURPOSE = "flattening";

    private final RecordSide side;
    private final SchemaCache schemas = new SchemaCache();
    private String delimiter = ".";

    Flatten(RecordSide side) {
        this.side = side;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(DELIMITER_CONFIG, ConfigDef.Type.STRING, ".", ConfigDef.Importance.MEDIUM,
                "Delimiter inserted between field names of the input record to name the fields of the output record.");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        delimiter = requireNonNull(config().parse(configs).getString(DELIMITER_CONFIG));
        schemas.clear();
    }

    @Override
    public @Nullable R apply(R record) {
        Object value = side.value(record);
        if (value == null) {
            return record;
        }
        Schema schema = side.schema(record);
        if (schema == null) {
            Map<String, @Nullable Object> flat = new LinkedHashMap<>();
            flattenMap(Requirements.map(value, PURPOSE), "", flat);
            return side.with(record, null, flat);
        }
        Struct struct = Requirements.struct(value, PURPOSE);
        Schema flatSchema = schemas.get(schema, this::flatSchema);
        Struct flat = new Struct(flatSchema);
        flattenStruct(struct, "", flat);
        return side.with(record, flatSchema, flat);
    }

    private void flattenMap(Map<?, ?> map, String prefix, Map<String, @Nullable Object> out) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new DataException("Flatten transformation requires string keys in maps without schema, found "
                    + entry.getKey());
            }
            String name = join(prefix, key);
            Object value = entry.getValue();
            if (value == null) {
                out.put(name, null);
                continue;
            }
            Schema.Type type = Values.typeOf(value);
            if (type == null) {
                throw new DataException("Flatten transformation was passed a value of type " + value.getClass()
                    + " which is not supported by Connect's data API");
            }
            if (type == Schema.Type.MAP) {
                flattenMap((Map<?, ?>) value, name, out);
            } else if (type == Schema.Type.STRUCT) {
                throw new DataException("Flatten transformation does not support " + value.getClass()
                    + " for record without schemas (for field " + name + ").");
            } else {
                out.put(name, value);
            }
        }
    }

    private Schema flatSchema(Schema schema) {
        SchemaBuilder builder = Schemas.copyBasics(schema, SchemaBuilder.struct());
        addFlatFields(schema, "", schema.isOptional(), (Struct) schema.defaultValue(), builder);
        return builder.build();
    }

    /**
     * Adds the flattened fields of {@code schema} to {@code builder}.
     *
     * @param optional      whether any enclosing struct is optional, which makes every field below it optional
     * @param parentDefault the default of the nearest enclosing struct that has one, whose field values become the
     *                      defaults of fields without their own
     */
    private void addFlatFields(Schema schema, String prefix, boolean optional, @Nullable Struct parentDefault,
                               SchemaBuilder builder) {
        for (Field field : schema.fields()) {
            String name = join(prefix, field.name());
            Schema fieldSchema = field.schema();
            boolean fieldOptional = optional || fieldSchema.isOptional();
            Object fieldDefault = fieldSchema.defaultValue() != null ? fieldSchema.defaultValue()
                : parentDefault == null ? null : parentDefault.get(field);
            switch (fieldSchema.type()) {
                case STRUCT -> addFlatFields(fieldSchema, name, fieldOptional, (Struct) fieldDefault, builder);
                case MAP -> throw unsupported(fieldSchema, name);
                default -> {
                    SchemaBuilder flatField = Schemas.basicsOf(fieldSchema);
                    if (fieldOptional) {
                        flatField.optional();
                    }
                    builder.field(name, flatField.defaultValue(fieldDefault).build());
                }
            }
        }
    }

    private void flattenStruct(Struct struct, String prefix, Struct out) {
        for (Field field : struct.schema().fields()) {
            String name = join(prefix, field.name());
            switch (field.schema().type()) {
                case STRUCT -> {
                    Struct nested = struct.getStruct(field.name());
                    if (nested != null) {
                        flattenStruct(nested, name, out);
                    }
                }
                case MAP -> throw unsupported(field.schema(), name);
                default -> out.put(name, struct.get(field));
            }
        }
    }

    private static DataException unsupported(Schema schema, String name) {
        return new DataException("Flatten transformation does not support " + schema.type()
            + " for record with schemas (for field " + name + ").");
    }

    private String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + delimiter + name;
    }

    @Override
    public void close() {
        schemas.clear();
    }

    /**
     * Flattens the record key.
     *
     * @param <R> source or sink records
     */
    public static final class Key<R extends ConnectRecord<R>> extends Flatten<R> {
        public Key() {
            super(RecordSide.KEY);
        }
    }

    /**
     * Flattens the record value.
     *
     * @param <R> source or sink records
     */
    public static final class Value<R extends ConnectRecord<R>> extends Flatten<R> {
        public Value() {
            super(RecordSide.VALUE);
        }
    }
}
