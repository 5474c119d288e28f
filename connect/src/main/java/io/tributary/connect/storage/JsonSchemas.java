package io.tributary.connect.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.errors.DataException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Translates Connect schemas to and from the JSON form of Kafka Connect's schema envelope: {@code type} (Kafka's
 * names: {@code float} and {@code double} for the floating-point types), {@code optional}, {@code name},
 * {@code version}, {@code doc}, {@code parameters}, {@code default}, and per type {@code items}, {@code keys} and
 * {@code values}, or {@code fields} (each a schema with its {@code field} name). Both directions keep recent answers
 * in bounded caches. Thread-safe.
 */
final class JsonSchemas {
    static final String TYPE = "type";
    static final String OPTIONAL = "optional";
    static final String NAME = "name";
    static final String VERSION = "version";
    static final String DOC = "doc";
    static final String PARAMETERS = "parameters";
    static final String DEFAULT = "default";
    static final String ITEMS = "items";
    static final String KEYS = "keys";
    static final String VALUES = "values";
    static final String FIELDS = "fields";
    static final String FIELD = "field";

    private final JsonValueWriter writer;
    private final JsonValueReader reader;
    private final LruCache<Schema, ObjectNode> toJson;
    private final LruCache<JsonNode, Schema> toConnect;

    JsonSchemas(JsonValueWriter writer, JsonValueReader reader, int cacheSize) {
        this.writer = writer;
        this.reader = reader;
        this.toJson = new LruCache<>(cacheSize);
        this.toConnect = new LruCache<>(cacheSize);
    }

    /** Kafka's JSON name of a schema type. */
    static String typeName(Schema.Type type) {
        return switch (type) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            default -> type.jsonName();
        };
    }

    /** The JSON schema of {@code schema}; null for null. Callers must not modify the answer, which is shared. */
    @Nullable ObjectNode toJson(@Nullable Schema schema) {
        if (schema == null) {
            return null;
        }
        ObjectNode cached = toJson.get(schema);
        if (cached != null) {
            return cached;
        }
        ObjectNode json = JsonValueWriter.NODES.objectNode().put(TYPE, typeName(schema.type()));
        switch (schema.type()) {
            case ARRAY -> json.set(ITEMS, toJson(schema.valueSchema()));
            case MAP -> {
                json.set(KEYS, toJson(schema.keySchema()));
                json.set(VALUES, toJson(schema.valueSchema()));
            }
            case STRUCT -> {
                ArrayNode fields = json.putArray(FIELDS);
                for (Field field : schema.fields()) {
                    fields.add(toJson(field.schema()).deepCopy().put(FIELD, field.name()));
                }
            }
            default -> {
                // a primitive: its type says it all
            }
        }
        json.put(OPTIONAL, schema.isOptional());
        if (schema.name() != null) {
            json.put(NAME, schema.name());
        }
        if (schema.version() != null) {
            json.put(VERSION, schema.version());
        }
        if (schema.doc() != null) {
            json.put(DOC, schema.doc());
        }
        if (!schema.parameters().isEmpty()) {
            ObjectNode parameters = json.putObject(PARAMETERS);
            schema.parameters().forEach(parameters::put);
        }
        if (schema.defaultValue() != null) {
            json.set(DEFAULT, writer.write(schema, schema.defaultValue()));
        }
        toJson.put(schema, json);
        return json;
    }

    /**
     * The Connect schema of a JSON schema; null for JSON null.
     *
     * @throws DataException if it is not a valid schema (no type, an unknown type, a container without its parts,
     *                       a parameter that is not a string, a default that does not fit)
     */
    @Nullable Schema toConnect(JsonNode json) {
        if (json.isNull()) {
            return null;
        }
        Schema cached = toConnect.get(json);
        if (cached != null) {
            return cached;
        }
        JsonNode typeNode = json.get(TYPE);
        if (typeNode == null || !typeNode.isTextual()) {
            throw new DataException("Schema must contain 'type' field");
        }
        SchemaBuilder builder = switch (typeNode.textValue()) {
            case "boolean" -> SchemaBuilder.bool();
            case "int8" -> SchemaBuilder.int8();
            case "int16" -> SchemaBuilder.int16();
            case "int32" -> SchemaBuilder.int32();
            case "int64" -> SchemaBuilder.int64();
            case "float" -> SchemaBuilder.float32();
            case "double" -> SchemaBuilder.float64();
            case "bytes" -> SchemaBuilder.bytes();
            case "string" -> SchemaBuilder.string();
            case "array" -> SchemaBuilder.array(part(json, ITEMS, "Array schema did not specify the element type"));
            case "map" -> SchemaBuilder.map(part(json, KEYS, "Map schema did not specify the key type"),
                part(json, VALUES, "Map schema did not specify the value type"));
            case "struct" -> struct(json.get(FIELDS));
            default -> throw new DataException("Unknown schema type: " + typeNode.textValue());
        };
        JsonNode optional = json.get(OPTIONAL);
        if (optional != null && optional.isBoolean() && optional.booleanValue()) {
            builder.optional();
        }
        JsonNode name = json.get(NAME);
        if (name != null && name.isTextual()) {
            builder.name(name.textValue());
        }
        JsonNode version = json.get(VERSION);
        if (version != null && version.isIntegralNumber()) {
            builder.version(version.intValue());
        }
        JsonNode doc = json.get(DOC);
        if (doc != null && doc.isTextual()) {
            builder.doc(doc.textValue());
        }
        JsonNode parameters = json.get(PARAMETERS);
        if (parameters != null && parameters.isObject()) {
            for (Map.Entry<String, JsonNode> e : parameters.properties()) {
                if (!e.getValue().isTextual()) {
                    throw new DataException("Schema parameters must have string values.");
                }
                builder.parameter(e.getKey(), e.getValue().textValue());
            }
        }
        JsonNode defaultNode = json.get(DEFAULT);
        if (defaultNode != null) {
            // the default is read as a value of the schema built so far, which is the schema without its default
            builder.defaultValue(reader.read(builder.build(), defaultNode));
        }
        Schema schema = builder.build();
        toConnect.put(json, schema);
        return schema;
    }

    private Schema part(JsonNode json, String key, String missing) {
        JsonNode part = json.get(key);
        Schema schema = part == null ? null : toConnect(part);
        if (schema == null) {
            throw new DataException(missing);
        }
        return schema;
    }

    private SchemaBuilder struct(@Nullable JsonNode fields) {
        if (fields == null || !fields.isArray()) {
            throw new DataException("Struct schema's \"fields\" argument is not an array.");
        }
        SchemaBuilder builder = SchemaBuilder.struct();
        for (JsonNode field : fields) {
            JsonNode name = field.get(FIELD);
            if (name == null || !name.isTextual()) {
                throw new DataException("Struct schema's field name not specified properly");
            }
            Schema fieldSchema = toConnect(field);
            if (fieldSchema == null) {
                throw new DataException("Struct schema's field " + name.textValue() + " has no schema");
            }
            builder.field(name.textValue(), fieldSchema);
        }
        return builder;
    }
}
