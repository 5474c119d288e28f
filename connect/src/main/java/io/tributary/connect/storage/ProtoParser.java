package io.tributary.connect.storage;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.tributary.connect.errors.DataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code .proto} text, as a schema registry holds it, into a file descriptor: {@code syntax}, {@code package},
 * messages (nested, with fields, maps, oneofs and proto3 {@code optional}), enums, and imports of Protobuf's
 * well-known types ({@code google/protobuf/*.proto}). Options, reserved ranges, extensions and services are skipped;
 * other imports and groups are refused. The comment line before the first top-level message is kept, since
 * {@link ProtobufConverter} writes the Connect schema there. One parser per text; not thread-safe.
 */
final class ProtoParser {
    /** The file and the comment (without {@code //}) before its first top-level message, if any. */
    record Parsed(FileDescriptor file, @Nullable String firstComment) {
    }

    private static final Map<String, FileDescriptor> WELL_KNOWN = Map.of(
        "google/protobuf/any.proto", com.google.protobuf.AnyProto.getDescriptor(),
        "google/protobuf/duration.proto", com.google.protobuf.DurationProto.getDescriptor(),
        "google/protobuf/empty.proto", com.google.protobuf.EmptyProto.getDescriptor(),
        "google/protobuf/field_mask.proto", com.google.protobuf.FieldMaskProto.getDescriptor(),
        "google/protobuf/struct.proto", com.google.protobuf.StructProto.getDescriptor(),
        "google/protobuf/timestamp.proto", com.google.protobuf.TimestampProto.getDescriptor(),
        "google/protobuf/wrappers.proto", com.google.protobuf.WrappersProto.getDescriptor(),
        "google/protobuf/descriptor.proto", com.google.protobuf.DescriptorProtos.getDescriptor());

    private static final List<String> SCALARS = List.of("double", "float", "int32", "int64", "uint32", "uint64",
        "sint32", "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes");

    private record Token(String text, int line, boolean string, @Nullable String commentBefore) {
    }

    /** A field of a message being read, with the oneof it belongs to decided once the message is complete. */
    private record PendingField(FieldDescriptorProto.Builder field, @Nullable String oneof, boolean proto3Optional) {
    }

    private final List<Token> tokens;
    private int pos;
    private boolean proto3;
    private @Nullable String firstComment;
    private boolean seenMessage;
    private final List<FileDescriptor> imports = new ArrayList<>();

    private ProtoParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses {@code text}. @throws DataException naming the line of the first problem */
    static Parsed parse(String text) {
        ProtoParser parser = new ProtoParser(tokenize(text));
        FileDescriptorProto proto = parser.file();
        try {
            FileDescriptor file = FileDescriptor.buildFrom(proto, parser.imports.toArray(new FileDescriptor[0]));
            return new Parsed(file, parser.firstComment);
        } catch (DescriptorValidationException e) {
            throw new DataException("Invalid Protobuf schema: " + e.getMessage(), e);
        }
    }

    private FileDescriptorProto file() {
        FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder().setName("registered.proto");
        while (!atEnd()) {
            Token token = next();
            switch (token.text) {
                case "syntax" -> {
                    expect("=");
                    String syntax = stringLiteral();
                    expect(";");
                    proto3 = syntax.equals("proto3");
                    file.setSyntax(proto3 ? "proto3" : "proto2");
                }
                case "edition" -> throw error("Protobuf editions are not supported");
                case "package" -> {
                    file.setPackage(qualifiedName());
                    expect(";");
                }
                case "import" -> {
                    if (peek("public") || peek("weak")) {
                        next();
                    }
                    String path = stringLiteral();
                    expect(";");
                    FileDescriptor known = WELL_KNOWN.get(path);
                    if (known == null) {
                        throw error("import \"" + path + "\" is not supported; only Protobuf's well-known types");
                    }
                    file.addDependency(path);
                    imports.add(known);
                }
                case "option" -> skipStatement();
                case "message" -> {
                    if (!seenMessage) {
                        firstComment = token.commentBefore;
                        seenMessage = true;
                    }
                    file.addMessageType(message());
                }
                case "enum" -> file.addEnumType(enumeration());
                case "service", "extend" -> skipBlock();
                case ";" -> {
                }
                default -> throw error("unexpected '" + token.text + "'");
            }
        }
        return file.build();
    }

    private DescriptorProto message() {
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(identifier());
        expect("{");
        List<PendingField> fields = new ArrayList<>();
        body(message, fields, null);
        // real oneofs come first and keep their order; proto3 optional fields get synthetic ones after them
        List<String> oneofs = new ArrayList<>();
        fields.stream().filter(f -> f.oneof != null && !f.proto3Optional).map(PendingField::oneof).distinct()
            .forEach(oneofs::add);
        for (PendingField pending : fields) {
            if (pending.proto3Optional) {
                oneofs.add(pending.oneof);
            }
            if (pending.oneof != null) {
                pending.field.setOneofIndex(pending.proto3Optional ? oneofs.size() - 1 : oneofs.indexOf(pending.oneof));
            }
            message.addField(pending.field);
        }
        oneofs.forEach(name -> message.addOneofDecl(OneofDescriptorProto.newBuilder().setName(name)));
        return message.build();
    }

    private void body(DescriptorProto.Builder message, List<PendingField> fields, @Nullable String oneof) {
        while (!peek("}")) {
            switch (peekText()) {
                case "message" -> {
                    next();
                    message.addNestedType(message());
                }
                case "enum" -> {
                    next();
                    message.addEnumType(enumeration());
                }
                case "oneof" -> {
                    next();
                    String name = identifier();
                    expect("{");
                    body(message, fields, name);
                }
                case "option", "reserved", "extensions" -> skipStatement();
                case "extend" -> skipBlock();
                case ";" -> next();
                default -> field(message, fields, oneof);
            }
        }
        expect("}");
    }

    private void field(DescriptorProto.Builder message, List<PendingField> fields, @Nullable String oneof) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder()
            .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
        boolean proto3Optional = false;
        if (peek("repeated")) {
            next();
            field.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED);
        } else if (peek("required")) {
            next();
            field.setLabel(FieldDescriptorProto.Label.LABEL_REQUIRED);
        } else if (peek("optional")) {
            next();
            proto3Optional = proto3;
        }
        if (peek("group")) {
            throw error("groups are not supported");
        }
        String mapKey = null;
        String mapValue = null;
        String type;
        if (peek("map") && tokens.size() > pos + 1 && tokens.get(pos + 1).text.equals("<")) {
            next();
            expect("<");
            mapKey = qualifiedName();
            expect(",");
            mapValue = qualifiedName();
            expect(">");
            type = null;
        } else {
            type = qualifiedName();
        }
        String name = identifier();
        expect("=");
        field.setName(name).setNumber(integer());
        if (peek("[")) {
            skipUntil("]");
        }
        expect(";");
        if (mapKey != null) {
            // as protoc does: a nested entry message, declared where the map field is
            String entryName = ConnectToProto.camel(name) + "Entry";
            DescriptorProto.Builder entry = DescriptorProto.newBuilder().setName(entryName)
                .setOptions(MessageOptions.newBuilder().setMapEntry(true));
            entry.addField(typed(FieldDescriptorProto.newBuilder().setName("key").setNumber(1)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL), mapKey));
            entry.addField(typed(FieldDescriptorProto.newBuilder().setName("value").setNumber(2)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL), mapValue));
            message.addNestedType(entry);
            field.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED).setTypeName(entryName);
        } else {
            typed(field, type);
        }
        if (proto3Optional) {
            field.setProto3Optional(true);
            fields.add(new PendingField(field, "_" + name, true));
        } else {
            fields.add(new PendingField(field, oneof, false));
        }
    }

    /** Sets a scalar type, or the type name of a message or enum, which the descriptor resolves. */
    private static FieldDescriptorProto.Builder typed(FieldDescriptorProto.Builder field, String type) {
        if (SCALARS.contains(type)) {
            return field.setType(FieldDescriptorProto.Type.valueOf("TYPE_" + type.toUpperCase(java.util.Locale.ROOT)));
        }
        return field.setTypeName(type);
    }

    private EnumDescriptorProto enumeration() {
        EnumDescriptorProto.Builder e = EnumDescriptorProto.newBuilder().setName(identifier());
        expect("{");
        while (!peek("}")) {
            if (peek("option") || peek("reserved")) {
                skipStatement();
                continue;
            }
            if (peek(";")) {
                next();
                continue;
            }
            String name = identifier();
            expect("=");
            int number = integer();
            if (peek("[")) {
                skipUntil("]");
            }
            expect(";");
            e.addValue(EnumValueDescriptorProto.newBuilder().setName(name).setNumber(number));
        }
        expect("}");
        return e.build();
    }

    // ---- tokens ----

    private String qualifiedName() {
        StringBuilder name = new StringBuilder();
        if (peek(".")) {
            name.append(next().text);
        }
        name.append(identifier());
        while (peek(".")) {
            name.append(next().text).append(identifier());
        }
        return name.toString();
    }

    private String identifier() {
        Token t = next();
        char first = t.text.charAt(0);
        if (t.string || !(Character.isLetter(first) || first == '_')) {
            throw error("expected a name but found '" + t.text + "'");
        }
        return t.text;
    }

    private int integer() {
        Token t = next();
        try {
            return Integer.decode(t.text);
        } catch (NumberFormatException e) {
            throw error("expected a number but found '" + t.text + "'");
        }
    }

    private String stringLiteral() {
        Token t = next();
        if (!t.string) {
            throw error("expected a string but found '" + t.text + "'");
        }
        return t.text;
    }

    private void skipStatement() {
        int depth = 0;
        while (true) {
            String t = next().text;
            if (t.equals("{")) {
                depth++;
            } else if (t.equals("}")) {
                depth--;
            } else if (t.equals(";") && depth == 0) {
                return;
            }
        }
    }

    private void skipBlock() {
        skipUntil("{");
        int depth = 1;
        while (depth > 0) {
            String t = next().text;
            if (t.equals("{")) {
                depth++;
            } else if (t.equals("}")) {
                depth--;
            }
        }
    }

    private void skipUntil(String end) {
        while (!next().text.equals(end)) {
            // skipped
        }
    }

    private void expect(String text) {
        Token t = next();
        if (t.string || !t.text.equals(text)) {
            throw error("expected '" + text + "' but found '" + t.text + "'");
        }
    }

    private boolean peek(String text) {
        return !atEnd() && !tokens.get(pos).string && tokens.get(pos).text.equals(text);
    }

    private String peekText() {
        if (atEnd()) {
            throw error("unexpected end of schema");
        }
        return tokens.get(pos).text;
    }

    private Token next() {
        if (atEnd()) {
            throw error("unexpected end of schema");
        }
        return tokens.get(pos++);
    }

    private boolean atEnd() {
        return pos >= tokens.size();
    }

    private DataException error(String message) {
        int line = tokens.isEmpty() ? 1 : tokens.get(Math.max(0, Math.min(pos, tokens.size()) - 1)).line;
        return new DataException("Invalid Protobuf schema, line " + line + ": " + message);
    }

    /** Splits text into names, numbers, strings and punctuation; a line comment is kept on the token after it. */
    private static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        String comment = null;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                comment = text.substring(i + 2, end).strip();
                i = end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new DataException("Invalid Protobuf schema, line " + line + ": unterminated comment");
                }
                line += (int) text.substring(i, end).chars().filter(ch -> ch == '\n').count();
                i = end + 2;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= text.length()) {
                    throw new DataException("Invalid Protobuf schema, line " + line + ": unterminated string");
                }
                out.add(new Token(text.substring(i + 1, end), line, true, comment));
                comment = null;
                i = end + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' && i + 1 < text.length()
                && Character.isDigit(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                    || text.charAt(end) == '.' && Character.isDigit(c))) {
                    end++;
                }
                out.add(new Token(text.substring(i, end), line, false, comment));
                comment = null;
                i = end;
            } else {
                out.add(new Token(String.valueOf(c), line, false, comment));
                comment = null;
                i++;
            }
        }
        return out;
    }
}
