package io.tributary.connect.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tributary.connect.data.Schema;
import io.tributary.connect.errors.DataException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * JSON text in Kafka Connect's conventions: the parser and printer {@link JsonConverter} uses, and the JSON of
 * Connect schemas and values that the Avro and Protobuf converters embed in their registered schemas (Kafka's
 * defaults: base64 Decimals, nulls replaced by defaults). Stateless and thread-safe.
 */
final class JsonText {
    /** Parses as Kafka's converter does: exact decimals ({@code 1.50} keeps its scale), leading zeros allowed. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
        .build();

    private static final JsonValueWriter WRITER = new JsonValueWriter(JsonDecimalFormat.BASE64, true);
    private static final JsonValueReader READER = new JsonValueReader(true);
    private static final JsonSchemas SCHEMAS = new JsonSchemas(WRITER, READER, 100);

    private JsonText() {
    }

    /** The JSON tree of {@code bytes}. @throws DataException naming the parser's complaint */
    static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new DataException("Converting byte[] to Kafka Connect data failed due to serialization error: "
                + reason, e);
        }
    }

    /** The compact text of a tree. */
    static String print(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new DataException("Cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON text of a value of {@code schema}. */
    static String value(Schema schema, Object value) {
        return print(WRITER.write(schema, value));
    }

    /** The value of {@code schema} in JSON text. @throws DataException if it does not fit */
    static @Nullable Object value(Schema schema, String text) {
        return READER.read(schema, parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The JSON text of a schema, in the form of Kafka Connect's envelope. */
    static String schema(Schema schema) {
        return print(SCHEMAS.toJson(schema));
    }

    /** The schema in JSON text. @throws DataException if it is not a schema */
    static Schema schema(String text) {
        Schema schema = SCHEMAS.toConnect(parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (schema == null) {
            throw new DataException("Expected a Connect schema but found JSON null");
        }
        return schema;
    }
}
