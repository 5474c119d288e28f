package io.tributary.serdes.registry;

import io.tributary.serdes.SerializationException;

/**
 * A request the schema registry refused, with its HTTP status and the registry's error code (40401 subject not
 * found, 40403 schema not found, 409 incompatible, 42201 invalid schema, ...).
 *
 * @since 0.1
 */
public final class SchemaRegistryException extends SerializationException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(int status, int errorCode, String message) {
        super("schema registry: " + message + " (HTTP " + status + ", error code " + errorCode + ")");
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }
}
