package io.tributary.broker.internal.registry;

import java.util.Locale;

/** The schema languages the registry understands, under the names the REST API uses. */
public enum SchemaType {
    AVRO,
    PROTOBUF,
    JSON;

    /**
     * The type named in a request; a missing name means Avro, as in the Confluent API.
     *
     * @throws RegistryException 42201 for an unknown name
     */
    static SchemaType named(String name) {
        if (name == null || name.isEmpty()) {
            return AVRO;
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidSchema("Unknown schema type " + name);
        }
    }
}
