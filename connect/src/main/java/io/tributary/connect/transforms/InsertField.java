package io.tributary.connect.transforms;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.transforms.internal.RecordSide;
import io.tributary.connect.transforms.internal.Requirements;
import io.tributary.connect.transforms.internal.SchemaCache;
import io.tributary.connect.transforms.internal.Schemas;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Adds fields holding the record's topic, partition, Kafka offset (sink records only) or timestamp, or a fixed
 * string, to the key ({@link Key}) or value ({@link Value}): to a copy of a schemaless {@code Map}, or to a
 * {@link Struct} whose schema gains the fields at its end. Null keys and values pass unchanged. Settings and
 * behaviour are those of Kafka Connect's {@code InsertField}.
 *
 * <p>Settings: {@code topic.field}, {@code partition.field}, {@code offset.field}, {@code timestamp.field} and
 * {@code static.field} name the fields (at least one is required); a name ending in {@code !} makes the field required
 * in the schema, one ending in {@code ?} (or in neither) optional. {@code static.value} is the fixed string, required
 * with {@code static.field}. {@code replace.null.with.default} (default true) copies unset struct fields as their
 * schema default. Schema'd timestamps are inserted as the Timestamp logical type, schemaless ones as epoch millis; a
 * record without partition or timestamp gets no such field.
 *
 * <pre>{@code
 * transforms=origin
 * transforms.origin.type=io.tributary.connect.transforms.InsertField$Value
 * transforms.origin.topic.field=source_topic!
 * transforms.origin.static.field=region
 * transforms.origin.static.value=eu-1
 * }</pre>
 *
 * <p>Derived schemas are cached per input schema. Not thread-safe beyond what {@link Transformation} promises.
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public abstract sealed class InsertField<R extends ConnectRecord<R>> implements Transformation<R>
    permits InsertField.Key, InsertField.Value {
    public static final String TOPIC_FIELD_CONFIG = "topic.field";
    public static final String PARTITION_FIELD_CONFIG = "partition.field";
    public static final String OFFSET_FIELD_CONFIG = "offset.field";
    public static final String TIMESTAMP_FIELD_CONFIG = "timestamp.field";
    public static final String STATIC_FIELD_CONFIG = "static.field";
    public static final String STATIC_VALUE_CONFIG = "static.value";
    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";

    private static final String PURPOSE = "field insertion";
    private static final String SUFFIX_DOC = " Suffix with ! for a required field, or ? to keep it optional "
        + "(the default).";
    private static final Schema OPTIONAL_TIMESTAMP = Timestamp.builder().optional().build();

    private final RecordSide side;
    private final SchemaCache schemas = new SchemaCache();
    private @Nullable Insertion topicField;
    private @Nullable Insertion partitionField;
    private @Nullable Insertion offsetField;
    private @Nullable Insertion timestampField;
    private @Nullable Insertion staticField;
    private @Nullable String staticValue;
    private boolean replaceNullWithDefault = true;

    InsertField(RecordSide side) {
        this.side = side;
    }

    /** A field to insert: its name and whether the schema marks it optional. */
    private record Insertion(String name, boolean optional) {
        static @Nullable Insertion parse(@Nullable String setting) {
            if (setting == null) {
                return null;
            }
            if (setting.endsWith("?") || setting.endsWith("!")) {
                return new Insertion(setting.substring(0, setting.length() - 1), setting.endsWith("?"));
            }
            return new Insertion(setting, true);
        }

        Schema schema(Schema optionalSchema, Schema requiredSchema) {
            return optional ? optionalSchema : requiredSchema;
        }
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(TOPIC_FIELD_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                "Field name for the Kafka topic." + SUFFIX_DOC)
            .define(PARTITION_FIELD_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                "Field name for the Kafka partition." + SUFFIX_DOC)
            .define(OFFSET_FIELD_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                "Field name for the Kafka offset; sink connectors only." + SUFFIX_DOC)
            .define(TIMESTAMP_FIELD_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                "Field name for the record timestamp." + SUFFIX_DOC)
            .define(STATIC_FIELD_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                "Field name for the static value." + SUFFIX_DOC)
            .define(STATIC_VALUE_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                "The static value, required with static.field.")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                "Whether unset struct fields are copied as their schema default (true) or as null.");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        ParsedConfig config = config().parse(configs);
        topicField = Insertion.parse(config.getString(TOPIC_FIELD_CONFIG));
        partitionField = Insertion.parse(config.getString(PARTITION_FIELD_CONFIG));
        offsetField = Insertion.parse(config.getString(OFFSET_FIELD_CONFIG));
        timestampField = Insertion.parse(config.getString(TIMESTAMP_FIELD_CONFIG));
        staticField = Insertion.parse(config.getString(STATIC_FIELD_CONFIG));
        staticValue = config.getString(STATIC_VALUE_CONFIG);
        replaceNullWithDefault = requireNonNull(config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG));
        if (topicField == null && partitionField == null && offsetField == null && timestampField == null
            && staticField == null) {
            throw new ConfigException("No field insertion configured");
        }
        if (staticField != null && staticValue == null) {
            throw new ConfigException(STATIC_VALUE_CONFIG, null, "No value specified for static field: "
                + staticField.name());
        }
        schemas.clear();
    }

    @Override
    public @Nullable R apply(R record) {
        Object value = side.value(record);
        if (value == null) {
            return record;
        }
        return side.schema(record) == null ? applySchemaless(record, value) : applyWithSchema(record, value);
    }

    private R applySchemaless(R record, Object value) {
        Map<String, @Nullable Object> updated = new HashMap<>(Requirements.map(value, PURPOSE));
        if (topicField != null) {
            updated.put(topicField.name(), record.topic());
        }
        if (partitionField != null && record.kafkaPartition() != null) {
            updated.put(partitionField.name(), record.kafkaPartition());
        }
        if (offsetField != null) {
            updated.put(offsetField.name(), Requirements.sinkRecord(record, PURPOSE).kafkaOffset());
        }
        if (timestampField != null && record.timestamp() != null) {
            updated.put(timestampField.name(), record.timestamp());
        }
        if (staticField != null) {
            updated.put(staticField.name(), staticValue);
        }
        return side.with(record, null, updated);
    }

    private R applyWithSchema(R record, Object value) {
        Struct struct = Requirements.struct(value, PURPOSE);
        Schema schema = schemas.get(struct.schema(), this::withInsertedFields);
        Struct updated = new Struct(schema);
        for (Field field : struct.schema().fields()) {
            updated.put(field.name(), Requirements.read(struct, field, replaceNullWithDefault));
        }
        if (topicField != null) {
            updated.put(topicField.name(), record.topic());
        }
        if (partitionField != null && record.kafkaPartition() != null) {
            updated.put(partitionField.name(), record.kafkaPartition());
        }
        if (offsetField != null) {
            updated.put(offsetField.name(), Requirements.sinkRecord(record, PURPOSE).kafkaOffset());
        }
        if (timestampField != null && record.timestamp() != null) {
            updated.put(timestampField.name(), new java.util.Date(record.timestamp()));
        }
        if (staticField != null) {
            updated.put(staticField.name(), staticValue);
        }
        return side.with(record, schema, updated);
    }

    private Schema withInsertedFields(Schema schema) {
        SchemaBuilder builder = Schemas.copyBasics(schema, SchemaBuilder.struct());
        for (Field field : schema.fields()) {
            builder.field(field.name(), field.schema());
        }
        if (topicField != null) {
            builder.field(topicField.name(), topicField.schema(Schema.OPTIONAL_STRING_SCHEMA, Schema.STRING_SCHEMA));
        }
        if (partitionField != null) {
            builder.field(partitionField.name(),
                partitionField.schema(Schema.OPTIONAL_INT32_SCHEMA, Schema.INT32_SCHEMA));
        }
        if (offsetField != null) {
            builder.field(offsetField.name(), offsetField.schema(Schema.OPTIONAL_INT64_SCHEMA, Schema.INT64_SCHEMA));
        }
        if (timestampField != null) {
            builder.field(timestampField.name(), timestampField.schema(OPTIONAL_TIMESTAMP, Timestamp.schema()));
        }
        if (staticField != null) {
            builder.field(staticField.name(), staticField.schema(Schema.OPTIONAL_STRING_SCHEMA, Schema.STRING_SCHEMA));
        }
        return builder.build();
    }

    @Override
    public void close() {
        schemas.clear();
    }

    /**
     * Inserts into the record key.
     *
     * @param <R> source or sink records
     */
    public static final class Key<R extends ConnectRecord<R>> extends InsertField<R> {
        public Key() {
            super(RecordSide.KEY);
        }
    }

    /**
     * Inserts into the record value.
     *
     * @param <R> source or sink records
     */
    public static final class Value<R extends ConnectRecord<R>> extends InsertField<R> {
        public Value() {
            super(RecordSide.VALUE);
        }
    }
}
