package io.tributary.connect.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.config.Validator;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.errors.DataException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts between Connect data and JSON, byte-compatible with Kafka Connect's
 * {@code org.apache.kafka.connect.json.JsonConverter}: either side reads what the other writes.
 *
 * <p>With {@value #SCHEMAS_ENABLE_CONFIG} (the default) each record is an envelope
 * {@code {"schema": ..., "payload": ...}} whose schema uses Kafka's JSON form; without it the record is the bare
 * payload and reading infers the value from the JSON (objects as maps with string keys, arrays as lists, integral
 * numbers as {@link Long}, other numbers as {@link Double}). Logical types are written as their stored form: Date and
 * Time as int32 numbers, Timestamp as an int64 number, Decimal per {@value #DECIMAL_FORMAT_CONFIG}. Maps whose keys
 * are not strings are written as arrays of {@code [key, value]} pairs. A null schema with a null value is a
 * tombstone (null bytes); null bytes read as {@link SchemaAndValue#NULL}.
 *
 * <p>Settings, with Kafka's names and defaults:
 * <ul>
 *   <li>{@value #SCHEMAS_ENABLE_CONFIG} (true): write and expect the schema envelope.</li>
 *   <li>{@value #DECIMAL_FORMAT_CONFIG} ({@code BASE64}, case-insensitive): {@link JsonDecimalFormat}.</li>
 *   <li>{@value #REPLACE_NULL_WITH_DEFAULT_CONFIG} (true): a null value of a schema with a default is written and
 *       read as the default; when false it stays null (and fails if the schema is required).</li>
 *   <li>{@value #SCHEMAS_CACHE_SIZE_CONFIG} (1000): how many translated schemas each direction keeps.</li>
 *   <li>{@value #SCHEMA_CONTENT_CONFIG} (none): a JSON schema used for every record read, which is then the bare
 *       payload (only with schemas enabled).</li>
 * </ul>
 *
 * <p>Deliberate differences from Kafka's converter: reading is strict where Kafka reads garbage (a JSON value of the
 * wrong kind for its schema type, an integer out of range or with a fraction, a Decimal number that would need
 * rounding to the schema's scale, which Kafka reads as false, zero, an empty list, a truncated number or a decimal of
 * another scale); a struct default in a JSON schema is accepted (Kafka fails on it); floating-point values read the
 * strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, which is how those values are written, as
 * themselves (Kafka reads 0). A NUMERIC Decimal must have the schema's scale, as a BASE64 one must; a
 * {@link java.nio.ByteBuffer} contributes its remaining bytes rather than its whole backing array; a bad
 * {@value #SCHEMA_CONTENT_CONFIG} is a {@link io.tributary.connect.config.ConfigException}.
 *
 * <p>Also a {@link HeaderConverter}, configured as for values (under {@code header.converter.}). Configure once
 * before use; afterwards thread-safe.
 *
 * @since 0.1
 */
public final class JsonConverter implements DataConverterForHeaders {
    /** Whether records carry the schema envelope. */
    public static final String SCHEMAS_ENABLE_CONFIG = "schemas.enable";
    /** How Decimal values are written: {@code BASE64} or {@code NUMERIC}. */
    public static final String DECIMAL_FORMAT_CONFIG = "decimal.format";
    /** Whether a null value of a schema with a default becomes the default. */
    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";
    /** How many translated schemas are cached in each direction. */
    public static final String SCHEMAS_CACHE_SIZE_CONFIG = "schemas.cache.size";
    /** A fixed JSON schema for every record read. */
    public static final String SCHEMA_CONTENT_CONFIG = "schema.content";

    private static final String ENVELOPE_SCHEMA = "schema";
    private static final String ENVELOPE_PAYLOAD = "payload";

    private volatile State state = State.of(true, JsonDecimalFormat.BASE64, true, 1000, null);

    /** What {@link #configure} decides; replaced as a whole so no call sees half a configuration. */
    private record State(boolean schemasEnabled, JsonValueWriter writer, JsonValueReader reader, JsonSchemas schemas,
                         @Nullable Schema fixedSchema) {
        static State of(boolean schemasEnabled, JsonDecimalFormat decimalFormat, boolean replaceNullWithDefault,
                        int cacheSize, @Nullable String fixedSchema) {
            JsonValueWriter writer = new JsonValueWriter(decimalFormat, replaceNullWithDefault);
            JsonValueReader reader = new JsonValueReader(replaceNullWithDefault);
            JsonSchemas schemas = new JsonSchemas(writer, reader, cacheSize);
            return new State(schemasEnabled, writer, reader, schemas,
                fixedSchema == null || fixedSchema.isEmpty() ? null : parseFixedSchema(schemas, fixedSchema));
        }
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(SCHEMAS_ENABLE_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.HIGH,
                "Include schemas within each of the serialized values and keys.")
            .define(SCHEMAS_CACHE_SIZE_CONFIG, ConfigDef.Type.INT, 1000, Validator.atLeast(0),
                ConfigDef.Importance.HIGH, "The maximum number of schemas that can be cached in this converter.")
            .define(DECIMAL_FORMAT_CONFIG, ConfigDef.Type.STRING, JsonDecimalFormat.BASE64.name(),
                JsonConverter::validateDecimalFormat, ConfigDef.Importance.LOW,
                "How Decimal values are written: BASE64 (default) or NUMERIC, case-insensitive.")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                "Whether a null value of a schema with a default is replaced by the default.")
            .define(SCHEMA_CONTENT_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                "A JSON schema used for every record read, whose bytes are then the bare payload; only with "
                    + SCHEMAS_ENABLE_CONFIG + "=true.");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        ParsedConfig parsed = config().parse(configs);
        state = State.of(parsed.getBoolean(SCHEMAS_ENABLE_CONFIG),
            JsonDecimalFormat.valueOf(parsed.getString(DECIMAL_FORMAT_CONFIG).toUpperCase(Locale.ROOT)),
            parsed.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG),
            parsed.getInt(SCHEMAS_CACHE_SIZE_CONFIG),
            parsed.getString(SCHEMA_CONTENT_CONFIG));
    }

    /**
     * The JSON of a value: the envelope, or the bare payload without schemas; null for a null schema and value.
     *
     * @throws DataException if the value does not fit the schema
     */
    @Override
    public byte @Nullable [] fromConnectData(String topic, @Nullable Schema schema, @Nullable Object value) {
        if (schema == null && value == null) {
            return null;
        }
        State s = state;
        JsonNode payload = s.writer.write(schema, value);
        JsonNode json = payload;
        if (s.schemasEnabled) {
            ObjectNode envelope = JsonValueWriter.NODES.objectNode();
            envelope.set(ENVELOPE_SCHEMA, s.schemas.toJson(schema));
            envelope.set(ENVELOPE_PAYLOAD, payload);
            json = envelope;
        }
        try {
            return JsonText.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new DataException("Converting Kafka Connect data to byte[] failed due to serialization error: "
                + e.getOriginalMessage(), e);
        }
    }

    /**
     * The Connect data of JSON bytes; {@link SchemaAndValue#NULL} for null.
     *
     * @throws DataException if the bytes are not JSON, lack the envelope while schemas are enabled, or do not fit
     *                       their schema
     */
    @Override
    public SchemaAndValue toConnectData(String topic, byte @Nullable [] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        JsonNode json = JsonText.parse(value);
        State s = state;
        if (!s.schemasEnabled) {
            return new SchemaAndValue(null, s.reader.read(null, json));
        }
        if (s.fixedSchema != null) {
            return new SchemaAndValue(s.fixedSchema, s.reader.read(s.fixedSchema, json));
        }
        if (!json.isObject() || json.size() != 2 || !json.has(ENVELOPE_SCHEMA) || !json.has(ENVELOPE_PAYLOAD)) {
            throw new DataException("JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and "
                + "may not contain additional fields. If you are trying to deserialize plain JSON data, set "
                + "schemas.enable=false in your converter configuration.");
        }
        Schema schema = s.schemas.toConnect(json.get(ENVELOPE_SCHEMA));
        return new SchemaAndValue(schema, s.reader.read(schema, json.get(ENVELOPE_PAYLOAD)));
    }

    private static Schema parseFixedSchema(JsonSchemas schemas, String content) {
        try {
            Schema schema = schemas.toConnect(JsonText.parse(content.getBytes(StandardCharsets.UTF_8)));
            if (schema == null) {
                throw new DataException("the schema is JSON null");
            }
            return schema;
        } catch (DataException e) {
            throw new ConfigException(SCHEMA_CONTENT_CONFIG, content, e.getMessage());
        }
    }

    private static void validateDecimalFormat(String name, @Nullable Object value) {
        for (JsonDecimalFormat format : JsonDecimalFormat.values()) {
            if (format.name().equalsIgnoreCase(String.valueOf(value))) {
                return;
            }
        }
        throw new ConfigException(name, value, "String must be one of (case insensitive): BASE64, NUMERIC");
    }
}
