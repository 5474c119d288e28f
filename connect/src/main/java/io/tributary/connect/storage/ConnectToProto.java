package io.tributary.connect.storage;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.errors.DataException;
import java.util.HashSet;
import java.util.Set;

/**
 * Generates a proto3 file with one top-level message for a Connect struct schema. The layout, which
 * {@link ProtobufValues} follows both ways:
 * <ul>
 *   <li>struct field {@code i} is message field {@code i + 1}; nested structs are nested messages;</li>
 *   <li>INT8, INT16, INT32, Date and Time are {@code int32}; INT64 and Timestamp {@code int64}; FLOAT32
 *       {@code float}; FLOAT64 {@code double}; BOOLEAN {@code bool}; STRING {@code string}; BYTES and Decimal (its
 *       unscaled two's-complement bytes) {@code bytes}; optional primitives are proto3 {@code optional};</li>
 *   <li>a required array is a {@code repeated} field; its elements are direct when required primitives or structs
 *       ({@link #isDirectElement}), else each is wrapped in an {@code ...Element} message holding
 *       {@code value = 1};</li>
 *   <li>a required map is a proto {@code map} when its keys are required strings, integers or booleans and its values
 *       required primitives or structs ({@link #isNativeMap}), else a {@code repeated} {@code ...Entry} message with
 *       {@code key = 1} and {@code value = 2};</li>
 *   <li>an optional array or map is a {@code ...Wrapper} message holding it as field 1, since repeated fields cannot
 *       be null.</li>
 * </ul>
 * Names are made valid Protobuf identifiers. Stateless.
 */
final class ConnectToProto {
    /** The name of the message made for an unnamed struct. */
    static final String DEFAULT_MESSAGE = "ConnectDefault";

    private ConnectToProto() {
    }

    /** The file of a struct schema's message. @throws DataException if it is no struct or has no Protobuf form */
    static FileDescriptor translate(Schema schema) {
        if (schema.type() != Schema.Type.STRUCT) {
            throw new DataException("ProtobufConverter writes structs only, not " + schema.type() + " values: "
                + "Protobuf schemas are messages");
        }
        String name = schema.name();
        String packageName = "";
        String messageName = DEFAULT_MESSAGE;
        if (name != null) {
            String full = Identifiers.sanitizeFullName(name);
            int dot = full.lastIndexOf('.');
            packageName = dot < 0 ? "" : full.substring(0, dot);
            messageName = full.substring(dot + 1);
        }
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
            .setName(messageName + ".proto")
            .setSyntax("proto3")
            .setPackage(packageName)
            .addMessageType(message(messageName, schema))
            .build();
        try {
            return FileDescriptor.buildFrom(file, new FileDescriptor[0]);
        } catch (DescriptorValidationException e) {
            throw new DataException("Cannot express " + schema + " in Protobuf: " + e.getMessage(), e);
        }
    }

    /** Whether array elements of {@code element} are written directly rather than wrapped. */
    static boolean isDirectElement(Schema element) {
        return !element.isOptional() && (element.type().isPrimitive() || element.type() == Schema.Type.STRUCT);
    }

    /** Whether a map schema is written as a Protobuf map rather than a list of entries. */
    static boolean isNativeMap(Schema map) {
        Schema keys = map.keySchema();
        boolean keyFits = switch (keys.type()) {
            case STRING, INT8, INT16, INT32, INT64, BOOLEAN -> true;
            default -> false;
        };
        return !keys.isOptional() && keyFits && isDirectElement(map.valueSchema());
    }

    private static DescriptorProto message(String name, Schema struct) {
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name);
        Set<String> names = new HashSet<>();
        for (Field field : struct.fields()) {
            String fieldName = Identifiers.sanitize(field.name());
            if (!names.add(fieldName)) {
                throw new DataException("Fields of " + struct + " clash as Protobuf field " + fieldName);
            }
            singular(message, fieldName, field.index() + 1, field.schema());
        }
        return message.build();
    }

    /** Adds a field holding one value of {@code schema}. */
    private static void singular(DescriptorProto.Builder message, String name, int number, Schema schema) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
            .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
        switch (schema.type()) {
            case STRUCT -> {
                String type = nestedName(message, schema.name() != null ? lastPart(schema.name())
                    : camel(name) + "Struct");
                message.addNestedType(message(type, schema));
                field.setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(type);
            }
            case ARRAY, MAP -> {
                if (!schema.isOptional()) {
                    repeated(message, name, number, schema);
                    return;
                }
                String type = nestedName(message, camel(name) + "Wrapper");
                DescriptorProto.Builder wrapper = DescriptorProto.newBuilder().setName(type);
                repeated(wrapper, "value", 1, schema);
                message.addNestedType(wrapper);
                field.setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(type);
            }
            default -> {
                field.setType(scalar(schema));
                if (schema.isOptional()) {
                    // proto3 "optional": explicit presence through a synthetic oneof named after the field
                    message.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_" + name));
                    field.setProto3Optional(true).setOneofIndex(message.getOneofDeclCount() - 1);
                }
            }
        }
        message.addField(field);
    }

    /** Adds a repeated field holding a required array or map. */
    private static void repeated(DescriptorProto.Builder message, String name, int number, Schema schema) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
            .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED);
        if (schema.type() == Schema.Type.ARRAY) {
            Schema element = schema.valueSchema();
            if (isDirectElement(element) && element.type() != Schema.Type.STRUCT) {
                field.setType(scalar(element));
            } else {
                String type;
                if (isDirectElement(element)) {
                    type = nestedName(message, element.name() != null ? lastPart(element.name())
                        : camel(name) + "Struct");
                    message.addNestedType(message(type, element));
                } else {
                    type = nestedName(message, camel(name) + "Element");
                    DescriptorProto.Builder wrapper = DescriptorProto.newBuilder().setName(type);
                    singular(wrapper, "value", 1, element);
                    message.addNestedType(wrapper);
                }
                field.setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(type);
            }
        } else {
            String type = nestedName(message, camel(name) + "Entry");
            DescriptorProto.Builder entry = DescriptorProto.newBuilder().setName(type);
            if (isNativeMap(schema)) {
                entry.setOptions(MessageOptions.newBuilder().setMapEntry(true));
                mapEntryField(message, entry, "key", 1, schema.keySchema());
                mapEntryField(message, entry, "value", 2, schema.valueSchema());
            } else {
                singular(entry, "key", 1, schema.keySchema());
                singular(entry, "value", 2, schema.valueSchema());
            }
            message.addNestedType(entry);
            field.setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(type);
        }
        message.addField(field);
    }

    /** A key or value of a Protobuf map entry; a struct value's message is declared beside the entry. */
    private static void mapEntryField(DescriptorProto.Builder owner, DescriptorProto.Builder entry, String name,
                                      int number, Schema schema) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
            .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
        if (schema.type() == Schema.Type.STRUCT) {
            String type = nestedName(owner, schema.name() != null ? lastPart(schema.name())
                : camel(entry.getName()) + "Value");
            owner.addNestedType(message(type, schema));
            field.setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(type);
        } else {
            field.setType(scalar(schema));
        }
        entry.addField(field);
    }

    private static FieldDescriptorProto.Type scalar(Schema schema) {
        return switch (schema.type()) {
            case INT8, INT16, INT32 -> FieldDescriptorProto.Type.TYPE_INT32;
            case INT64 -> FieldDescriptorProto.Type.TYPE_INT64;
            case FLOAT32 -> FieldDescriptorProto.Type.TYPE_FLOAT;
            case FLOAT64 -> FieldDescriptorProto.Type.TYPE_DOUBLE;
            case BOOLEAN -> FieldDescriptorProto.Type.TYPE_BOOL;
            case STRING -> FieldDescriptorProto.Type.TYPE_STRING;
            case BYTES -> FieldDescriptorProto.Type.TYPE_BYTES;
            default -> throw new IllegalArgumentException("not a primitive: " + schema.type());
        };
    }

    /** {@code wanted}, or it numbered, so that no two types nested in {@code message} share a name. */
    private static String nestedName(DescriptorProto.Builder message, String wanted) {
        Set<String> taken = new HashSet<>();
        message.getNestedTypeList().forEach(t -> taken.add(t.getName()));
        taken.add(message.getName());
        String name = wanted;
        for (int i = 2; taken.contains(name); i++) {
            name = wanted + i;
        }
        return name;
    }

    private static String lastPart(String name) {
        String full = Identifiers.sanitizeFullName(name);
        return full.substring(full.lastIndexOf('.') + 1);
    }

    /** A field name in CamelCase, as protoc names map entries: {@code my_map} becomes {@code MyMap}. */
    static String camel(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = Character.isDigit(c);
            }
        }
        return out.length() == 0 ? "X" : out.toString();
    }
}
