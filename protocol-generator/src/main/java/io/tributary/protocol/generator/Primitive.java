package io.tributary.protocol.generator;

import java.util.Map;

/** The wire's scalar and variable-length types, with their Java representation. */
enum Primitive {
    BOOL("bool", "boolean", "Boolean", "false"),
    INT8("int8", "byte", "Byte", "(byte) 0"),
    INT16("int16", "short", "Short", "(short) 0"),
    UINT16("uint16", "int", "Integer", "0"),
    INT32("int32", "int", "Integer", "0"),
    UINT32("uint32", "long", "Long", "0L"),
    INT64("int64", "long", "Long", "0L"),
    FLOAT64("float64", "double", "Double", "0.0"),
    STRING("string", "String", "String", "\"\""),
    BYTES("bytes", "byte[]", "byte[]", "Wire.EMPTY_BYTES"),
    RECORDS("records", "ByteBuf", "ByteBuf", "null"),
    UUID("uuid", "UUID", "UUID", "Wire.ZERO_UUID");

    private static final Map<String, Primitive> BY_NAME = Map.ofEntries(
        Map.entry("bool", BOOL), Map.entry("int8", INT8), Map.entry("int16", INT16), Map.entry("uint16", UINT16),
        Map.entry("int32", INT32), Map.entry("uint32", UINT32), Map.entry("int64", INT64),
        Map.entry("float64", FLOAT64), Map.entry("string", STRING), Map.entry("bytes", BYTES),
        Map.entry("records", RECORDS), Map.entry("uuid", UUID));

    final String wireName;
    final String javaType;
    final String boxedType;
    final String naturalDefault;

    Primitive(String wireName, String javaType, String boxedType, String naturalDefault) {
        this.wireName = wireName;
        this.javaType = javaType;
        this.boxedType = boxedType;
        this.naturalDefault = naturalDefault;
    }

    static boolean isPrimitive(String name) {
        return BY_NAME.containsKey(name);
    }

    static Primitive of(String name) {
        Primitive p = BY_NAME.get(name);
        if (p == null) {
            throw new IllegalArgumentException("not a primitive type: " + name);
        }
        return p;
    }

    boolean isScalar() {
        return this != STRING && this != BYTES && this != RECORDS && this != UUID;
    }

    /** Java literal for a default written in a definition ({@code -1}, {@code 0x7fffffff}, {@code true}). */
    String literal(String text) {
        if (text == null) {
            return naturalDefault;
        }
        return switch (this) {
            case BOOL -> Boolean.toString(Boolean.parseBoolean(text));
            case INT8 -> "(byte) " + Long.decode(text);
            case INT16 -> "(short) " + Long.decode(text);
            case UINT16, INT32 -> Long.toString(Long.decode(text));
            case UINT32, INT64 -> Long.decode(text) + "L";
            case FLOAT64 -> Double.toString(Double.parseDouble(text));
            case STRING -> text.equals("null") ? "null" : text.equals("\"\"") ? "\"\"" : '"' + text + '"';
            case BYTES, RECORDS -> text.equals("null") ? "null" : naturalDefault;
            case UUID -> naturalDefault;
        };
    }
}
