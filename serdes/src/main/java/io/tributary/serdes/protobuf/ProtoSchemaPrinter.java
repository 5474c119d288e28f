package io.tributary.serdes.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.Locale;

/**
 * Writes a file descriptor back as {@code .proto} text, which is what a schema registry stores: syntax, package,
 * imports, messages with their fields, maps, oneofs, nested types, and enums. Options are left out (they do not
 * change the wire format). Stateless.
 *
 * @since 0.1
 */
public final class ProtoSchemaPrinter {
    private ProtoSchemaPrinter() {
    }

    /** The {@code .proto} text of {@code file}. */
    public static String print(FileDescriptor file) {
        return print(file, "");
    }

    /**
     * The {@code .proto} text of {@code file}, with a one-line {@code comment} (without {@code //}; none if empty)
     * just before its first message, where a reader of the text can find it again.
     */
    public static String print(FileDescriptor file, String comment) {
        StringBuilder out = new StringBuilder();
        boolean proto3 = file.toProto().getSyntax().equals("proto3");
        out.append("syntax = \"").append(proto3 ? "proto3" : "proto2").append("\";\n");
        if (!file.getPackage().isEmpty()) {
            out.append("package ").append(file.getPackage()).append(";\n");
        }
        for (FileDescriptor dependency : file.getDependencies()) {
            out.append("import \"").append(dependency.getName()).append("\";\n");
        }
        boolean first = true;
        for (Descriptor message : file.getMessageTypes()) {
            if (first && !comment.isEmpty()) {
                out.append("// ").append(comment).append('\n');
            }
            first = false;
            message(out, message, "", proto3);
        }
        for (EnumDescriptor e : file.getEnumTypes()) {
            enumeration(out, e, "");
        }
        return out.toString();
    }

    private static void message(StringBuilder out, Descriptor message, String indent, boolean proto3) {
        out.append(indent).append("message ").append(message.getName()).append(" {\n");
        String inner = indent + "  ";
        for (FieldDescriptor field : message.getFields()) {
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof == null) {
                field(out, field, inner, proto3);
            } else if (oneof.getField(0) == field) {
                out.append(inner).append("oneof ").append(oneof.getName()).append(" {\n");
                for (FieldDescriptor member : oneof.getFields()) {
                    field(out, member, inner + "  ", proto3);
                }
                out.append(inner).append("}\n");
            }
        }
        for (Descriptor nested : message.getNestedTypes()) {
            if (!nested.getOptions().getMapEntry()) {
                message(out, nested, inner, proto3);
            }
        }
        for (EnumDescriptor e : message.getEnumTypes()) {
            enumeration(out, e, inner);
        }
        out.append(indent).append("}\n");
    }

    private static void field(StringBuilder out, FieldDescriptor field, String indent, boolean proto3) {
        out.append(indent);
        if (field.isMapField()) {
            Descriptor entry = field.getMessageType();
            out.append("map<").append(type(entry.findFieldByNumber(1))).append(", ")
                .append(type(entry.findFieldByNumber(2))).append("> ");
        } else {
            if (field.isRepeated()) {
                out.append("repeated ");
            } else if (!proto3 && field.isRequired()) {
                out.append("required ");
            } else if (!proto3 || field.getRealContainingOneof() == null && field.hasPresence()
                && field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                out.append("optional ");
            }
            out.append(type(field)).append(' ');
        }
        out.append(field.getName()).append(" = ").append(field.getNumber()).append(";\n");
    }

    private static String type(FieldDescriptor field) {
        return switch (field.getType()) {
            case MESSAGE, GROUP -> "." + field.getMessageType().getFullName();
            case ENUM -> "." + field.getEnumType().getFullName();
            default -> field.getType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static void enumeration(StringBuilder out, EnumDescriptor e, String indent) {
        out.append(indent).append("enum ").append(e.getName()).append(" {\n");
        for (EnumValueDescriptor v : e.getValues()) {
            out.append(indent).append("  ").append(v.getName()).append(" = ").append(v.getNumber()).append(";\n");
        }
        out.append(indent).append("}\n");
    }
}
