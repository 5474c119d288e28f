package io.tributary.common;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One record header: a UTF-8 key and an optional byte value. Kafka allows repeated keys; order is kept.
 *
 * <p>The value array is neither copied in nor copied out, so do not modify it after handing it over. Equality
 * compares the value bytes, not the array identity.
 *
 * @param key   the header key, never null
 * @param value the header value, or null
 * @since 0.1
 */
public record Header(String key, byte @Nullable [] value) {
    /** @throws NullPointerException if {@code key} is null */
    public Header {
        requireNonNull(key, "key");
    }

    /** A header whose value is the UTF-8 encoding of {@code value} (null stays null). */
    public static Header of(String key, @Nullable String value) {
        return new Header(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Header h && key.equals(h.key) && Arrays.equals(value, h.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Header(" + key + "=" + (value == null ? "null" : value.length + " bytes") + ")";
    }
}
