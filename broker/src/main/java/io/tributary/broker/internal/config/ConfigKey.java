package io.tributary.broker.internal.config;

import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One configuration: its Kafka name, type, default (as text, or {@code null} for none), a check on parsed values
 * with the message shown when it fails, and a one-line description. Immutable.
 *
 * @param name         Kafka's name of the configuration
 * @param type         value type
 * @param defaultValue default as text; {@code null} when there is none
 * @param check        accepts valid parsed values
 * @param requirement  what {@code check} requires, for error messages (e.g. "at least 1")
 * @param doc          short description returned by DescribeConfigs
 * @param effective    whether Tributary acts on it; {@code false} for Kafka settings accepted for compatibility
 */
public record ConfigKey(String name, ConfigType type, @Nullable String defaultValue, Predicate<Object> check,
                        String requirement, String doc, boolean effective) {

    /** Parses and checks {@code text}, failing with a message that names this key. */
    public Object parse(String text) {
        Object value;
        try {
            value = type.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, text, "not a valid " + type.name().toLowerCase());
        }
        if (!check.test(value)) {
            throw new ConfigException(name, text, "must be " + requirement);
        }
        return value;
    }
}
