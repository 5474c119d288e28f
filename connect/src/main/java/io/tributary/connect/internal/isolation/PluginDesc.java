package io.tributary.connect.internal.isolation;

/**
 * A plugin found by the scan: its class, kind, version and the class loader that defined it (the application's or
 * its own plugin loader).
 */
public record PluginDesc(Class<?> pluginClass, PluginType type, String version, ClassLoader loader) {
    /** The plugin's class name. */
    public String className() {
        return pluginClass.getName();
    }
}
