package io.tributary.connect.storage;

import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.errors.DataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.jspecify.annotations.Nullable;

/**
 * Translates one Connect schema into an Avro schema: structs become records (named after the schema, or
 * {@code ConnectDefault} numbered), optional schemas unions with null, maps with required string keys Avro maps and
 * other maps arrays of {@code MapEntry} records, INT8 and INT16 ints marked {@code connect.type}, and the logical
 * types Avro's {@code decimal} (precision 64 unless a {@code connect.decimal.precision} parameter says otherwise),
 * {@code date}, {@code time-millis} and {@code timestamp-millis}. Names, versions, docs, parameters and defaults
 * outside fields travel as {@code connect.*} properties; field defaults become Avro field defaults. A struct's default
 * outside a record field is not kept (records are shared definitions). One instance per translation (it numbers
 * records); not thread-safe.
 */
final class ConnectToAvro {
    /** The Decimal parameter giving the precision of Avro's decimal, as Confluent's converter names it. */
    static final String PRECISION_PARAMETER = "connect.decimal.precision";
    private static final int DEFAULT_PRECISION = 64;

    /** Records defined so far by full name, with the Connect schema each came from (without optional/default). */
    private final Map<String, Defined> records = new HashMap<>();
    private int unnamed;
    private int entries;

    private record Defined(Schema connect, org.apache.avro.Schema avro) {
    }

    private ConnectToAvro() {
    }

    /** The Avro schema of {@code schema}. @throws DataException if it cannot be expressed in Avro */
    static org.apache.avro.Schema translate(Schema schema) {
        try {
            return new ConnectToAvro().optionalType(schema, true);
        } catch (AvroRuntimeException | IllegalArgumentException e) {  // SchemaParseException among them
            throw new DataException("Cannot express " + schema + " in Avro: " + e.getMessage(), e);
        }
    }

    /** The Avro type of a schema in any position: a union with null when optional. */
    private org.apache.avro.Schema optionalType(Schema schema, boolean withDefaultProperty) {
        org.apache.avro.Schema type = type(schema);
        // outside record fields Avro has no defaults; records are shared definitions, so they carry none either
        if (withDefaultProperty && schema.defaultValue() != null
            && type.getType() != org.apache.avro.Schema.Type.RECORD) {
            type.addProp(AvroNames.CONNECT_DEFAULT, JsonText.value(schema, schema.defaultValue()));
        }
        if (!schema.isOptional()) {
            return type;
        }
        org.apache.avro.Schema nul = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL);
        // an Avro union's default must be of its first branch, so a non-null default puts the type first
        return schema.defaultValue() != null ? org.apache.avro.Schema.createUnion(type, nul)
            : org.apache.avro.Schema.createUnion(nul, type);
    }

    private org.apache.avro.Schema type(Schema schema) {
        org.apache.avro.Schema avro = switch (schema.type()) {
            case INT8, INT16 -> {
                org.apache.avro.Schema small = primitive(org.apache.avro.Schema.Type.INT);
                small.addProp(AvroNames.CONNECT_TYPE, schema.type().jsonName());
                yield small;
            }
            case INT32 -> logical(schema, org.apache.avro.Schema.Type.INT);
            case INT64 -> logical(schema, org.apache.avro.Schema.Type.LONG);
            case FLOAT32 -> primitive(org.apache.avro.Schema.Type.FLOAT);
            case FLOAT64 -> primitive(org.apache.avro.Schema.Type.DOUBLE);
            case BOOLEAN -> primitive(org.apache.avro.Schema.Type.BOOLEAN);
            case STRING -> primitive(org.apache.avro.Schema.Type.STRING);
            case BYTES -> logical(schema, org.apache.avro.Schema.Type.BYTES);
            case ARRAY -> org.apache.avro.Schema.createArray(optionalType(schema.valueSchema(), true));
            case MAP -> map(schema);
            case STRUCT -> record(schema);
        };
        if (avro.getType() != org.apache.avro.Schema.Type.RECORD) {
            properties(schema, avro);
        }
        return avro;
    }

    private static org.apache.avro.Schema primitive(org.apache.avro.Schema.Type type) {
        return org.apache.avro.Schema.create(type);
    }

    /** An int, long or bytes, with Avro's logical type when the schema is one of Connect's logical types. */
    private static org.apache.avro.Schema logical(Schema schema, org.apache.avro.Schema.Type type) {
        org.apache.avro.Schema avro = primitive(type);
        String name = schema.name();
        if (name == null) {
            return avro;
        }
        switch (name) {
            case Decimal.LOGICAL_NAME -> {
                int scale = Decimal.scale(schema);
                String precision = schema.parameters().get(PRECISION_PARAMETER);
                // Avro has no negative scales: such decimals are plain bytes, their scale kept in connect.parameters
                if (scale >= 0) {
                    LogicalTypes.decimal(precision == null ? Math.max(DEFAULT_PRECISION, scale)
                        : Integer.parseInt(precision), scale).addToSchema(avro);
                }
            }
            case Date.LOGICAL_NAME -> LogicalTypes.date().addToSchema(avro);
            case Time.LOGICAL_NAME -> LogicalTypes.timeMillis().addToSchema(avro);
            case Timestamp.LOGICAL_NAME -> LogicalTypes.timestampMillis().addToSchema(avro);
            default -> {
                // a named schema that is no logical type: the name travels as a property only
            }
        }
        return avro;
    }

    /** Whether a map schema becomes an Avro map: its keys are plain required strings, which is all Avro allows. */
    static boolean isAvroMap(Schema schema) {
        Schema keys = schema.keySchema();
        return keys.type() == Schema.Type.STRING && !keys.isOptional() && keys.name() == null
            && keys.defaultValue() == null && keys.parameters().isEmpty() && keys.doc() == null
            && keys.version() == null;
    }

    private org.apache.avro.Schema map(Schema schema) {
        Schema keys = schema.keySchema();
        if (isAvroMap(schema)) {
            return org.apache.avro.Schema.createMap(optionalType(schema.valueSchema(), true));
        }
        // Avro map keys are plain strings: anything else goes as an array of key/value records
        entries++;
        org.apache.avro.Schema entry = org.apache.avro.Schema.createRecord(
            AvroNames.MAP_ENTRY + (entries == 1 ? "" : entries), null, AvroNames.NAMESPACE, false);
        entry.setFields(List.of(
            new org.apache.avro.Schema.Field("key", optionalType(keys, true)),
            new org.apache.avro.Schema.Field("value", optionalType(schema.valueSchema(), true))));
        entry.addProp(AvroNames.CONNECT_INTERNAL_TYPE, AvroNames.MAP_ENTRY);
        return org.apache.avro.Schema.createArray(entry);
    }

    private org.apache.avro.Schema record(Schema schema) {
        String fullName;
        if (schema.name() != null) {
            fullName = Identifiers.sanitizeFullName(schema.name());
        } else {
            unnamed++;
            fullName = AvroNames.NAMESPACE + "." + AvroNames.DEFAULT_RECORD + (unnamed == 1 ? "" : unnamed);
        }
        Schema key = SchemaBuilder.copyOf(schema).build();
        Defined defined = records.get(fullName);
        if (defined != null) {
            if (!defined.connect().equals(key)) {
                throw new DataException("Two different struct schemas are both named " + schema.name()
                    + "; Avro needs one definition per name");
            }
            return defined.avro();
        }
        int dot = fullName.lastIndexOf('.');
        org.apache.avro.Schema record = org.apache.avro.Schema.createRecord(fullName.substring(dot + 1),
            schema.doc(), dot < 0 ? null : fullName.substring(0, dot), false);
        properties(schema, record);
        records.put(fullName, new Defined(key, record));
        List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Field field : schema.fields()) {
            String name = Identifiers.sanitize(field.name());
            if (!names.add(name)) {
                throw new DataException("Fields of " + schema + " clash as Avro field " + name);
            }
            org.apache.avro.Schema.Field avroField = new org.apache.avro.Schema.Field(name,
                optionalType(field.schema(), false), field.schema().doc(), fieldDefault(field.schema()));
            if (!name.equals(field.name())) {
                avroField.addProp(AvroNames.CONNECT_FIELD, field.name());
            }
            fields.add(avroField);
        }
        record.setFields(fields);
        return record;
    }

    /** The Avro field default: the Connect default, null for optional fields without one, else none. */
    private static @Nullable Object fieldDefault(Schema schema) {
        if (schema.defaultValue() != null) {
            return AvroValues.toDefault(schema, schema.defaultValue());
        }
        return schema.isOptional() ? JsonProperties.NULL_VALUE : null;
    }

    private static void properties(Schema schema, org.apache.avro.Schema avro) {
        if (schema.name() != null) {
            avro.addProp(AvroNames.CONNECT_NAME, schema.name());
        }
        if (schema.version() != null) {
            avro.addProp(AvroNames.CONNECT_VERSION, schema.version());
        }
        if (schema.doc() != null) {
            avro.addProp(AvroNames.CONNECT_DOC, schema.doc());
        }
        if (!schema.parameters().isEmpty()) {
            avro.addProp(AvroNames.CONNECT_PARAMETERS, Map.copyOf(schema.parameters()));
        }
    }
}
