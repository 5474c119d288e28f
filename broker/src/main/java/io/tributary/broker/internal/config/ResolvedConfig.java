package io.tributary.broker.internal.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A config's effective value as DescribeConfigs reports it, with the values it overrides (synonyms), most
 * specific first. Immutable.
 *
 * @param name     config name
 * @param value    effective value as text; {@code null} when unset without default
 * @param source   where the effective value comes from
 * @param synonyms this and the lower-precedence values, most specific first
 * @param key      the config's definition
 */
public record ResolvedConfig(String name, @Nullable String value, ConfigSource source, List<Synonym> synonyms,
                             ConfigKey key) {

    /**
     * One value in the precedence chain.
     *
     * @param name   the name at that level (a topic config or its broker synonym)
     * @param value  the value as text
     * @param source the level
     */
    public record Synonym(String name, @Nullable String value, ConfigSource source) {
    }
}
