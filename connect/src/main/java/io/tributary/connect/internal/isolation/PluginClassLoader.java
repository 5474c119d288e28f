package io.tributary.connect.internal.isolation;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin (a directory or jar in {@code plugin.path}): loads classes and resources from the
 * plugin's own jars first, so that a plugin may bundle libraries in other versions than the worker's, and delegates
 * to the application's loader for the Connect API and the platform it runs on ({@code io.tributary.*}, Reactor,
 * Reactive Streams, SLF4J, JSpecify, the JDK): those classes must be the very ones the worker uses, or a plugin's
 * {@code Connector} would not be the worker's {@code Connector}. Thread-safe (parallel capable).
 */
public final class PluginClassLoader extends URLClassLoader {
    private static final List<String> PARENT_FIRST = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
        "io.tributary.", "reactor.", "org.reactivestreams.", "org.slf4j.", "org.jspecify.");

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final String location;

    PluginClassLoader(String location, URL[] urls, ClassLoader parent) {
        super("plugin:" + location, urls, parent);
        this.location = location;
    }

    /** Where the plugin was found: its directory or jar. */
    public String location() {
        return location;
    }

    /** Whether classes of {@code name} always come from the worker's loader. */
    static boolean parentFirst(String name) {
        for (String prefix : PARENT_FIRST) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (parentFirst(name)) {
                    c = getParent().loadClass(name);
                } else {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException e) {
                        c = getParent().loadClass(name);   // a library the plugin does not bundle
                    }
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = parentFirst(name.replace('/', '.')) ? null : findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    @Override
    public String toString() {
        return "PluginClassLoader{" + location + "}";
    }
}
