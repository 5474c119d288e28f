package io.tributary.broker.internal.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON Schema document. Compatibility covers the rules that decide most real changes: a reader must accept every
 * type the writer allowed ({@code integer} counts as a {@code number}), may not require properties the writer did not,
 * may not drop properties from a closed ({@code additionalProperties: false}) object, may not narrow an {@code enum}
 * or tighten string lengths and numeric bounds; objects and array items are compared property by property.
 */
final class JsonSchema implements ParsedSchema {
    private static final ObjectMapper JSON = new ObjectMapper()
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final Set<String> TYPES = Set.of("null", "boolean", "object", "array", "number", "integer",
        "string");

    private final JsonNode root;
    private final String canonical;

    private JsonSchema(JsonNode root) throws JsonProcessingException {
        this.root = root;
        // a sorted-key rendering, so that documents differing only in key order or spacing are one schema
        this.canonical = JSON.writeValueAsString(JSON.treeToValue(root, Object.class));
    }

    /**
     * Parses a JSON Schema document.
     *
     * @throws RegistryException 42201 when the text is not JSON, not a schema object or boolean, or names an unknown
     *                           type
     */
    static JsonSchema parse(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !(root.isObject() || root.isBoolean())) {
                throw RegistryException.invalidSchema("a JSON schema is an object or a boolean");
            }
            checkTypes(root, "#");
            return new JsonSchema(root);
        } catch (JsonProcessingException e) {
            throw RegistryException.invalidSchema(e.getOriginalMessage());
        }
    }

    private static void checkTypes(JsonNode node, String path) {
        if (!node.isObject()) {
            return;
        }
        for (String t : types(node)) {
            if (!TYPES.contains(t)) {
                throw RegistryException.invalidSchema("unknown type '" + t + "' at " + path);
            }
        }
        JsonNode props = node.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            checkTypes(e.getValue(), path + "/properties/" + e.getKey());
        }
        checkTypes(node.path("items"), path + "/items");
    }

    @Override
    public SchemaType type() {
        return SchemaType.JSON;
    }

    @Override
    public String canonical() {
        return canonical;
    }

    @Override
    public List<String> readErrors(ParsedSchema writer) {
        if (!(writer instanceof JsonSchema w)) {
            return List.of("schema type changed from " + writer.type() + " to JSON");
        }
        List<String> out = new ArrayList<>();
        compare(root, w.root, "#", out);
        return out;
    }

    /** Adds why data valid under {@code writer} may be invalid under {@code reader}. */
    private static void compare(JsonNode reader, JsonNode writer, String path, List<String> out) {
        if (reader.isBoolean() || writer.isBoolean()) {
            if (reader.isBoolean() && !reader.asBoolean() && !(writer.isBoolean() && !writer.asBoolean())) {
                out.add(path + ": the reader accepts nothing");
            }
            return;
        }
        Set<String> readerTypes = types(reader);
        Set<String> writerTypes = types(writer);
        if (!readerTypes.isEmpty()) {
            for (String t : writerTypes.isEmpty() ? TYPES : writerTypes) {
                boolean accepted = readerTypes.contains(t) || t.equals("integer") && readerTypes.contains("number");
                if (!accepted) {
                    out.add(path + ": type '" + t + "' is no longer accepted");
                }
            }
        }
        compareEnum(reader, writer, path, out);
        compareBound(reader, writer, "maxLength", true, path, out);
        compareBound(reader, writer, "maximum", true, path, out);
        compareBound(reader, writer, "maxItems", true, path, out);
        compareBound(reader, writer, "minLength", false, path, out);
        compareBound(reader, writer, "minimum", false, path, out);
        compareBound(reader, writer, "minItems", false, path, out);
        compareProperties(reader, writer, path, out);
        if (reader.has("items") && writer.has("items")) {
            compare(reader.get("items"), writer.get("items"), path + "/items", out);
        }
    }

    private static void compareProperties(JsonNode reader, JsonNode writer, String path, List<String> out) {
        Set<String> writerRequired = strings(writer.path("required"));
        for (String required : strings(reader.path("required"))) {
            if (!writerRequired.contains(required)) {
                out.add(path + ": property '" + required + "' is now required");
            }
        }
        JsonNode readerProps = reader.path("properties");
        JsonNode writerProps = writer.path("properties");
        boolean readerClosed = reader.path("additionalProperties").isBoolean()
            && !reader.path("additionalProperties").asBoolean();
        for (Iterator<Map.Entry<String, JsonNode>> it = writerProps.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode mine = readerProps.get(e.getKey());
            if (mine != null) {
                compare(mine, e.getValue(), path + "/properties/" + e.getKey(), out);
            } else if (readerClosed) {
                out.add(path + ": property '" + e.getKey() + "' was removed from a closed object");
            }
        }
        boolean writerClosed = writer.path("additionalProperties").isBoolean()
            && !writer.path("additionalProperties").asBoolean();
        if (readerClosed && !writerClosed) {
            out.add(path + ": additional properties are no longer allowed");
        }
    }

    private static void compareEnum(JsonNode reader, JsonNode writer, String path, List<String> out) {
        if (!reader.has("enum")) {
            return;
        }
        if (!writer.has("enum")) {
            out.add(path + ": values are now restricted to an enum");
            return;
        }
        Set<JsonNode> allowed = new HashSet<>();
        reader.get("enum").forEach(allowed::add);
        writer.get("enum").forEach(v -> {
            if (!allowed.contains(v)) {
                out.add(path + ": enum value " + v + " was removed");
            }
        });
    }

    /** An upper bound may not go down (or appear), a lower bound may not go up (or appear). */
    private static void compareBound(JsonNode reader, JsonNode writer, String keyword, boolean upper, String path,
                                     List<String> out) {
        JsonNode r = reader.get(keyword);
        if (r == null || !r.isNumber()) {
            return;
        }
        JsonNode w = writer.get(keyword);
        boolean tighter = w == null || !w.isNumber()
            || (upper ? r.decimalValue().compareTo(w.decimalValue()) < 0
                : r.decimalValue().compareTo(w.decimalValue()) > 0);
        if (tighter) {
            out.add(path + ": " + keyword + " is stricter (" + (w == null ? "none" : w) + " -> " + r + ")");
        }
    }

    private static Set<String> types(JsonNode node) {
        JsonNode type = node.get("type");
        if (type == null) {
            return Set.of();
        }
        return type.isArray() ? strings(type) : Set.of(type.asText());
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
