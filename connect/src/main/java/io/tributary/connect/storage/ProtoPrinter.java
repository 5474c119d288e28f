package io.tributary.connect.storage;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.Locale;

/**
 * Writes a generated file descriptor as {@code .proto} text, the form a schema registry stores: syntax, package,
 * messages with their fields (maps as {@code map<K, V>}, proto3 {@code optional}, oneofs), nested messages and enums,
 * types by full name. A comment may precede the first message; {@link ProtoParser} reads it back. Stateless.
 */
final class ProtoPrinter {
    private ProtoPrinter() {
    }

    /** The text of {@code file}, with {@code comment} (one line, without the {@code //}) before its first message. */
    static String print(FileDescriptor file, String comment) {
        StringBuilder out = new StringBuilder();
        boolean proto3 = file.toProto().getSyntax().equals("proto3");
        out.append("syntax = \"").append(proto3 ? "proto3" : "proto2").append("\";\n");
        if (!file.getPackage().isEmpty()) {
            out.append("package ").append(file.getPackage()).append(";\n");
        }
        boolean first = true;
        for (Descriptor message : file.getMessageTypes()) {
            out.append('\n');
            if (first && !comment.isEmpty()) {
                out.append("// ").append(comment).append('\n');
            }
            first = false;
            message(out, message, "", proto3);
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
        message.getEnumTypes().forEach(e -> {
            out.append(inner).append("enum ").append(e.getName()).append(" {\n");
            e.getValues().forEach(v -> out.append(inner).append("  ").append(v.getName()).append(" = ")
                .append(v.getNumber()).append(";\n"));
            out.append(inner).append("}\n");
        });
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
            } else if (!proto3 || field.toProto().getProto3Optional()) {
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
}
