package io.tributary.broker.internal.registry;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;

/** An Avro schema; compatibility follows Avro's schema resolution rules as the Avro library implements them. */
final class AvroSchema implements ParsedSchema {
    private final Schema schema;
    private final String canonical;

    private AvroSchema(Schema schema) {
        this.schema = schema;
        this.canonical = schema.toString();
    }

    /**
     * Parses an Avro schema in JSON.
     *
     * @throws RegistryException 42201 with the parser's message when the text is not a valid schema
     */
    static AvroSchema parse(String text) {
        try {
            return new AvroSchema(new Schema.Parser().parse(text));
        } catch (SchemaParseException | NullPointerException e) {
            throw RegistryException.invalidSchema(String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            // the parser reports malformed JSON and bad defaults through several runtime exception types
            throw RegistryException.invalidSchema(e.toString());
        }
    }

    @Override
    public SchemaType type() {
        return SchemaType.AVRO;
    }

    @Override
    public String canonical() {
        return canonical;
    }

    @Override
    public List<String> readErrors(ParsedSchema writer) {
        if (!(writer instanceof AvroSchema w)) {
            return List.of("schema type changed from " + writer.type() + " to AVRO");
        }
        SchemaCompatibility.SchemaPairCompatibility result =
            SchemaCompatibility.checkReaderWriterCompatibility(schema, w.schema);
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        return result.getResult().getIncompatibilities().stream()
            .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
            .toList();
    }
}
