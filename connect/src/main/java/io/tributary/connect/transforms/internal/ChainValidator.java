package io.tributary.connect.transforms.internal;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ConfigValue;
import io.tributary.connect.transforms.Transformation;
import io.tributary.connect.transforms.predicates.Predicate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Validates the {@code transforms} and {@code predicates} part of a connector configuration key by key, for
 * {@code TransformChain.validate}. Plugins are instantiated and configured to find errors only their
 * {@code configure} sees, then closed. Stateless.
 */
public final class ChainValidator {
    private ChainValidator() {
    }

    /** One entry per key checked, with its errors (none if valid). */
    public static List<ConfigValue> validate(Map<String, String> config, ClassLoader loader) {
        List<ConfigValue> out = new ArrayList<>();
        checkAliases(config, ChainSettings.TRANSFORMS, out);
        checkAliases(config, ChainSettings.PREDICATES, out);
        ChainSettings settings = ChainSettings.lenient(config);
        for (String alias : settings.transformAliases()) {
            validateTransform(config, settings, alias, loader, out);
        }
        for (String alias : settings.predicateAliases()) {
            String prefix = ChainSettings.PREDICATES + "." + alias + ".";
            validatePlugin(config, settings, prefix, Predicate.class, stripped(config, prefix, List.of()), loader, out);
        }
        return out;
    }

    private static void checkAliases(Map<String, String> config, String key, List<ConfigValue> out) {
        try {
            ChainSettings.aliases(config, key);
            out.add(valid(key, config.get(key)));
        } catch (ConfigException e) {
            out.add(invalid(key, config.get(key), e.getMessage()));
        }
    }

    private static void validateTransform(Map<String, String> config, ChainSettings settings, String alias,
                                          ClassLoader loader, List<ConfigValue> out) {
        String prefix = ChainSettings.TRANSFORMS + "." + alias + ".";
        String predicateKey = prefix + ChainSettings.PREDICATE;
        String predicate = config.get(predicateKey);
        if (predicate != null && !predicate.isBlank() && !settings.predicateAliases().contains(predicate.trim())) {
            out.add(invalid(predicateKey, predicate, "Predicate alias '" + predicate.trim() + "' of transform '"
                + alias + "' is not listed in '" + ChainSettings.PREDICATES + "'."));
        } else {
            out.add(valid(predicateKey, predicate));
        }
        String negateKey = prefix + ChainSettings.NEGATE;
        try {
            settings.negateOf(alias);
            out.add(valid(negateKey, config.get(negateKey)));
        } catch (ConfigException e) {
            out.add(invalid(negateKey, config.get(negateKey), e.getMessage()));
        }
        Map<String, String> own = stripped(config, prefix, List.of(ChainSettings.PREDICATE, ChainSettings.NEGATE));
        validatePlugin(config, settings, prefix, Transformation.class, own, loader, out);
    }

    /** Checks {@code <prefix>type} and, if it names a usable class, the plugin's own settings. */
    private static void validatePlugin(Map<String, String> config, ChainSettings chain, String prefix, Class<?> kind,
                                       Map<String, String> settings, ClassLoader loader, List<ConfigValue> out) {
        String typeKey = prefix + ChainSettings.TYPE;
        String className = config.get(typeKey);
        AutoCloseable plugin;
        try {
            Class<?> type = PluginLoader.load(typeKey, chain.required(typeKey), kind, loader);
            plugin = (AutoCloseable) PluginLoader.instantiate(typeKey, type, kind);
        } catch (ConfigException e) {
            out.add(invalid(typeKey, className, e.getMessage()));
            return;
        }
        try {
            ConfigDef def = plugin instanceof Transformation<?> t ? t.config() : ((Predicate<?>) plugin).config();
            List<ConfigValue> own = def.validate(settings);
            own.forEach(v -> out.add(new ConfigValue(prefix + v.name(), v.value(), v.recommendedValues(), v.errors(),
                v.visible())));
            boolean ownValid = own.stream().allMatch(v -> v.errors().isEmpty());
            // configure() may reject combinations no single key shows, e.g. InsertField without any field to insert.
            String configureError = ownValid ? configureError(plugin, settings) : null;
            out.add(configureError == null ? valid(typeKey, className) : invalid(typeKey, className, configureError));
        } finally {
            closeQuietly(plugin);
        }
    }

    private static @Nullable String configureError(AutoCloseable plugin, Map<String, String> settings) {
        try {
            if (plugin instanceof Transformation<?> t) {
                t.configure(settings);
            } else {
                ((Predicate<?>) plugin).configure(settings);
            }
            return null;
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    private static void closeQuietly(AutoCloseable plugin) {
        try {
            plugin.close();
        } catch (Exception e) {
            // Validation only needed the instance for its settings; a failing close changes no answer.
        }
    }

    private static Map<String, String> stripped(Map<String, String> config, String prefix, List<String> excluded) {
        Map<String, String> out = new HashMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(prefix) && value != null && !excluded.contains(key.substring(prefix.length()))) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }

    private static ConfigValue valid(String key, @Nullable String value) {
        return new ConfigValue(key, value, List.of(), List.of(), true);
    }

    private static ConfigValue invalid(String key, @Nullable String value, @Nullable String error) {
        return new ConfigValue(key, value, List.of(), List.of(error == null ? "invalid" : error), true);
    }
}
