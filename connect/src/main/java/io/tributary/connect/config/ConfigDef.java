package io.tributary.connect.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The configuration a connector, task, converter or transform accepts: typed keys with defaults, validators,
 * importance and documentation. {@link #parse} turns a string map into typed values or fails on the first bad
 * key; {@link #validate} checks every key and reports each key's errors (what the REST validate endpoint answers).
 * Mutable while being defined (not thread-safe); treat as read-only afterwards.
 *
 * <pre>{@code
 * static final ConfigDef CONFIG = new ConfigDef()
 *     .define("file", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validator.nonEmptyString(),
 *             ConfigDef.Importance.HIGH, "The file to read.")
 *     .define("batch.size", ConfigDef.Type.INT, 2000, Validator.atLeast(1), ConfigDef.Importance.LOW,
 *             "Lines per batch.");
 * }</pre>
 *
 * @since 0.1
 */
public final class ConfigDef {
    /** Marks a key that must be given. */
    public static final Object NO_DEFAULT_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no default>";
        }
    };

    /** Value types, named in the REST API as written here (as Kafka Connect names them). */
    public enum Type {
        BOOLEAN, STRING, INT, SHORT, LONG, DOUBLE, LIST, CLASS, PASSWORD
    }

    public enum Importance {
        HIGH, MEDIUM, LOW
    }

    public enum Width {
        NONE, SHORT, MEDIUM, LONG
    }

    /**
     * One defined key.
     *
     * @param defaultValue the parsed default, {@link #NO_DEFAULT_VALUE} if required, or null for "optional, none"
     */
    public record ConfigKey(String name, Type type, @Nullable Object defaultValue, @Nullable Validator validator,
                            Importance importance, String documentation, @Nullable String group, int orderInGroup,
                            Width width, String displayName, List<String> dependents) {
        public boolean hasDefault() {
            return defaultValue != NO_DEFAULT_VALUE;
        }
    }

    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

    /** Defines a key without validator. */
    public ConfigDef define(String name, Type type, @Nullable Object defaultValue, Importance importance,
                            String documentation) {
        return define(name, type, defaultValue, null, importance, documentation);
    }

    /** Defines a key. @throws ConfigException if defined already or the default does not parse or validate */
    public ConfigDef define(String name, Type type, @Nullable Object defaultValue, @Nullable Validator validator,
                            Importance importance, String documentation) {
        return define(name, type, defaultValue, validator, importance, documentation, null, -1, Width.NONE, name);
    }

    /** Defines a key with its display properties. */
    public ConfigDef define(String name, Type type, @Nullable Object defaultValue, @Nullable Validator validator,
                            Importance importance, String documentation, @Nullable String group, int orderInGroup,
                            Width width, String displayName) {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        if (keys.containsKey(name)) {
            throw new ConfigException("Configuration " + name + " is defined twice.");
        }
        Object parsedDefault = defaultValue == NO_DEFAULT_VALUE || defaultValue == null ? defaultValue
            : parseValue(name, type, defaultValue);
        if (validator != null && parsedDefault != NO_DEFAULT_VALUE && parsedDefault != null) {
            validator.ensureValid(name, parsedDefault);
        }
        keys.put(name, new ConfigKey(name, type, parsedDefault, validator, importance, documentation, group,
            orderInGroup, width, displayName, List.of()));
        return this;
    }

    /** Adds every key of {@code other} not defined here. */
    public ConfigDef merge(ConfigDef other) {
        other.keys.forEach(keys::putIfAbsent);
        return this;
    }

    /** The defined keys in definition order. */
    public Map<String, ConfigKey> configKeys() {
        return java.util.Collections.unmodifiableMap(keys);
    }

    /** The names of the defined keys. */
    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(keys.keySet());
    }

    /**
     * Parses and validates every defined key of {@code props}; keys it does not define are kept as originals only.
     *
     * @throws ConfigException for the first key missing, unparsable or invalid
     */
    public ParsedConfig parse(Map<String, ?> props) {
        requireNonNull(props, "props");
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        for (ConfigKey key : keys.values()) {
            values.put(key.name(), parseKey(key, props));
        }
        return new ParsedConfig(props, values);
    }

    private static @Nullable Object parseKey(ConfigKey key, Map<String, ?> props) {
        Object value;
        if (props.containsKey(key.name())) {
            value = parseValue(key.name(), key.type(), props.get(key.name()));
        } else if (!key.hasDefault()) {
            throw new ConfigException("Missing required configuration \"" + key.name()
                + "\" which has no default value.");
        } else {
            value = key.defaultValue();
        }
        if (key.validator() != null) {
            key.validator().ensureValid(key.name(), value);
        }
        return value;
    }

    /**
     * Checks every defined key of {@code props} and reports each one: its value and its errors (empty if valid).
     * Never throws for bad values.
     */
    public List<ConfigValue> validate(Map<String, String> props) {
        List<ConfigValue> out = new ArrayList<>();
        for (ConfigKey key : keys.values()) {
            List<String> errors = new ArrayList<>();
            try {
                parseKey(key, props);
            } catch (ConfigException e) {
                errors.add(e.getMessage());
            }
            String given = props.get(key.name());
            if (given != null && key.type() == Type.PASSWORD) {
                given = Password.HIDDEN;
            }
            out.add(new ConfigValue(key.name(), given, List.of(), errors, true));
        }
        return out;
    }

    /**
     * Parses one value given as a string or as the Java type itself.
     *
     * @throws ConfigException if it is neither
     */
    public static @Nullable Object parseValue(String name, Type type, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof String s ? s.trim() : null;
        try {
            return switch (type) {
                case BOOLEAN -> {
                    if (value instanceof Boolean) {
                        yield value;
                    }
                    if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
                        yield Boolean.parseBoolean(text);
                    }
                    throw new ConfigException(name, value, "Expected value to be either true or false");
                }
                case STRING -> {
                    if (value instanceof String s) {
                        yield s.trim();
                    }
                    throw new ConfigException(name, value, "Expected value to be a string, but it was a "
                        + value.getClass().getName());
                }
                case PASSWORD -> value instanceof Password ? value : new Password(value.toString());
                case INT -> value instanceof Integer ? value : Integer.valueOf(requireText(name, value, text));
                case SHORT -> value instanceof Short ? value : Short.valueOf(requireText(name, value, text));
                case LONG -> value instanceof Long ? value : value instanceof Integer i ? (Object) i.longValue()
                    : Long.valueOf(requireText(name, value, text));
                case DOUBLE -> value instanceof Number n ? (Object) n.doubleValue()
                    : Double.valueOf(requireText(name, value, text));
                case LIST -> value instanceof List<?> l ? List.copyOf(l) : parseList(requireText(name, value, text));
                case CLASS -> value instanceof Class<?> ? value : loadClass(name, requireText(name, value, text));
            };
        } catch (NumberFormatException e) {
            throw new ConfigException(name, value, "Not a number of type " + type);
        }
    }

    private static String requireText(String name, Object value, @Nullable String text) {
        if (text == null) {
            throw new ConfigException(name, value, "Expected a string, but it was a " + value.getClass().getName());
        }
        return text;
    }

    private static List<String> parseList(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split("\\s*,\\s*", -1)).toList();
    }

    private static Class<?> loadClass(String name, String className) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(className, true, loader == null ? ConfigDef.class.getClassLoader() : loader);
        } catch (ClassNotFoundException e) {
            throw new ConfigException(name, className, "Class " + className + " could not be found.");
        }
    }

    /** Names of the keys in {@code names} that this definition does not know. */
    public List<String> unknown(Collection<String> names) {
        return names.stream().filter(n -> !keys.containsKey(n)).toList();
    }
}
