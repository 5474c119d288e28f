package io.tributary.broker.internal.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parser for the parts of the {@code .proto} language (proto2 and proto3) that define data: {@code syntax},
 * {@code package}, messages (nested, with fields, maps, oneofs, reserved ranges), enums. Imports, options, services
 * and extensions are read and skipped. Not thread-safe; one parser per text.
 */
final class ProtoParser {
    private final List<Token> tokens;
    private int pos;
    private String packageName = "";
    private String syntax = "proto2";
    private final Map<String, ProtoFile.Message> messages = new LinkedHashMap<>();
    private final Map<String, ProtoFile.ProtoEnum> enums = new LinkedHashMap<>();

    private record Token(String text, int line, boolean string) {
    }

    private ProtoParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses a {@code .proto} file.
     *
     * @throws RegistryException 42201 naming the line of the first error
     */
    static ProtoFile parse(String text) {
        ProtoParser p = new ProtoParser(tokenize(text));
        p.file();
        if (p.messages.isEmpty()) {
            throw RegistryException.invalidSchema("a Protobuf schema needs at least one message");
        }
        return new ProtoFile(p.syntax, p.packageName, Map.copyOf(p.messages), Map.copyOf(p.enums));
    }

    private void file() {
        while (!atEnd()) {
            String word = next().text;
            switch (word) {
                case "syntax", "edition" -> {
                    expect("=");
                    syntax = stringLiteral();
                    expect(";");
                }
                case "package" -> {
                    packageName = qualifiedName();
                    expect(";");
                }
                case "import", "option" -> skipStatement();
                case "message" -> message(prefix(packageName));
                case "enum" -> enumeration(prefix(packageName));
                case "service", "extend" -> skipBlock();
                case ";" -> {
                }
                default -> throw error("unexpected '" + word + "'");
            }
        }
    }

    private void message(String scope) {
        String name = identifier();
        String fullName = scope + name;
        expect("{");
        Map<Integer, ProtoFile.Field> fields = new LinkedHashMap<>();
        messages.put(fullName, new ProtoFile.Message(fullName, fields));
        body(fullName, fields, null);
    }

    /** The statements of a message or oneof body up to its closing brace. */
    private void body(String fullName, Map<Integer, ProtoFile.Field> fields, @Nullable String oneof) {
        while (!peek("}")) {
            String word = peekText();
            switch (word) {
                case "message" -> {
                    next();
                    message(fullName + ".");
                }
                case "enum" -> {
                    next();
                    enumeration(fullName + ".");
                }
                case "oneof" -> {
                    next();
                    String name = identifier();
                    expect("{");
                    body(fullName, fields, name);
                }
                case "option", "reserved", "extensions" -> skipStatement();
                case "extend" -> skipBlock();
                case ";" -> next();
                default -> field(fields, oneof);
            }
        }
        expect("}");
    }

    private void field(Map<Integer, ProtoFile.Field> fields, @Nullable String oneof) {
        String label = "";
        if (peek("repeated") || peek("optional") || peek("required")) {
            label = next().text;
        }
        String type;
        if (peek("map")) {
            next();
            expect("<");
            String key = qualifiedName();
            expect(",");
            String value = qualifiedName();
            expect(">");
            type = "map<" + key + "," + value + ">";
        } else {
            type = qualifiedName();
        }
        String name = identifier();
        expect("=");
        int number = integer();
        if (peek("[")) {
            skipUntil("]");
        }
        expect(";");
        if (fields.put(number, new ProtoFile.Field(name, number, label, type, oneof)) != null) {
            throw error("field number " + number + " is used twice");
        }
    }

    private void enumeration(String scope) {
        String fullName = scope + identifier();
        expect("{");
        Map<Integer, String> values = new LinkedHashMap<>();
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
            values.putIfAbsent(number, name);
        }
        expect("}");
        enums.put(fullName, new ProtoFile.ProtoEnum(fullName, values));
    }

    // ---- token helpers ----

    private static String prefix(String packageName) {
        return packageName.isEmpty() ? "" : packageName + ".";
    }

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
        if (t.string || !Character.isJavaIdentifierStart(t.text.charAt(0))) {
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
            // skip
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

    private RegistryException error(String message) {
        int line = tokens.isEmpty() ? 1 : tokens.get(Math.min(pos, tokens.size()) - (pos > 0 ? 1 : 0)).line;
        return RegistryException.invalidSchema("line " + line + ": " + message);
    }

    private static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw RegistryException.invalidSchema("line " + line + ": unterminated comment");
                }
                line += (int) text.substring(i, end).chars().filter(ch -> ch == '\n').count();
                i = end + 2;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= text.length()) {
                    throw RegistryException.invalidSchema("line " + line + ": unterminated string");
                }
                out.add(new Token(text.substring(i + 1, end), line, true));
                i = end + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' && i + 1 < text.length()
                && Character.isDigit(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end))
                    || text.charAt(end) == '_')) {
                    end++;
                }
                out.add(new Token(text.substring(i, end), line, false));
                i = end;
            } else {
                out.add(new Token(String.valueOf(c), line, false));
                i++;
            }
        }
        return out;
    }
}
