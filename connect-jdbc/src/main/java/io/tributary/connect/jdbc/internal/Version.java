package io.tributary.connect.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this plugin, as Maven wrote it into {@code version.properties} at build time. Stateless. */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    /** The plugin's version, e.g. {@code 0.1.0}; {@code unknown} if the build did not record it. */
    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
