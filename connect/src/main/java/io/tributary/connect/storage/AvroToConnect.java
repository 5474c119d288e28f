package io.tributary.connect.storage;

import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.errors.DataException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.jspecify.annotations.Nullable;

/**
 * Translates an Avro schema into the Connect schema of its data, undoing {@link ConnectToAvro} exactly where the
 * {@code connect.*} properties are present, and otherwise reading any Avro schema sensibly: records as structs named
 * by their full name, unions with null as optional schemas, maps as maps with string keys, enums as strings, fixed as
 * bytes, and the logical types {@code decimal}, {@code date}, {@code time-millis} and {@code timestamp-millis} as
 * Connect's. Other unions and recursive records have no Connect form and fail. One instance per translation; not
 * thread-safe.
 */
final class AvroToConnect {
    /** Records being translated, to refuse recursion, which Connect schemas cannot express. */
    private final Set<String> inProgress = new HashSet<>();

    private AvroToConnect() {
    }

    /** The Connect schema of {@code avro}. @throws DataException if it has no Connect form */
    static Schema translate(org.apache.avro.Schema avro) {
        return new AvroToConnect().schema(avro, null);
    }

    /** A schema in any position; {@code field} gives a record field's default, if any. */
    private Schema schema(org.apache.avro.Schema avro, org.apache.avro.Schema.@Nullable Field field) {
        org.apache.avro.Schema type = avro;
        boolean optional = false;
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            type = nonNull(avro);
            optional = true;
        }
        SchemaBuilder builder = builder(type);
        if (optional) {
            builder.optional();
        }
        Object defaultValue = null;
        String connectDefault = type.getProp(AvroNames.CONNECT_DEFAULT);
        if (connectDefault != null) {
            defaultValue = JsonText.value(builder.build(), connectDefault);
        } else if (field != null && field.hasDefaultValue()) {
            Object datum = GenericData.get().getDefaultValue(field);
            defaultValue = datum == null ? null : AvroValues.toConnect(builder.build(), datum);
        }
        if (defaultValue != null) {
            builder.defaultValue(defaultValue);
        }
        return builder.build();
    }

    private static org.apache.avro.Schema nonNull(org.apache.avro.Schema union) {
        List<org.apache.avro.Schema> branches = union.getTypes();
        if (branches.size() == 2 && branches.get(0).getType() == org.apache.avro.Schema.Type.NULL) {
            return branches.get(1);
        }
        if (branches.size() == 2 && branches.get(1).getType() == org.apache.avro.Schema.Type.NULL) {
            return branches.get(0);
        }
        throw new DataException("Avro union " + union + " has no Connect form: only unions of null and one other "
            + "type are supported");
    }

    /** The builder of a non-union type, with its name, version, doc and parameters but no optionality or default. */
    private SchemaBuilder builder(org.apache.avro.Schema avro) {
        SchemaBuilder builder = switch (avro.getType()) {
            case INT -> intBuilder(avro);
            case LONG -> avro.getLogicalType() instanceof LogicalTypes.TimestampMillis && !ours(avro)
                ? Timestamp.builder() : SchemaBuilder.int64();
            case FLOAT -> SchemaBuilder.float32();
            case DOUBLE -> SchemaBuilder.float64();
            case BOOLEAN -> SchemaBuilder.bool();
            case STRING, ENUM -> SchemaBuilder.string();
            case BYTES, FIXED -> avro.getLogicalType() instanceof LogicalTypes.Decimal decimal && !ours(avro)
                ? Decimal.builder(decimal.getScale()) : SchemaBuilder.bytes();
            case ARRAY -> array(avro);
            case MAP -> SchemaBuilder.map(Schema.STRING_SCHEMA, schema(avro.getValueType(), null));
            case RECORD -> record(avro);
            case UNION -> throw new DataException("Avro union " + avro + " nested directly in a union has no "
                + "Connect form");
            case NULL -> throw new DataException("An Avro null outside a union has no Connect form");
        };
        if (ours(avro)) {
            String name = avro.getProp(AvroNames.CONNECT_NAME);
            if (name != null) {
                builder.name(name);
            }
            Object version = avro.getObjectProp(AvroNames.CONNECT_VERSION);
            if (version instanceof Number n) {
                builder.version(n.intValue());
            }
            String doc = avro.getProp(AvroNames.CONNECT_DOC);
            if (doc != null) {
                builder.doc(doc);
            }
            if (avro.getObjectProp(AvroNames.CONNECT_PARAMETERS) instanceof Map<?, ?> parameters) {
                parameters.forEach((k, v) -> builder.parameter(String.valueOf(k), String.valueOf(v)));
            }
        } else if (avro.getType() == org.apache.avro.Schema.Type.RECORD) {
            if (!isMadeUp(avro)) {
                builder.name(avro.getFullName());
            }
            if (avro.getDoc() != null) {
                builder.doc(avro.getDoc());
            }
        }
        return builder;
    }

    /** Whether the schema carries Connect's own description, which then decides its name and logical type. */
    private static boolean ours(org.apache.avro.Schema avro) {
        return avro.getProp(AvroNames.CONNECT_NAME) != null || avro.getObjectProp(AvroNames.CONNECT_VERSION) != null
            || avro.getProp(AvroNames.CONNECT_DOC) != null || avro.getObjectProp(AvroNames.CONNECT_PARAMETERS) != null;
    }

    /** Whether a record's name was made up for an unnamed struct. */
    private static boolean isMadeUp(org.apache.avro.Schema record) {
        return AvroNames.NAMESPACE.equals(record.getNamespace())
            && record.getName().startsWith(AvroNames.DEFAULT_RECORD);
    }

    private static SchemaBuilder intBuilder(org.apache.avro.Schema avro) {
        String connectType = avro.getProp(AvroNames.CONNECT_TYPE);
        if ("int8".equals(connectType)) {
            return SchemaBuilder.int8();
        }
        if ("int16".equals(connectType)) {
            return SchemaBuilder.int16();
        }
        LogicalType logical = avro.getLogicalType();
        if (!ours(avro) && logical instanceof LogicalTypes.Date) {
            return Date.builder();
        }
        if (!ours(avro) && logical instanceof LogicalTypes.TimeMillis) {
            return Time.builder();
        }
        return SchemaBuilder.int32();
    }

    private SchemaBuilder array(org.apache.avro.Schema avro) {
        org.apache.avro.Schema items = avro.getElementType();
        if (items.getType() == org.apache.avro.Schema.Type.RECORD
            && AvroNames.MAP_ENTRY.equals(items.getProp(AvroNames.CONNECT_INTERNAL_TYPE))) {
            return SchemaBuilder.map(schema(items.getField("key").schema(), null),
                schema(items.getField("value").schema(), null));
        }
        return SchemaBuilder.array(schema(items, null));
    }

    private SchemaBuilder record(org.apache.avro.Schema avro) {
        if (!inProgress.add(avro.getFullName())) {
            throw new DataException("Avro record " + avro.getFullName() + " contains itself; Connect schemas cannot "
                + "be recursive");
        }
        SchemaBuilder builder = SchemaBuilder.struct();
        for (org.apache.avro.Schema.Field field : avro.getFields()) {
            String name = field.getProp(AvroNames.CONNECT_FIELD);
            builder.field(name != null ? name : field.name(), schema(field.schema(), field));
        }
        inProgress.remove(avro.getFullName());
        return builder;
    }
}
