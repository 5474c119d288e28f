package io.tributary.connect.transforms;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.DataException;
import io.tributary.connect.transforms.internal.ConfigValidators;
import io.tributary.connect.transforms.internal.FieldPath;
import io.tributary.connect.transforms.internal.RecordSide;
import io.tributary.connect.transforms.internal.Requirements;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Replaces the key ({@link Key}) or value ({@link Value}) with one of its fields: a field of a {@link Struct}, whose
 * schema becomes the new schema, or an entry of a schemaless {@code Map}. Null keys and values stay null. Settings
 * and behaviour are those of Kafka Connect's {@code ExtractField}.
 *
 * <p>Settings: {@code field} (required) names the field; {@code field.syntax.version} (default {@code V1}) chooses
 * how: {@code V1} takes it as one top-level name, {@code V2} as a dotted path into nested structs or maps, with
 * backticks around names that contain dots ({@code `a.b`.c}). {@code replace.null.with.default} (default true)
 * extracts an unset struct field as its schema default.
 *
 * <p><strong>Errors:</strong> a {@link DataException} for a struct schema without the field (Kafka Connect throws
 * an {@code IllegalArgumentException} there), or a key or value that is not a map or struct; a missing map entry
 * extracts as null.
 *
 * <pre>{@code
 * transforms=id
 * transforms.id.type=io.tributary.connect.transforms.ExtractField$Key
 * transforms.id.field=after.id
 * transforms.id.field.syntax.version=V2
 * }</pre>
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public abstract sealed class ExtractField<R extends ConnectRecord<R>> implements Transformation<R>
    permits ExtractField.Key, ExtractField.Value {
    public static final String FIELD_CONFIG = "field";
    public static final String FIELD_SYNTAX_VERSION_CONFIG = FieldPath.SYNTAX_CONFIG;
    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";

    private static final String PURPOSE = "field extraction";

    private final RecordSide side;
    private FieldPath path = FieldPath.parse("", FieldPath.V1);
    private boolean replaceNullWithDefault = true;

    ExtractField(RecordSide side) {
        this.side = side;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(FIELD_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.MEDIUM,
                "Field name to extract.")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                "Whether an unset struct field is extracted as its schema default (true) or as null.")
            .define(FIELD_SYNTAX_VERSION_CONFIG, ConfigDef.Type.STRING, FieldPath.V1,
                ConfigValidators.oneOfIgnoringCase(FieldPath.V1, FieldPath.V2), ConfigDef.Importance.HIGH,
                "The syntax of field paths: V1 names a top-level field; V2 accepts dotted paths to nested fields, "
                    + "with backtick pairs around names that contain dots, e.g. `foo.bar`.baz.");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        ParsedConfig config = config().parse(configs);
        path = FieldPath.parse(requireNonNull(config.getString(FIELD_CONFIG)),
            requireNonNull(config.getString(FIELD_SYNTAX_VERSION_CONFIG)));
        replaceNullWithDefault = requireNonNull(config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG));
    }

    @Override
    public @Nullable R apply(R record) {
        Schema schema = side.schema(record);
        if (schema == null) {
            Map<String, @Nullable Object> value = Requirements.mapOrNull(side.value(record), PURPOSE);
            return side.with(record, null, value == null ? null : path.value(value));
        }
        Struct value = Requirements.structOrNull(side.value(record), PURPOSE);
        Field field = path.field(schema);
        if (field == null) {
            throw new DataException("Unknown field: " + path);
        }
        return side.with(record, field.schema(), value == null ? null : path.value(value, replaceNullWithDefault));
    }

    /**
     * Extracts a field of the record key.
     *
     * @param <R> source or sink records
     */
    public static final class Key<R extends ConnectRecord<R>> extends ExtractField<R> {
        public Key() {
            super(RecordSide.KEY);
        }
    }

    /**
     * Extracts a field of the record value.
     *
     * @param <R> source or sink records
     */
    public static final class Value<R extends ConnectRecord<R>> extends ExtractField<R> {
        public Value() {
            super(RecordSide.VALUE);
        }
    }
}
