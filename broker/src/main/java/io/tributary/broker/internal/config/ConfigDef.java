package io.tributary.broker.internal.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** A table of {@link ConfigKey}s, built once and read-only afterwards; thread-safe once built. */
public final class ConfigDef {
    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

    public ConfigDef define(String name, ConfigType type, @Nullable String defaultValue, String doc) {
        return define(name, type, defaultValue, v -> true, "any value", doc);
    }

    public ConfigDef define(String name, ConfigType type, @Nullable String defaultValue, Predicate<Object> check,
                            String requirement, String doc) {
        keys.put(name, new ConfigKey(name, type, defaultValue, check, requirement, doc, true));
        return this;
    }

    /** A Kafka setting that Tributary accepts so that Kafka's config files load, but does not act on. */
    public ConfigDef accept(String name, ConfigType type, String doc) {
        keys.put(name, new ConfigKey(name, type, null, v -> true, "any value", doc + " (accepted, not used)", false));
        return this;
    }

    public @Nullable ConfigKey key(String name) {
        return keys.get(name);
    }

    public Collection<ConfigKey> keys() {
        return keys.values();
    }

    /** Parses every entry; the first unknown or invalid one fails with a message naming it. */
    public Map<String, Object> parse(Map<String, String> raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            ConfigKey key = keys.get(e.getKey());
            if (key == null) {
                throw new ConfigException(e.getKey(), "Unknown configuration " + e.getKey());
            }
            out.put(e.getKey(), key.parse(e.getValue()));
        }
        return out;
    }

    // ---- common checks ----

    public static Predicate<Object> atLeast(long min) {
        return v -> ((Number) v).longValue() >= min;
    }

    public static Predicate<Object> between(double min, double max) {
        return v -> ((Number) v).doubleValue() >= min && ((Number) v).doubleValue() <= max;
    }

    public static Predicate<Object> oneOf(String... allowed) {
        List<String> list = List.of(allowed);
        return v -> v instanceof List<?> values ? list.containsAll(values) && !values.isEmpty() : list.contains(v);
    }
}
