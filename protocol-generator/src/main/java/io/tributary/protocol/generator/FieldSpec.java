package io.tributary.protocol.generator;

import java.util.List;

/**
 * One field of a message or struct as defined in a {@code .msg} file.
 *
 * @param name       field name in UpperCamelCase, as on the wire schema
 * @param type       the type: a primitive name, a struct name, or {@code []} followed by either
 * @param versions   versions in which the field is present
 * @param nullable   versions in which it may be null
 * @param tag        tag number when the field is tagged, else {@code -1}
 * @param tagged     versions in which it is tagged
 * @param defaultValue default value text, or {@code null} for the type's natural default
 * @param flexibleOverride versions in which the field uses compact encoding when it differs from the message
 * @param fields     the fields of an inline struct type, else empty
 */
record FieldSpec(String name, String type, Versions versions, Versions nullable, int tag, Versions tagged,
                 String defaultValue, Versions flexibleOverride, List<FieldSpec> fields) {

    boolean isArray() {
        return type.startsWith("[]");
    }

    /** The element type of an array, or the type itself. */
    String elementType() {
        return isArray() ? type.substring(2) : type;
    }

    boolean isTagged() {
        return tag >= 0;
    }

    boolean isStruct() {
        return !Primitive.isPrimitive(elementType());
    }
}
