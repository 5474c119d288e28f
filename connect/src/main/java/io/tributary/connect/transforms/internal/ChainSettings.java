package io.tributary.connect.transforms.internal;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@code transforms} and {@code predicates} part of a connector configuration: the aliases and the settings
 * under each alias' prefix. Immutable; the configuration map is read, never kept beyond a copy.
 */
public final class ChainSettings {
    public static final String TRANSFORMS = "transforms";
    public static final String PREDICATES = "predicates";
    public static final String TYPE = "type";
    public static final String PREDICATE = "predicate";
    public static final String NEGATE = "negate";

    private final Map<String, ?> config;
    private final List<String> transformAliases;
    private final List<String> predicateAliases;

    private ChainSettings(Map<String, ?> config, List<String> transformAliases, List<String> predicateAliases) {
        this.config = config;
        this.transformAliases = transformAliases;
        this.predicateAliases = predicateAliases;
    }

    /**
     * Reads the alias lists of {@code config}.
     *
     * @throws ConfigException if either lists an alias twice or an empty alias
     */
    public static ChainSettings parse(Map<String, ?> config) {
        Map<String, ?> copy = new HashMap<>(config);
        return new ChainSettings(copy, aliases(copy, TRANSFORMS), aliases(copy, PREDICATES));
    }

    /**
     * Reads {@code config} like {@link #parse}, but keeps the distinct non-empty aliases of lists that {@code parse}
     * rejects, so that validation can go on to check each alias' settings.
     */
    public static ChainSettings lenient(Map<String, ?> config) {
        Map<String, ?> copy = new HashMap<>(config);
        return new ChainSettings(copy, lenientAliases(copy, TRANSFORMS), lenientAliases(copy, PREDICATES));
    }

    private static List<String> lenientAliases(Map<String, ?> config, String key) {
        try {
            List<?> parsed = (List<?>) ConfigDef.parseValue(key, ConfigDef.Type.LIST, config.get(key));
            return parsed == null ? List.of()
                : parsed.stream().map(String::valueOf).map(String::trim).filter(a -> !a.isEmpty()).distinct().toList();
        } catch (ConfigException e) {
            return List.of();
        }
    }

    /**
     * The aliases listed under {@code key}, empty if unset.
     *
     * @throws ConfigException if the list holds an alias twice or an empty one
     */
    public static List<String> aliases(Map<String, ?> config, String key) {
        Object value = config.get(key);
        List<?> parsed = (List<?>) ConfigDef.parseValue(key, ConfigDef.Type.LIST, value);
        if (parsed == null) {
            return List.of();
        }
        List<String> aliases = parsed.stream().map(String::valueOf).map(String::trim).toList();
        if (aliases.contains("")) {
            throw new ConfigException(key, value, "An alias must not be empty.");
        }
        if (new HashSet<>(aliases).size() < aliases.size()) {
            throw new ConfigException(key, value, "Duplicate alias provided.");
        }
        return aliases;
    }

    public List<String> transformAliases() {
        return transformAliases;
    }

    public List<String> predicateAliases() {
        return predicateAliases;
    }

    /** {@code transforms.<alias>.<name>}. */
    public static String transformKey(String alias, String name) {
        return TRANSFORMS + "." + alias + "." + name;
    }

    /** {@code predicates.<alias>.<name>}. */
    public static String predicateKey(String alias, String name) {
        return PREDICATES + "." + alias + "." + name;
    }

    /** The value of {@code key} as a string. @throws ConfigException if it is unset or blank */
    public String required(String key) {
        Object value = config.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException("Missing required configuration \"" + key + "\" which has no default value.");
        }
        return value instanceof Class<?> c ? c.getName() : value.toString().trim();
    }

    /** As {@link #required(String)}, with a failure naming {@code what} (e.g. "transform 'route'"). */
    public String required(String key, String what) {
        return failingFor(what, () -> required(key));
    }

    /** The predicate alias of transform {@code alias}, or null if it has none. */
    public @Nullable String predicateOf(String alias) {
        Object value = config.get(transformKey(alias, PREDICATE));
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    /**
     * Whether transform {@code alias} applies where its predicate does not hold.
     *
     * @throws ConfigException if the value is not a boolean, or is set without a predicate
     */
    public boolean negateOf(String alias) {
        String key = transformKey(alias, NEGATE);
        if (!config.containsKey(key)) {
            return false;
        }
        Boolean negate = (Boolean) ConfigDef.parseValue(key, ConfigDef.Type.BOOLEAN, config.get(key));
        if (predicateOf(alias) == null) {
            throw new ConfigException("Config '" + key + "' was provided but there is no config '"
                + transformKey(alias, PREDICATE) + "' defining a predicate to be negated.");
        }
        return Boolean.TRUE.equals(negate);
    }

    /** The settings of transform {@code alias} without prefix, less {@code predicate} and {@code negate}. */
    public Map<String, Object> transformConfigs(String alias) {
        Map<String, Object> configs = withPrefix(TRANSFORMS + "." + alias + ".");
        configs.remove(PREDICATE);
        configs.remove(NEGATE);
        return configs;
    }

    /** The settings of predicate {@code alias} without prefix. */
    public Map<String, Object> predicateConfigs(String alias) {
        return withPrefix(PREDICATES + "." + alias + ".");
    }

    private Map<String, Object> withPrefix(String prefix) {
        Map<String, Object> out = new HashMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(prefix) && value != null) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }

    /**
     * The result of {@code action}, with any failure turned into a {@link ConfigException} that names {@code what}
     * (e.g. "transform 'route'") and keeps the original as its cause.
     */
    public static <T> T failingFor(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            ConfigException failure = new ConfigException("Invalid " + what + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }
}
