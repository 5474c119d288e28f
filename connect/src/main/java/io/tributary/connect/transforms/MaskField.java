package io.tributary.connect.transforms;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Struct;
import io.tributary.connect.transforms.internal.ConfigValidators;
import io.tributary.connect.transforms.internal.Masks;
import io.tributary.connect.transforms.internal.RecordSide;
import io.tributary.connect.transforms.internal.Requirements;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Replaces the values of top-level fields of the key ({@link Key}) or value ({@link Value}) with an empty value of
 * their type (0, false, "", the epoch, an empty list or map), or with a configured replacement converted to their
 * type. Works on schemaless {@code Map}s and on {@link Struct}s, whose schema stays the same; null field values stay
 * null. Settings and behaviour are those of Kafka Connect's {@code MaskField}.
 *
 * <p>Settings: {@code fields} (required, non-empty) lists the fields; {@code replacement} (optional, non-empty) is
 * the replacement, for numeric and string fields only; {@code replace.null.with.default} (default true) reads unset
 * struct fields as their schema default. A schemaless map gains a null entry for a listed field it lacks.
 *
 * <p><strong>Errors:</strong> a {@link io.tributary.connect.errors.DataException} for a null or non-map/non-struct
 * key or value, for fields without an empty value (bytes, structs), or a replacement that does not fit the type.
 *
 * <pre>{@code
 * transforms=hide
 * transforms.hide.type=io.tributary.connect.transforms.MaskField$Value
 * transforms.hide.fields=ssn,phone
 * transforms.hide.replacement=****
 * }</pre>
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public abstract sealed class MaskField<R extends ConnectRecord<R>> implements Transformation<R>
    permits MaskField.Key, MaskField.Value {
    public static final String FIELDS_CONFIG = "fields";
    public static final String REPLACEMENT_CONFIG = "replacement";
    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";

    private static final String PURPOSE = "mask fields";

    private final RecordSide side;
    private Set<String> masked = Set.of();
    private @Nullable String replacement;
    private boolean replaceNullWithDefault = true;

    MaskField(RecordSide side) {
        this.side = side;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(FIELDS_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.nonEmptyList(),
                ConfigDef.Importance.HIGH, "Names of fields to mask.")
            .define(REPLACEMENT_CONFIG, ConfigDef.Type.STRING, null, ConfigValidators.nullOrNonEmpty(),
                ConfigDef.Importance.LOW, "Custom replacement applied to all the fields' values (numeric or "
                    + "non-empty string values only).")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                "Whether unset struct fields are read as their schema default (true) or as null.");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        ParsedConfig config = config().parse(configs);
        masked = new HashSet<>(requireNonNull(config.getList(FIELDS_CONFIG)));
        replacement = config.getString(REPLACEMENT_CONFIG);
        replaceNullWithDefault = requireNonNull(config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG));
    }

    @Override
    public @Nullable R apply(R record) {
        return side.schema(record) == null ? applySchemaless(record) : applyWithSchema(record);
    }

    private R applySchemaless(R record) {
        Map<String, @Nullable Object> value = Requirements.map(side.value(record), PURPOSE);
        Map<String, @Nullable Object> updated = new HashMap<>(value);
        for (String field : masked) {
            updated.put(field, Masks.mask(value.get(field), replacement));
        }
        return side.with(record, null, updated);
    }

    private R applyWithSchema(R record) {
        Struct value = Requirements.struct(side.value(record), PURPOSE);
        Struct updated = new Struct(value.schema());
        for (Field field : value.schema().fields()) {
            Object fieldValue = Requirements.read(value, field, replaceNullWithDefault);
            updated.put(field, masked.contains(field.name()) ? Masks.mask(fieldValue, replacement) : fieldValue);
        }
        return side.with(record, side.schema(record), updated);
    }

    /**
     * Masks fields of the record key.
     *
     * @param <R> source or sink records
     */
    public static final class Key<R extends ConnectRecord<R>> extends MaskField<R> {
        public Key() {
            super(RecordSide.KEY);
        }
    }

    /**
     * Masks fields of the record value.
     *
     * @param <R> source or sink records
     */
    public static final class Value<R extends ConnectRecord<R>> extends MaskField<R> {
        public Value() {
            super(RecordSide.VALUE);
        }
    }
}
