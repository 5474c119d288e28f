package io.tributary.connect.jdbc.internal;

import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.errors.DataException;
import io.tributary.connect.jdbc.JdbcSinkConfig.PrimaryKeyMode;
import io.tributary.connect.sink.SinkRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The columns records of one key schema and value schema fill, and where each value comes from: the primary key
 * columns per {@code pk.mode} (Kafka coordinates, the key or its fields, value fields) and the value columns (the
 * value's other fields, restricted by {@code fields.whitelist}). Built once per schema pair. Immutable.
 */
public final class RecordLayout {
    /** The default column names of {@code pk.mode=kafka}. */
    public static final List<String> KAFKA_PK_NAMES = List.of("__connect_topic", "__connect_partition",
        "__connect_offset");
    private static final List<Schema> KAFKA_PK_SCHEMAS = List.of(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA,
        Schema.INT64_SCHEMA);

    private final PrimaryKeyMode pkMode;
    private final boolean primitiveKey;
    private final List<SinkColumn> keyColumns;
    private final List<SinkColumn> valueColumns;

    private RecordLayout(PrimaryKeyMode pkMode, boolean primitiveKey, List<SinkColumn> keyColumns,
                         List<SinkColumn> valueColumns) {
        this.pkMode = pkMode;
        this.primitiveKey = primitiveKey;
        this.keyColumns = List.copyOf(keyColumns);
        this.valueColumns = List.copyOf(valueColumns);
    }

    /**
     * The layout of records with {@code keySchema} and {@code valueSchema} (null for a tombstone's value).
     *
     * @throws ConnectException if a primary key field is missing or the schemas do not fit the pk mode
     */
    public static RecordLayout of(PrimaryKeyMode pkMode, List<String> pkFields, List<String> fieldsWhitelist,
                                  @Nullable Schema keySchema, @Nullable Schema valueSchema) {
        List<SinkColumn> keys = new ArrayList<>();
        boolean primitiveKey = false;
        switch (pkMode) {
            case NONE -> { }
            case KAFKA -> {
                List<String> names = pkFields.isEmpty() ? KAFKA_PK_NAMES : pkFields;
                for (int i = 0; i < KAFKA_PK_NAMES.size(); i++) {
                    keys.add(new SinkColumn(names.get(i), KAFKA_PK_SCHEMAS.get(i), true));
                }
            }
            case RECORD_KEY -> {
                if (keySchema == null) {
                    throw new DataException("pk.mode=record_key needs records with a key schema, but the key has "
                        + "none (use a key converter with schemas)");
                }
                primitiveKey = keySchema.type().isPrimitive();
                keys.addAll(primitiveKey ? primitiveKeyColumn(pkFields, keySchema)
                    : structColumns("key", pkFields, keySchema));
            }
            case RECORD_VALUE -> {
                if (valueSchema == null || valueSchema.type() != Schema.Type.STRUCT) {
                    throw new DataException("pk.mode=record_value needs records whose value is a struct with a "
                        + "schema, but the value schema is " + valueSchema);
                }
                keys.addAll(structColumns("value", pkFields, valueSchema));
            }
            default -> throw new IllegalStateException("Unknown pk.mode " + pkMode);
        }
        return new RecordLayout(pkMode, primitiveKey, keys, valueColumns(keys, fieldsWhitelist, valueSchema));
    }

    private static List<SinkColumn> primitiveKeyColumn(List<String> pkFields, Schema keySchema) {
        if (pkFields.size() != 1) {
            throw new ConnectException("pk.mode=record_key with a primitive key (" + keySchema.type()
                + ") needs exactly one column name in pk.fields, but it has " + pkFields);
        }
        return List.of(new SinkColumn(pkFields.get(0), keySchema, true));
    }

    private static List<SinkColumn> structColumns(String what, List<String> pkFields, Schema schema) {
        if (schema.type() != Schema.Type.STRUCT) {
            throw new DataException("The record " + what + " must be a struct or a primitive, not " + schema.type());
        }
        if (pkFields.isEmpty()) {
            return schema.fields().stream().map(f -> new SinkColumn(f.name(), f.schema(), true)).toList();
        }
        List<SinkColumn> out = new ArrayList<>();
        for (String name : pkFields) {
            Field field = schema.field(name);
            if (field == null) {
                throw new ConnectException("Primary key field \"" + name + "\" of pk.fields is not a field of the "
                    + "record " + what + "; its fields are " + schema.fields().stream().map(Field::name).toList());
            }
            out.add(new SinkColumn(name, field.schema(), true));
        }
        return out;
    }

    private static List<SinkColumn> valueColumns(List<SinkColumn> keys, List<String> whitelist,
                                                 @Nullable Schema valueSchema) {
        if (valueSchema == null) {
            return List.of();
        }
        if (valueSchema.type() != Schema.Type.STRUCT) {
            throw new DataException("The record value must be a struct, but its schema is " + valueSchema.type());
        }
        Set<String> keyNames = new HashSet<>();
        keys.forEach(k -> keyNames.add(k.name()));
        List<SinkColumn> out = new ArrayList<>();
        for (Field field : valueSchema.fields()) {
            // A value field of a key column's name fills that column from the key (record_key) or is it already.
            if (!keyNames.contains(field.name()) && (whitelist.isEmpty() || whitelist.contains(field.name()))) {
                out.add(new SinkColumn(field.name(), field.schema(), false));
            }
        }
        return out;
    }

    /** The primary key columns, in pk.fields (or schema) order. */
    public List<SinkColumn> keyColumns() {
        return keyColumns;
    }

    /** The other columns, in value schema order. */
    public List<SinkColumn> valueColumns() {
        return valueColumns;
    }

    /** Key columns, then value columns: a created table's columns. */
    public List<SinkColumn> allColumns() {
        List<SinkColumn> out = new ArrayList<>(keyColumns);
        out.addAll(valueColumns);
        return out;
    }

    /**
     * The values of the key columns of {@code record}.
     *
     * @throws DataException if the key (record_key) is null
     */
    public List<@Nullable Object> keyValues(SinkRecord record) {
        List<@Nullable Object> out = new ArrayList<>(keyColumns.size());
        switch (pkMode) {
            case NONE -> { }
            case KAFKA -> {
                out.add(record.topic());
                out.add(record.kafkaPartition());
                out.add(record.kafkaOffset());
            }
            case RECORD_KEY -> {
                Object key = record.key();
                if (key == null) {
                    throw new DataException("pk.mode=record_key needs a key, but the record at " + where(record)
                        + " has none");
                }
                if (primitiveKey) {
                    out.add(key);
                } else {
                    keyColumns.forEach(c -> out.add(((Struct) key).get(c.name())));
                }
            }
            case RECORD_VALUE -> keyColumns.forEach(c -> out.add(struct(record).get(c.name())));
            default -> throw new IllegalStateException("Unknown pk.mode " + pkMode);
        }
        return out;
    }

    /** The values of the value columns of {@code record}. */
    public List<@Nullable Object> values(SinkRecord record) {
        if (valueColumns.isEmpty()) {
            return List.of();
        }
        Struct value = struct(record);
        List<@Nullable Object> out = new ArrayList<>(valueColumns.size());
        valueColumns.forEach(c -> out.add(value.get(c.name())));
        return out;
    }

    private static Struct struct(SinkRecord record) {
        if (!(record.value() instanceof Struct struct)) {
            throw new DataException("The record at " + where(record) + " has a value that is not a struct: "
                + (record.value() == null ? "null" : record.value().getClass().getName()));
        }
        return struct;
    }

    /** {@code topic-partition@offset} of a record, for messages. */
    static String where(SinkRecord record) {
        return record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
    }
}
