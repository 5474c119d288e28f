package io.tributary.connect.transforms;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.config.Validator;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.transforms.internal.RecordSide;
import io.tributary.connect.transforms.internal.Requirements;
import io.tributary.connect.transforms.internal.SchemaCache;
import io.tributary.connect.transforms.internal.Schemas;
import io.tributary.connect.transforms.internal.TimestampKind;
import java.text.SimpleDateFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Converts a timestamp, the whole key ({@link Key}) or value ({@link Value}) or one top-level field of it, between a
 * formatted string, a Unix epoch number and the Connect Date, Time and Timestamp logical types. The source
 * representation comes from the schema (logical type, else STRING or INT64), or for schemaless data from the Java
 * class ({@link java.util.Date} as Timestamp, {@link Long} as Unix, {@link String}). Settings and behaviour are those
 * of Kafka Connect's {@code TimestampConverter}.
 *
 * <p>Settings: {@code target.type} (required): {@code string}, {@code unix}, {@code Date}, {@code Time} or
 * {@code Timestamp}; {@code field} (default empty: the whole key or value); {@code format}, a
 * {@link SimpleDateFormat} pattern read and written in UTC, required for string targets and string inputs;
 * {@code unix.precision} (default {@code milliseconds}; also {@code seconds}, {@code microseconds},
 * {@code nanoseconds}); {@code replace.null.with.default} (default true) reads unset struct fields as their schema
 * default. Null timestamps stay null; a named field that a struct lacks is left alone.
 *
 * <pre>{@code
 * transforms=when
 * transforms.when.type=io.tributary.connect.transforms.TimestampConverter$Value
 * transforms.when.field=created
 * transforms.when.target.type=string
 * transforms.when.format=yyyy-MM-dd'T'HH:mm:ss
 * }</pre>
 *
 * <p>Derived schemas are cached per input schema.
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public abstract sealed class TimestampConverter<R extends ConnectRecord<R>> implements Transformation<R>
    permits TimestampConverter.Key, TimestampConverter.Value {
    public static final String FIELD_CONFIG = "field";
    public static final String TARGET_TYPE_CONFIG = "target.type";
    public static final String FORMAT_CONFIG = "format";
    public static final String UNIX_PRECISION_CONFIG = "unix.precision";
    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";

    private static final String PURPOSE = "converting timestamp formats";
    private static final Map<String, TimeUnit> PRECISIONS = Map.of("seconds", TimeUnit.SECONDS,
        "milliseconds", TimeUnit.MILLISECONDS, "microseconds", TimeUnit.MICROSECONDS,
        "nanoseconds", TimeUnit.NANOSECONDS);

    private final RecordSide side;
    private final SchemaCache schemas = new SchemaCache();
    private String field = "";
    private TimestampKind target = TimestampKind.TIMESTAMP;
    private TimestampKind.Settings settings = new TimestampKind.Settings(null, TimeUnit.MILLISECONDS);
    private boolean replaceNullWithDefault = true;

    TimestampConverter(RecordSide side) {
        this.side = side;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(FIELD_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.HIGH,
                "The field containing the timestamp, or empty if the entire value is a timestamp.")
            .define(TARGET_TYPE_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                Validator.in("string", "unix", "Date", "Time", "Timestamp"), ConfigDef.Importance.HIGH,
                "The desired timestamp representation: string, unix, Date, Time, or Timestamp.")
            .define(FORMAT_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
                "A SimpleDateFormat-compatible pattern, in UTC: the output format for type=string, and the input "
                    + "format of string timestamps.")
            .define(UNIX_PRECISION_CONFIG, ConfigDef.Type.STRING, "milliseconds",
                Validator.in("nanoseconds", "microseconds", "milliseconds", "seconds"), ConfigDef.Importance.LOW,
                "The unit of Unix timestamps: seconds, milliseconds, microseconds, or nanoseconds. Conversions from "
                    + "and to sub-millisecond units lose precision.")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                "Whether unset struct fields are read as their schema default (true) or as null.");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        ParsedConfig config = config().parse(configs);
        field = requireNonNull(config.getString(FIELD_CONFIG));
        target = requireNonNull(TimestampKind.byConfigName(requireNonNull(config.getString(TARGET_TYPE_CONFIG))));
        String pattern = requireNonNull(config.getString(FORMAT_CONFIG));
        if (target == TimestampKind.STRING && pattern.isBlank()) {
            throw new ConfigException("TimestampConverter requires format option to be specified when using string "
                + "timestamps");
        }
        settings = new TimestampKind.Settings(pattern.isBlank() ? null : utcFormat(pattern),
            PRECISIONS.get(requireNonNull(config.getString(UNIX_PRECISION_CONFIG))));
        replaceNullWithDefault = requireNonNull(config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG));
        schemas.clear();
    }

    private static SimpleDateFormat utcFormat(String pattern) {
        try {
            SimpleDateFormat format = new SimpleDateFormat(pattern);
            format.setTimeZone(TimeZone.getTimeZone("UTC"));
            return format;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(FORMAT_CONFIG, pattern, "TimestampConverter requires a "
                + "SimpleDateFormat-compatible pattern for string timestamps: " + e.getMessage());
        }
    }

    @Override
    public @Nullable R apply(R record) {
        Schema schema = side.schema(record);
        return schema == null ? applySchemaless(record) : applyWithSchema(record, schema);
    }

    private R applySchemaless(R record) {
        Object value = side.value(record);
        if (value == null || field.isEmpty()) {
            return side.with(record, null, convert(value, null));
        }
        Map<String, @Nullable Object> updated = new HashMap<>(Requirements.map(value, PURPOSE));
        updated.put(field, convert(updated.get(field), null));
        return side.with(record, null, updated);
    }

    private R applyWithSchema(R record, Schema schema) {
        if (field.isEmpty()) {
            // The schema must name a timestamp kind even when the value is null.
            TimestampKind source = TimestampKind.of(schema);
            return side.with(record, target.schema(schema.isOptional()), convert(side.value(record), source));
        }
        Struct value = Requirements.structOrNull(side.value(record), PURPOSE);
        Schema updatedSchema = schemas.get(schema, this::convertedSchema);
        return side.with(record, updatedSchema, value == null ? null : convertStruct(value, updatedSchema));
    }

    private Schema convertedSchema(Schema schema) {
        SchemaBuilder builder = Schemas.copyBasics(schema, SchemaBuilder.struct());
        for (Field f : schema.fields()) {
            builder.field(f.name(), f.name().equals(field) ? target.schema(f.schema().isOptional()) : f.schema());
        }
        if (schema.isOptional()) {
            builder.optional();
        }
        if (schema.defaultValue() != null) {
            // The default is a struct of the schema without default, which is what the built schema accepts.
            builder.defaultValue(convertStruct((Struct) schema.defaultValue(), builder.build()));
        }
        return builder.build();
    }

    private Struct convertStruct(Struct value, Schema updatedSchema) {
        Struct updated = new Struct(updatedSchema);
        for (Field f : value.schema().fields()) {
            Object fieldValue = Requirements.read(value, f, replaceNullWithDefault);
            updated.put(f.name(), f.name().equals(field) ? convert(fieldValue, TimestampKind.of(f.schema()))
                : fieldValue);
        }
        return updated;
    }

    /** {@code value} converted to the target kind; {@code source} null means inferred from the value's class. */
    private @Nullable Object convert(@Nullable Object value, @Nullable TimestampKind source) {
        if (value == null) {
            return null;
        }
        TimestampKind from = source == null ? TimestampKind.of(value) : source;
        return from.convert(value, target, settings);
    }

    @Override
    public void close() {
        schemas.clear();
    }

    /**
     * Converts the record key or one of its fields.
     *
     * @param <R> source or sink records
     */
    public static final class Key<R extends ConnectRecord<R>> extends TimestampConverter<R> {
        public Key() {
            super(RecordSide.KEY);
        }
    }

    /**
     * Converts the record value or one of its fields.
     *
     * @param <R> source or sink records
     */
    public static final class Value<R extends ConnectRecord<R>> extends TimestampConverter<R> {
        public Value() {
            super(RecordSide.VALUE);
        }
    }
}
