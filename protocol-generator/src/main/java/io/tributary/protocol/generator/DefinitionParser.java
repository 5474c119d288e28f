package io.tributary.protocol.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Tributary's message definition format. A file holds one or more messages separated by blank lines:
 *
 * <pre>
 * request Produce key=0 versions=3-13 flexible=9+
 *   TransactionalId string v=3+ null=3+ default=null
 *   TopicData []TopicProduceData
 *     Name string v=0-12
 *   struct LeaderIdAndEpoch
 *     LeaderId int32 default=-1
 * </pre>
 *
 * Indentation (two spaces a level) nests struct fields under their field; {@code struct X} declares a named struct
 * that fields of the message may use as type {@code X} or {@code []X}. Field attributes: {@code v=} versions
 * (default all), {@code null=} nullable versions, {@code tag=} tag number, {@code tagged=} tagged versions (default
 * the field's versions), {@code default=} default value, {@code flexible=} field-level flexible versions.
 * {@code #} starts a comment line.
 */
final class DefinitionParser {
    private final String source;
    private final List<String> lines;
    private int index;

    private DefinitionParser(String source, List<String> lines) {
        this.source = source;
        this.lines = lines;
    }

    static List<MessageSpec> parse(String source, String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            kept.add(stripped.isEmpty() || stripped.startsWith("#") ? "" : line.stripTrailing());
        }
        return new DefinitionParser(source, kept).messages();
    }

    private List<MessageSpec> messages() {
        List<MessageSpec> out = new ArrayList<>();
        while (index < lines.size()) {
            String line = lines.get(index);
            if (line.isEmpty()) {
                index++;
                continue;
            }
            if (indent(line) != 0) {
                throw error("expected a message header");
            }
            out.add(message(line));
        }
        return out;
    }

    private MessageSpec message(String header) {
        String[] words = header.trim().split("\\s+");
        if (words.length < 2) {
            throw error("a message header needs a kind and a name");
        }
        String kind = words[0];
        if (!List.of("request", "response", "header", "data").contains(kind)) {
            throw error("unknown message kind '" + kind + "'");
        }
        Map<String, String> attrs = attributes(words, 2);
        int apiKey = attrs.containsKey("key") ? Integer.parseInt(attrs.remove("key")) : -1;
        if ((kind.equals("request") || kind.equals("response")) && apiKey < 0) {
            throw error(kind + " " + words[1] + " needs key=");
        }
        Versions versions = Versions.parse(require(attrs, "versions"));
        Versions flexible = Versions.parse(attrs.getOrDefault("flexible", "none"));
        attrs.remove("flexible");
        if (!attrs.isEmpty()) {
            throw error("unknown message attributes " + attrs.keySet());
        }
        index++;
        List<FieldSpec> fields = new ArrayList<>();
        Map<String, List<FieldSpec>> structs = new LinkedHashMap<>();
        while (index < lines.size() && !lines.get(index).isEmpty() && indent(lines.get(index)) == 2) {
            String line = lines.get(index).trim();
            if (line.startsWith("struct ")) {
                String name = line.substring(7).trim();
                index++;
                structs.put(name, fields(4));
            } else {
                fields.add(field(2));
            }
        }
        return new MessageSpec(kind, words[1], apiKey, versions, flexible, fields, structs, source);
    }

    private List<FieldSpec> fields(int level) {
        List<FieldSpec> out = new ArrayList<>();
        while (index < lines.size() && !lines.get(index).isEmpty() && indent(lines.get(index)) == level) {
            out.add(field(level));
        }
        return out;
    }

    private FieldSpec field(int level) {
        String[] words = lines.get(index).trim().split("\\s+");
        if (words.length < 2) {
            throw error("a field needs a name and a type");
        }
        Map<String, String> attrs = attributes(words, 2);
        index++;
        List<FieldSpec> children = index < lines.size() && !lines.get(index).isEmpty()
            && indent(lines.get(index)) > level ? fields(level + 2) : List.of();
        Versions versions = Versions.parse(attrs.getOrDefault("v", "0+"));
        int tag = attrs.containsKey("tag") ? Integer.parseInt(attrs.get("tag")) : -1;
        FieldSpec field = new FieldSpec(words[0], words[1], versions,
            Versions.parse(attrs.getOrDefault("null", "none")), tag,
            tag < 0 ? Versions.NONE : Versions.parse(attrs.getOrDefault("tagged", versions.toString())),
            attrs.get("default"),
            attrs.containsKey("flexible") ? Versions.parse(attrs.get("flexible")) : null, children);
        for (String key : attrs.keySet()) {
            if (!List.of("v", "null", "tag", "tagged", "default", "flexible").contains(key)) {
                throw error("unknown field attribute '" + key + "'");
            }
        }
        return field;
    }

    private Map<String, String> attributes(String[] words, int from) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = from; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw error("expected name=value, found '" + words[i] + "'");
            }
            out.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        return out;
    }

    private String require(Map<String, String> attrs, String key) {
        String value = attrs.remove(key);
        if (value == null) {
            throw error("missing " + key + "=");
        }
        return value;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(source + ":" + (index + 1) + ": " + message);
    }
}
