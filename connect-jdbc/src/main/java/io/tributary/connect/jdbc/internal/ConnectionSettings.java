package io.tributary.connect.jdbc.internal;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Where and as whom to connect: {@code connection.url}, {@code connection.user}, {@code connection.password}.
 * Immutable; {@link #toString()} hides the password.
 *
 * @param url      the JDBC URL
 * @param user     the user, or null to take it from the URL
 * @param password the password, or null for none
 */
public record ConnectionSettings(String url, @Nullable String user, @Nullable String password) {
    public ConnectionSettings {
        requireNonNull(url, "url");
    }

    /**
     * Opens a connection. Drivers are looked up through this plugin's class loader first, as
     * {@link DriverManager} sees only the drivers of its caller's loader, which in an isolated plugin may not be
     * ours; then through {@link DriverManager}. Blocks.
     *
     * @throws SQLException if no driver accepts the URL or the connection fails
     */
    public Connection open() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        for (Driver driver : ServiceLoader.load(Driver.class, ConnectionSettings.class.getClassLoader())) {
            if (driver.acceptsURL(url)) {
                Connection connection = driver.connect(url, properties);
                if (connection != null) {
                    return connection;
                }
            }
        }
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public String toString() {
        return "ConnectionSettings{url=" + url + ", user=" + user + ", password=" + (password == null ? null
            : "[hidden]") + "}";
    }
}
