package io.tributary.connect.config;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks a parsed configuration value; throws {@link ConfigException} naming the key if it is not acceptable.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Validator {
    /**
     * @param name  the key
     * @param value the parsed value, null if unset and without default
     */
    void ensureValid(String name, @Nullable Object value);

    /** A number at least {@code min}. */
    static Validator atLeast(Number min) {
        return between(min, null);
    }

    /** A number within the bounds given (either may be null for none). */
    static Validator between(@Nullable Number min, @Nullable Number max) {
        return new Validator() {
            @Override
            public void ensureValid(String name, @Nullable Object value) {
                if (value == null) {
                    throw new ConfigException(name, null, "Value must be non-null");
                }
                double n = ((Number) value).doubleValue();
                if (min != null && n < min.doubleValue()) {
                    throw new ConfigException(name, value, "Value must be at least " + min);
                }
                if (max != null && n > max.doubleValue()) {
                    throw new ConfigException(name, value, "Value must be no more than " + max);
                }
            }

            @Override
            public String toString() {
                return min == null ? "[...," + max + "]" : max == null ? "[" + min + ",...]" : "[" + min + ",...,"
                    + max + "]";
            }
        };
    }

    /** One of the strings given (case-sensitive). */
    static Validator in(String... allowed) {
        List<String> values = Arrays.asList(allowed);
        return new Validator() {
            @Override
            public void ensureValid(String name, @Nullable Object value) {
                if (!values.contains(value)) {
                    throw new ConfigException(name, value, "String must be one of: " + String.join(", ", values));
                }
            }

            @Override
            public String toString() {
                return values.toString();
            }
        };
    }

    /** A non-empty string. */
    static Validator nonEmptyString() {
        return new Validator() {
            @Override
            public void ensureValid(String name, @Nullable Object value) {
                if (value == null || value.toString().isEmpty()) {
                    throw new ConfigException(name, value, "String must be non-empty");
                }
            }

            @Override
            public String toString() {
                return "non-empty string";
            }
        };
    }
}
