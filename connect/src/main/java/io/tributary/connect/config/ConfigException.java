package io.tributary.connect.config;

import io.tributary.connect.errors.ConnectException;
import org.jspecify.annotations.Nullable;

/**
 * A configuration value is missing or invalid; the message names the key, the value and why.
 *
 * @since 0.1
 */
public class ConfigException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String name, @Nullable Object value, String reason) {
        super("Invalid value " + value + " for configuration " + name + ": " + reason);
    }
}
