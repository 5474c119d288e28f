package io.tributary.broker;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.config.BrokerConfigDef;
import io.tributary.broker.internal.config.ConfigException;
import io.tributary.broker.internal.config.ConfigKey;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The broker's configuration, with Apache Kafka's {@code server.properties} names ({@code node.id},
 * {@code listeners}, {@code log.dirs}, {@code num.partitions}, {@code log.retention.hours}, ...). Immutable: every
 * setter validates its value and returns a new instance, so one value can serve as a template.
 *
 * <p>Unknown keys and invalid values fail at once with a {@link IllegalArgumentException} whose message names the
 * key. A few Kafka settings that do not apply to a single Tributary node (KRaft roles, thread counts, replication of
 * internal topics) are accepted so that Kafka's own config files load unchanged.
 *
 * <pre>{@code
 * BrokerConfig config = BrokerConfig.defaults()
 *     .listener("localhost", 0)            // 0 picks a free port
 *     .logDir(Path.of("data"))
 *     .set("num.partitions", "3");
 * }</pre>
 *
 * @since 0.1
 */
public final class BrokerConfig {
    private final Map<String, String> originals;
    private final Map<String, Object> values;

    private BrokerConfig(Map<String, String> originals) {
        this.originals = Collections.unmodifiableMap(new LinkedHashMap<>(originals));
        this.values = BrokerConfigDef.DEF.parse(originals);
        Listener.parse(listeners());
        if (values.containsKey("advertised.listeners")) {
            Listener.parse(stringList("advertised.listeners"));
        }
    }

    /** Kafka's defaults: a listener on port 9092 and data in {@code /tmp/tributary-logs}. */
    public static BrokerConfig defaults() {
        return new BrokerConfig(Map.of());
    }

    /** A configuration from Kafka-style properties; every key must be known and every value valid. */
    public static BrokerConfig fromProperties(Map<String, String> properties) {
        requireNonNull(properties, "properties");
        return new BrokerConfig(properties);
    }

    /** Reads a {@code server.properties} file. */
    public static BrokerConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            map.put(name, p.getProperty(name));
        }
        return fromProperties(map);
    }

    /** Sets one property by its Kafka name. */
    public BrokerConfig set(String key, String value) {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        Map<String, String> copy = new LinkedHashMap<>(originals);
        copy.put(key, value);
        return new BrokerConfig(copy);
    }

    /** {@code node.id}. */
    public BrokerConfig nodeId(int nodeId) {
        return set("node.id", Integer.toString(nodeId));
    }

    /** A single PLAINTEXT listener ({@code listeners}); port 0 picks a free port at start. */
    public BrokerConfig listener(String host, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        return set("listeners", "PLAINTEXT://" + host + ":" + port);
    }

    /** {@code log.dirs}, a single directory. */
    public BrokerConfig logDir(Path dir) {
        return set("log.dirs", dir.toAbsolutePath().toString());
    }

    public int nodeId() {
        return (Integer) value("node.id");
    }

    /** The configured listener. */
    public Listener listener() {
        return Listener.parse(listeners()).get(0);
    }

    /** The listener announced to clients: {@code advertised.listeners}, else the listener itself. */
    public Listener advertisedListener() {
        return values.containsKey("advertised.listeners")
            ? Listener.parse(stringList("advertised.listeners")).get(0) : listener();
    }

    /** The log directory: the first of {@code log.dirs}, else {@code log.dir}. */
    public Path logDir() {
        List<String> dirs = values.containsKey("log.dirs") ? stringList("log.dirs") : List.of();
        return Path.of(dirs.isEmpty() ? (String) value("log.dir") : dirs.get(0));
    }

    /**
     * The effective value of a key: what was set, else its default; {@code null} for keys with no default.
     *
     * @throws IllegalArgumentException if the key is unknown
     */
    public Object value(String key) {
        ConfigKey def = BrokerConfigDef.DEF.key(key);
        if (def == null) {
            throw new ConfigException(key, "Unknown configuration " + key);
        }
        Object v = values.get(key);
        if (v == null && def.defaultValue() != null) {
            v = def.parse(def.defaultValue());
        }
        return v;
    }

    /** Whether the key was set explicitly (rather than defaulted). */
    public boolean isSet(String key) {
        return values.containsKey(key);
    }

    /** The properties as given, before defaults. */
    public Map<String, String> originals() {
        return originals;
    }

    @SuppressWarnings("unchecked")
    private List<String> stringList(String key) {
        return (List<String>) value(key);
    }

    private List<String> listeners() {
        return stringList("listeners");
    }

    @Override
    public String toString() {
        return "BrokerConfig" + originals;
    }

    /**
     * One listener: a name (PLAINTEXT for now), a host (empty for all interfaces) and a port.
     *
     * @param name security protocol / listener name
     * @param host host name or address, empty to bind all interfaces
     * @param port port, 0 for a free one
     */
    public record Listener(String name, String host, int port) {
        static List<Listener> parse(List<String> specs) {
            if (specs.size() != 1) {
                throw new ConfigException("listeners", "Exactly one listener is supported for now, got " + specs);
            }
            String spec = specs.get(0);
            int scheme = spec.indexOf("://");
            int colon = spec.lastIndexOf(':');
            if (scheme <= 0 || colon <= scheme + 2) {
                throw new ConfigException("listeners", spec, "expected NAME://host:port");
            }
            String name = spec.substring(0, scheme);
            if (!name.equals("PLAINTEXT")) {
                throw new ConfigException("listeners", spec, "only PLAINTEXT listeners are supported for now");
            }
            String host = spec.substring(scheme + 3, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(spec.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException("listeners", spec, "the port is not a number");
            }
            if (port < 0 || port > 65535) {
                throw new ConfigException("listeners", spec, "the port must be between 0 and 65535");
            }
            return List.of(new Listener(name, host, port));
        }
    }
}
