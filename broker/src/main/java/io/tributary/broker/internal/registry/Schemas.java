package io.tributary.broker.internal.registry;

/** Parses schema text by type. */
final class Schemas {
    private Schemas() {
    }

    /**
     * The parsed schema.
     *
     * @throws RegistryException 42201 when the text is not a valid schema of that type
     */
    static ParsedSchema parse(SchemaType type, String text) {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("the schema is empty");
        }
        return switch (type) {
            case AVRO -> AvroSchema.parse(text);
            case JSON -> JsonSchema.parse(text);
            case PROTOBUF -> ProtobufSchema.parse(text);
        };
    }
}
