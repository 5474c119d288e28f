package io.tributary.connect.jdbc.internal;

import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ConfigValue;
import io.tributary.connect.config.Validator;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Validators and error plumbing the JDBC connectors' configurations share: checks spanning several keys are
 * collected as errors per key, added to what {@code ConfigDef.validate} reports, or thrown for the first key by
 * {@code parse}. Stateless.
 */
public final class ConfigSupport {
    private ConfigSupport() {
    }

    /** One of {@code allowed}, ignoring case (Confluent's connector accepts {@code UPSERT} as well). */
    public static Validator oneOf(String... allowed) {
        return (name, value) -> {
            if (value == null || !List.of(allowed).contains(value.toString().toLowerCase(Locale.ROOT))) {
                throw new ConfigException(name, value, "Must be one of " + String.join(", ", allowed));
            }
        };
    }

    /** A time zone id such as {@code UTC} or {@code Europe/Berlin}. */
    public static Validator timeZone() {
        return (name, value) -> {
            try {
                ZoneId.of(String.valueOf(value));
            } catch (DateTimeException e) {
                throw new ConfigException(name, value, "Not a time zone id: " + e.getMessage());
            }
        };
    }

    /** Empty (choose by URL) or the name of a known dialect. */
    public static Validator dialectName() {
        return (name, value) -> {
            if (value != null && !value.toString().isEmpty() && !Dialects.names().contains(value.toString())) {
                throw new ConfigException(name, value, "Must be empty or one of " + Dialects.names());
            }
        };
    }

    /** The trimmed value of {@code key}, or {@code fallback} if unset or blank. */
    public static String raw(Map<String, String> props, String key, String fallback) {
        String value = props.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** Adds {@code message} to the errors of {@code key}. */
    public static void addError(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    /** {@code values} with the errors of {@code extra} added to their keys. */
    public static List<ConfigValue> withErrors(List<ConfigValue> values, Map<String, List<String>> extra) {
        List<ConfigValue> out = new ArrayList<>();
        for (ConfigValue value : values) {
            List<String> more = extra.get(value.name());
            if (more == null) {
                out.add(value);
            } else {
                List<String> errors = new ArrayList<>(value.errors());
                errors.addAll(more);
                out.add(new ConfigValue(value.name(), value.value(), value.recommendedValues(), errors,
                    value.visible()));
            }
        }
        return out;
    }

    /** Throws a {@link ConfigException} naming the first key of {@code errors}, if any. */
    public static void throwFirst(Map<String, ?> props, Map<String, List<String>> errors) {
        for (Map.Entry<String, List<String>> e : errors.entrySet()) {
            @Nullable Object value = props.get(e.getKey());
            throw new ConfigException(e.getKey(), value, String.join("; ", e.getValue()));
        }
    }
}
