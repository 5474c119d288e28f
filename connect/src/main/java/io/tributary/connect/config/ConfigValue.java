package io.tributary.connect.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The validation result of one configuration key: the value given (as a string, null if none), recommended
 * values, and the errors found (empty if valid).
 *
 * @since 0.1
 */
public record ConfigValue(String name, @Nullable String value, List<Object> recommendedValues, List<String> errors,
                          boolean visible) {
    public ConfigValue {
        recommendedValues = List.copyOf(recommendedValues);
        errors = List.copyOf(errors);
    }
}
