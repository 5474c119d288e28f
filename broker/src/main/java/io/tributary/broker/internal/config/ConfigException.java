package io.tributary.broker.internal.config;

/** A configuration value that is unknown or invalid; the message names the key, the value and the rule. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String value, String reason) {
        super("Invalid value '" + value + "' for configuration " + key + ": " + reason);
        this.key = key;
    }

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
