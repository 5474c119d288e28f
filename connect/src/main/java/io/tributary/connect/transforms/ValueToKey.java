package io.tributary.connect.transforms;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.DataException;
import io.tributary.connect.transforms.internal.ConfigValidators;
import io.tributary.connect.transforms.internal.Requirements;
import io.tributary.connect.transforms.internal.SchemaCache;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Replaces the record key with a new key made of some top-level fields of the value: a schemaless {@code Map} from a
 * map value, or a {@link Struct} (with an unnamed schema of those fields, in the order listed) from a struct value.
 * The value is kept. Settings and behaviour are those of Kafka Connect's {@code ValueToKey}.
 *
 * <p>Settings: {@code fields} (required, non-empty) lists the fields; {@code replace.null.with.default} (default
 * true) reads unset struct fields as their schema default.
 *
 * <p><strong>Errors:</strong> a {@link DataException} for a null or non-map/non-struct value, or a listed field the
 * value's schema lacks; a schemaless map lacking a field gives a null entry.
 *
 * <pre>{@code
 * transforms=key
 * transforms.key.type=io.tributary.connect.transforms.ValueToKey
 * transforms.key.fields=customer_id,order_id
 * }</pre>
 *
 * <p>Key schemas are cached per value schema.
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public final class ValueToKey<R extends ConnectRecord<R>> implements Transformation<R> {
    public static final String FIELDS_CONFIG = "fields";
    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";

    private static final String PURPOSE = "copying fields from value to key";

    private final SchemaCache keySchemas = new SchemaCache();
    private List<String> fields = List.of();
    private boolean replaceNullWithDefault = true;

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(FIELDS_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.nonEmptyList(),
                ConfigDef.Importance.HIGH, "Field names on the record value to extract as the record key.")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                "Whether unset struct fields are read as their schema default (true) or as null.");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        ParsedConfig config = config().parse(configs);
        fields = List.copyOf(requireNonNull(config.getList(FIELDS_CONFIG)));
        replaceNullWithDefault = requireNonNull(config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG));
        keySchemas.clear();
    }

    @Override
    public @Nullable R apply(R record) {
        return record.valueSchema() == null ? applySchemaless(record) : applyWithSchema(record);
    }

    private R applySchemaless(R record) {
        Map<String, @Nullable Object> value = Requirements.map(record.value(), PURPOSE);
        Map<String, @Nullable Object> key = new HashMap<>(fields.size());
        for (String field : fields) {
            key.put(field, value.get(field));
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), null, key, record.valueSchema(),
            record.value(), record.timestamp());
    }

    private R applyWithSchema(R record) {
        Struct value = Requirements.struct(record.value(), PURPOSE);
        Schema keySchema = keySchemas.get(value.schema(), this::keySchema);
        Struct key = new Struct(keySchema);
        for (String field : fields) {
            Field source = requireNonNull(value.schema().field(field));
            key.put(field, Requirements.read(value, source, replaceNullWithDefault));
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), keySchema, key, value.schema(), value,
            record.timestamp());
    }

    private Schema keySchema(Schema valueSchema) {
        SchemaBuilder builder = SchemaBuilder.struct();
        for (String field : fields) {
            Field source = valueSchema.field(field);
            if (source == null) {
                throw new DataException("Field does not exist: " + field);
            }
            builder.field(field, source.schema());
        }
        return builder.build();
    }

    @Override
    public void close() {
        keySchemas.clear();
    }
}
