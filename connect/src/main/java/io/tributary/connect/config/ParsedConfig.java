package io.tributary.connect.config;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A configuration parsed and validated by a {@link ConfigDef}: typed values for every defined key (defaults filled
 * in), plus the original string map (which may hold keys the definition does not know, for plugins that pass
 * prefixed settings on). Immutable.
 *
 * @since 0.1
 */
public final class ParsedConfig {
    private final Map<String, ?> originals;
    private final Map<String, @Nullable Object> values;

    ParsedConfig(Map<String, ?> originals, Map<String, @Nullable Object> values) {
        this.originals = Map.copyOf(originals);
        this.values = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(values));
    }

    /** The parsed value of a defined key (null if unset without default). @throws ConfigException if undefined */
    public @Nullable Object get(String name) {
        if (!values.containsKey(name)) {
            throw new ConfigException("Unknown configuration '" + name + "'");
        }
        return values.get(name);
    }

    public @Nullable String getString(String name) {
        return (String) get(name);
    }

    public @Nullable Integer getInt(String name) {
        return (Integer) get(name);
    }

    public @Nullable Short getShort(String name) {
        return (Short) get(name);
    }

    public @Nullable Long getLong(String name) {
        return (Long) get(name);
    }

    public @Nullable Double getDouble(String name) {
        return (Double) get(name);
    }

    public @Nullable Boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    @SuppressWarnings("unchecked")
    public @Nullable List<String> getList(String name) {
        return (List<String>) get(name);
    }

    public @Nullable Class<?> getClass(String name) {
        return (Class<?>) get(name);
    }

    public @Nullable Password getPassword(String name) {
        return (Password) get(name);
    }

    /** The map this was parsed from. */
    public Map<String, ?> originals() {
        return originals;
    }

    /** The original entries whose key starts with {@code prefix}, with the prefix stripped. */
    public Map<String, Object> originalsWithPrefix(String prefix) {
        Map<String, Object> out = new java.util.HashMap<>();
        originals.forEach((k, v) -> {
            if (k.startsWith(prefix) && v != null) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
