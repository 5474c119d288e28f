package io.tributary.connect.internal.isolation;

import io.tributary.connect.Connector;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.internal.herder.PluginInfo;
import io.tributary.connect.storage.Converter;
import io.tributary.connect.storage.HeaderConverter;
import io.tributary.connect.transforms.Transformation;
import io.tributary.connect.transforms.predicates.Predicate;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The plugins a worker can run, and how to create them by class name or alias. Aliases: the simple class name
 * ({@code FileStreamSourceConnector}), for connectors, converters and header converters that name without its
 * {@code Connector}, {@code Converter} or {@code HeaderConverter} suffix ({@code FileStreamSource},
 * {@code Simple}), and Kafka Connect's class names of the plugins Tributary ships
 * ({@code org.apache.kafka.connect.file.FileStreamSourceConnector}, and any {@code org.apache.kafka.connect.*} name
 * whose simple name Tributary has). An alias two plugins share names neither. A class name the scan did not find is
 * still loaded from the application class path if it is a plugin.
 *
 * <p>A class of several kinds (a converter that is also a header converter) is found and listed as each of them, as
 * in Kafka Connect. Plugins are created with their own class loader as the thread's context loader. Immutable and
 * thread-safe after {@link #scan}.
 */
public final class Plugins {
    private static final String KAFKA_PREFIX = "org.apache.kafka.connect.";
    private static final String TRIBUTARY_PREFIX = "io.tributary.connect.";
    /** Where the plugins Tributary ships live, for simple names of plugins the scan did not list. */
    private static final List<String> BUILT_IN_PACKAGES = List.of("io.tributary.connect.file.",
        "io.tributary.connect.storage.", "io.tributary.connect.transforms.",
        "io.tributary.connect.transforms.predicates.");

    private final ClassLoader appLoader;
    private final List<PluginDesc> plugins;
    private final Map<String, PluginDesc> byName = new HashMap<>();

    Plugins(ClassLoader appLoader, List<PluginDesc> found) {
        this.appLoader = appLoader;
        Map<String, PluginDesc> unique = new LinkedHashMap<>();
        for (PluginDesc d : found) {
            unique.putIfAbsent(d.className() + "@" + System.identityHashCode(d.loader()), d);
        }
        this.plugins = List.copyOf(unique.values());
        Map<String, List<PluginDesc>> aliases = new HashMap<>();
        for (PluginDesc d : plugins) {
            byName.putIfAbsent(d.className(), d);   // the application's copy wins over a plugin's
            for (String alias : aliases(d)) {
                List<PluginDesc> named = aliases.computeIfAbsent(alias, a -> new ArrayList<>());
                if (named.stream().noneMatch(x -> x.className().equals(d.className()))) {
                    named.add(d);
                }
            }
        }
        aliases.forEach((alias, named) -> {
            if (named.size() == 1) {
                byName.putIfAbsent(alias, named.get(0));
            }
        });
    }

    /**
     * Scans the application class path and each entry of {@code pluginPath}. Blocking: reads the file system.
     */
    public static Plugins scan(List<Path> pluginPath) {
        ClassLoader app = Plugins.class.getClassLoader();
        return new Plugins(app, PluginScanner.scan(app, pluginPath));
    }

    private static List<String> aliases(PluginDesc d) {
        String name = d.className();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        List<String> out = new ArrayList<>(List.of(simple));
        String suffix = switch (d.type()) {
            case SOURCE, SINK -> "Connector";
            case CONVERTER -> "Converter";
            case HEADER_CONVERTER -> "HeaderConverter";
            default -> null;
        };
        if (suffix != null && simple.endsWith(suffix) && simple.length() > suffix.length()) {
            out.add(simple.substring(0, simple.length() - suffix.length()));
        }
        if (name.startsWith(TRIBUTARY_PREFIX)) {
            out.add(KAFKA_PREFIX + name.substring(TRIBUTARY_PREFIX.length()));
        }
        return out;
    }

    /** Every plugin found, in the order found. */
    public List<PluginDesc> plugins() {
        return plugins;
    }

    /** The plugins of any of the given kinds, sorted by class name. */
    public List<PluginDesc> plugins(Set<PluginType> kinds) {
        return plugins.stream()
            .filter(d -> isOfKind(d, kinds))
            .sorted(Comparator.comparing(PluginDesc::className))
            .toList();
    }

    /** The plugins as the REST API lists them; connectors only if {@code connectorsOnly}. */
    public List<PluginInfo> pluginInfos(boolean connectorsOnly) {
        Set<PluginType> kinds = connectorsOnly ? EnumSet.of(PluginType.SOURCE, PluginType.SINK)
            : EnumSet.allOf(PluginType.class);
        return plugins(kinds).stream()
            .flatMap(d -> kinds.stream()
                .filter(k -> k.includes(d.pluginClass()))
                .map(k -> new PluginInfo(d.className(), k.restName(), d.version())))
            .distinct()
            .toList();
    }

    /**
     * The plugin of one of {@code kinds} named {@code name} (class name or alias).
     *
     * @throws PluginNotFoundException naming it and the installed plugins of those kinds
     */
    public PluginDesc find(String name, PluginType... kinds) {
        Set<PluginType> wanted = kinds.length == 0 ? EnumSet.allOf(PluginType.class) : EnumSet.copyOf(List.of(kinds));
        PluginDesc d = lookUp(name.trim());
        if (d != null && isOfKind(d, wanted)) {
            return d;
        }
        String what = wanted.stream().allMatch(PluginType::isConnector) ? "Connector"
            : wanted.size() == 1 ? wanted.iterator().next().superType().getSimpleName() : "a Connect plugin";
        throw new PluginNotFoundException("Failed to find any class that implements " + what + " and which name "
            + "matches " + name + ", available " + what.toLowerCase(java.util.Locale.ROOT) + "s are: "
            + plugins(wanted).stream().map(PluginDesc::className).distinct().collect(Collectors.joining(", ")));
    }

    private static boolean isOfKind(PluginDesc d, Set<PluginType> kinds) {
        return kinds.contains(d.type()) || kinds.stream().anyMatch(k -> k.includes(d.pluginClass()));
    }

    private @Nullable PluginDesc lookUp(String name) {
        PluginDesc d = byName.get(name);
        if (d != null) {
            return d;
        }
        if (name.startsWith(KAFKA_PREFIX)) {
            String rest = name.substring(KAFKA_PREFIX.length());
            d = byName.get(TRIBUTARY_PREFIX + rest);
            if (d == null) {
                d = byName.get(rest.substring(rest.lastIndexOf('.') + 1));   // e.g. json.JsonConverter
            }
            if (d == null) {
                d = unlisted(TRIBUTARY_PREFIX + rest);
            }
            return d;
        }
        if (name.indexOf('.') < 0) {
            for (String p : BUILT_IN_PACKAGES) {
                d = unlisted(p + name);
                if (d == null && !name.endsWith("Connector")) {
                    d = unlisted(p + name + "Connector");
                }
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return unlisted(name);
    }

    /** A plugin class on the application class path that no service file lists, or null. */
    private @Nullable PluginDesc unlisted(String className) {
        try {
            Class<?> type = Class.forName(className, false, appLoader);
            PluginType kind = PluginType.of(type);
            if (kind == null || Modifier.isAbstract(type.getModifiers())) {
                return null;
            }
            return new PluginDesc(type, kind, PluginScanner.UNDEFINED_VERSION, appLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The connector class named {@code name}. @throws PluginNotFoundException if there is none */
    public Class<? extends Connector> connectorClass(String name) {
        return find(name, PluginType.SOURCE, PluginType.SINK).pluginClass().asSubclass(Connector.class);
    }

    /** A new connector. @throws PluginNotFoundException if unknown, ConnectException if it cannot be created */
    public Connector newConnector(String name) {
        return newInstance(find(name, PluginType.SOURCE, PluginType.SINK), Connector.class);
    }

    /** A new, unconfigured converter. */
    public Converter newConverter(String name) {
        return newInstance(find(name, PluginType.CONVERTER), Converter.class);
    }

    /** A new, unconfigured header converter ({@code header.converter}). */
    public HeaderConverter newHeaderConverter(String name) {
        return newInstance(find(name, PluginType.HEADER_CONVERTER), HeaderConverter.class);
    }

    /** A new, unconfigured transformation. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <R extends io.tributary.connect.ConnectRecord<R>> Transformation<R> newTransformation(String name) {
        return newInstance(find(name, PluginType.TRANSFORMATION), Transformation.class);
    }

    /** A new, unconfigured predicate. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <R extends io.tributary.connect.ConnectRecord<R>> Predicate<R> newPredicate(String name) {
        return newInstance(find(name, PluginType.PREDICATE), Predicate.class);
    }

    /** A new instance of a class a plugin created (a task class), with its plugin's context loader. */
    public static <T> T newInstance(Class<? extends T> type, Class<T> as) {
        return withContextLoader(loaderOf(type), () -> instantiate(type, as));
    }

    private static <T> T newInstance(PluginDesc d, Class<T> as) {
        return withContextLoader(d.loader(), () -> instantiate(d.pluginClass(), as));
    }

    private static <T> T instantiate(Class<?> type, Class<T> as) {
        try {
            return as.cast(type.getDeclaredConstructor().newInstance());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConnectException("Failed to instantiate " + type.getName() + ": " + cause, cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConnectException("Failed to instantiate " + type.getName() + ": it needs a public "
                + "no-argument constructor (" + e + ")", e);
        }
    }

    /** The class loader a plugin class came from (the application's for built-in plugins). */
    public static ClassLoader loaderOf(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null ? ClassLoader.getSystemClassLoader() : loader;
    }

    /** Runs {@code action} with {@code loader} as the thread's context class loader, then restores it. */
    public static <T> T withContextLoader(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Override
    public String toString() {
        return "Plugins" + Arrays.toString(plugins.stream().map(PluginDesc::className).toArray());
    }
}
