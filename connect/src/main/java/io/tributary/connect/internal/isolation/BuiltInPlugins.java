package io.tributary.connect.internal.isolation;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The converters, transforms and predicates Tributary Connect ships, found by listing the classes of its own jar
 * (or classes directory) in their packages: they are not all declared as {@link java.util.ServiceLoader} providers,
 * yet the REST API lists them and their simple names serve as aliases. Blocking (reads the jar); runs once at scan.
 */
final class BuiltInPlugins {
    private static final Logger LOG = LoggerFactory.getLogger(BuiltInPlugins.class);
    private static final List<String> PACKAGES = List.of("io/tributary/connect/storage/",
        "io/tributary/connect/transforms/", "io/tributary/connect/transforms/predicates/");

    private BuiltInPlugins() {
    }

    /** The concrete public plugin classes of the built-in packages, as {@code loader} loads them. */
    static List<PluginDesc> find(ClassLoader loader) {
        List<PluginDesc> found = new ArrayList<>();
        for (String className : classNames()) {
            try {
                Class<?> type = Class.forName(className, false, loader);
                PluginType kind = PluginType.of(type);
                int m = type.getModifiers();
                boolean nestedOk = type.getEnclosingClass() == null || Modifier.isStatic(m);
                if (kind != null && !kind.isConnector() && Modifier.isPublic(m) && !Modifier.isAbstract(m)
                    && !type.isInterface() && nestedOk && hasPublicNoArgConstructor(type)) {
                    found.add(new PluginDesc(type, kind, PluginScanner.UNDEFINED_VERSION, loader));
                }
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("Skipping {}: {}", className, e.toString());
            }
        }
        return found;
    }

    private static boolean hasPublicNoArgConstructor(Class<?> type) {
        try {
            return Modifier.isPublic(type.getConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The class names directly in the built-in packages of the jar or directory this class came from. */
    private static List<String> classNames() {
        CodeSource source = BuiltInPlugins.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return List.of();
        }
        try {
            URL location = source.getLocation();
            Path path = Path.of(location.toURI());
            return Files.isDirectory(path) ? fromDirectory(path) : fromJar(path);
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            LOG.warn("Could not list the built-in plugins: {}", e.toString());
            return List.of();
        }
    }

    private static List<String> fromDirectory(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        for (String p : PACKAGES) {
            Path dir = root.resolve(p);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                    .forEach(n -> out.add((p + n).replace('/', '.').substring(0, p.length() + n.length() - 6)));
            }
        }
        return out;
    }

    private static List<String> fromJar(Path jar) throws IOException {
        List<String> out = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                int slash = name.lastIndexOf('/') + 1;
                if (name.endsWith(".class") && PACKAGES.contains(name.substring(0, slash))
                    && !name.endsWith("package-info.class")) {
                    out.add(name.substring(0, name.length() - 6).replace('/', '.'));
                }
            }
        }
        return out;
    }
}
