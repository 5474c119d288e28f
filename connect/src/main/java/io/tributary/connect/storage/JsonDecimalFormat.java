package io.tributary.connect.storage;

/**
 * How {@link JsonConverter} writes Decimal values ({@code decimal.format}); either is read back.
 *
 * @since 0.1
 */
public enum JsonDecimalFormat {
    /** A JSON string holding the base64 of the unscaled value's two's-complement bytes (the default). */
    BASE64,
    /** A JSON number, such as {@code 12.30}. */
    NUMERIC
}
