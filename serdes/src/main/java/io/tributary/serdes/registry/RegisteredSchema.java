package io.tributary.serdes.registry;

/**
 * A schema as the registry holds it.
 *
 * @param id     the global schema id
 * @param type   {@code AVRO}, {@code PROTOBUF} or {@code JSON}
 * @param schema the schema text
 * @since 0.1
 */
public record RegisteredSchema(int id, String type, String schema) {
}
