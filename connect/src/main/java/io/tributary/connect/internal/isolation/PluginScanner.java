package io.tributary.connect.internal.isolation;

import io.tributary.connect.Connector;
import io.tributary.connect.storage.Converter;
import io.tributary.connect.storage.HeaderConverter;
import io.tributary.connect.transforms.Transformation;
import io.tributary.connect.transforms.predicates.Predicate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins: the {@link ServiceLoader} providers of {@link Connector}, {@link Converter},
 * {@link HeaderConverter}, {@link Transformation} and {@link Predicate} on the application class path, then in each
 * plugin of {@code plugin.path}. A plugin is a jar (or zip) directly in a listed directory, or a subdirectory with
 * its jars (at any depth) and class files; each gets a {@link PluginClassLoader}. Providers are listed without being
 * instantiated, except connectors, which are created once to ask their version. Runs once at worker start; blocking
 * (it reads the file system).
 */
final class PluginScanner {
    private static final Logger LOG = LoggerFactory.getLogger(PluginScanner.class);
    private static final List<Class<?>> SERVICES = List.of(Connector.class, Converter.class, HeaderConverter.class,
        Transformation.class, Predicate.class);
    static final String UNDEFINED_VERSION = "undefined";

    private PluginScanner() {
    }

    /** Every plugin on the class path of {@code appLoader} and in {@code pluginPath}, in the order found. */
    static List<PluginDesc> scan(ClassLoader appLoader, List<Path> pluginPath) {
        List<PluginDesc> found = new ArrayList<>(providers(appLoader, appLoader));
        found.addAll(BuiltInPlugins.find(appLoader));
        for (Path directory : pluginPath) {
            for (PluginClassLoader loader : pluginLoaders(directory, appLoader)) {
                found.addAll(providers(loader, appLoader));
            }
        }
        return found;
    }

    /** One loader per plugin location under {@code entry} (a directory of plugins, or one jar). */
    static List<PluginClassLoader> pluginLoaders(Path entry, ClassLoader parent) {
        List<PluginClassLoader> loaders = new ArrayList<>();
        if (!Files.exists(entry)) {
            LOG.warn("plugin.path entry {} does not exist; skipped", entry);
            return loaders;
        }
        if (isArchive(entry)) {
            loaders.add(loader(entry, List.of(entry), parent));
            return loaders;
        }
        try (Stream<Path> children = Files.list(entry)) {
            for (Path child : children.sorted().toList()) {
                if (isArchive(child)) {
                    loaders.add(loader(child, List.of(child), parent));
                } else if (Files.isDirectory(child)) {
                    List<Path> urls = new ArrayList<>(archivesUnder(child));
                    urls.add(0, child);   // class files placed directly in the plugin directory
                    loaders.add(loader(child, urls, parent));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list plugin.path entry " + entry, e);
        }
        return loaders;
    }

    private static List<Path> archivesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(PluginScanner::isArchive).sorted().toList();
        }
    }

    private static boolean isArchive(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (name.endsWith(".jar") || name.endsWith(".zip"));
    }

    private static PluginClassLoader loader(Path location, List<Path> paths, ClassLoader parent) {
        URL[] urls = new URL[paths.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = paths.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("Bad plugin location " + paths.get(i), e);
            }
        }
        return new PluginClassLoader(location.toString(), urls, parent);
    }

    /** The providers {@code loader} itself defines (a plugin loader also sees its parent's, which are skipped). */
    private static List<PluginDesc> providers(ClassLoader loader, ClassLoader appLoader) {
        List<PluginDesc> found = new ArrayList<>();
        for (Class<?> service : SERVICES) {
            ServiceLoader<?> services = ServiceLoader.load(service, loader);
            services.stream().forEach(provider -> {
                try {
                    Class<?> type = provider.type();
                    boolean own = loader == appLoader || type.getClassLoader() == loader;
                    PluginType kind = PluginType.of(type);
                    if (own && kind != null && !Modifier.isAbstract(type.getModifiers())) {
                        found.add(new PluginDesc(type, kind, version(type, kind, loader), loader));
                    }
                } catch (ServiceConfigurationError | LinkageError e) {
                    LOG.warn("Skipping a {} provider that could not be loaded from {}: {}", service.getSimpleName(),
                        loader, e.toString());
                }
            });
        }
        return found;
    }

    private static String version(Class<?> type, PluginType kind, ClassLoader loader) {
        if (!kind.isConnector()) {
            Package p = type.getPackage();
            String v = p == null ? null : p.getImplementationVersion();
            return v == null ? UNDEFINED_VERSION : v;
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return ((Connector) type.getDeclaredConstructor().newInstance()).version();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn("Could not ask {} for its version: {}", type.getName(), e.toString());
            return UNDEFINED_VERSION;
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
