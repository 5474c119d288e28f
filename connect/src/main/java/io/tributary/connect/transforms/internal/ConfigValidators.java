package io.tributary.connect.transforms.internal;

import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.Validator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/** Validators of transform and predicate settings beyond those {@link Validator} offers. Stateless. */
public final class ConfigValidators {
    private ConfigValidators() {
    }

    /** A list with at least one element. */
    public static Validator nonEmptyList() {
        return new Validator() {
            @Override
            public void ensureValid(String name, @Nullable Object value) {
                if (!(value instanceof List<?> list) || list.isEmpty()) {
                    throw new ConfigException(name, value, "Empty list");
                }
            }

            @Override
            public String toString() {
                return "non-empty list";
            }
        };
    }

    /** Null (unset) or a non-empty string. */
    public static Validator nullOrNonEmpty() {
        return new Validator() {
            @Override
            public void ensureValid(String name, @Nullable Object value) {
                if (value != null && value.toString().isEmpty()) {
                    throw new ConfigException(name, value, "String must be non-empty");
                }
            }

            @Override
            public String toString() {
                return "non-empty string";
            }
        };
    }

    /** A string that compiles as a {@link Pattern}. */
    public static Validator regex() {
        return new Validator() {
            @Override
            public void ensureValid(String name, @Nullable Object value) {
                if (value == null) {
                    throw new ConfigException(name, null, "Invalid regex: none given");
                }
                try {
                    Pattern.compile(value.toString());
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(name, value, "Invalid regex: " + e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "valid regex";
            }
        };
    }

    /** One of {@code allowed}, ignoring case. */
    public static Validator oneOfIgnoringCase(String... allowed) {
        List<String> values = Arrays.asList(allowed);
        return new Validator() {
            @Override
            public void ensureValid(String name, @Nullable Object value) {
                String given = value == null ? null : value.toString().toUpperCase(Locale.ROOT);
                if (values.stream().noneMatch(v -> v.toUpperCase(Locale.ROOT).equals(given))) {
                    throw new ConfigException(name, value, "String must be one of (case insensitive): "
                        + String.join(", ", values));
                }
            }

            @Override
            public String toString() {
                return "(case insensitive) " + values;
            }
        };
    }

    /** Every one of {@code validators}, in order. */
    public static Validator all(Validator... validators) {
        List<Validator> all = List.of(validators);
        return new Validator() {
            @Override
            public void ensureValid(String name, @Nullable Object value) {
                for (Validator v : all) {
                    v.ensureValid(name, value);
                }
            }

            @Override
            public String toString() {
                return all.toString();
            }
        };
    }
}
