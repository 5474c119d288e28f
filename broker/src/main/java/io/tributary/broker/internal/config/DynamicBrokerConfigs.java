package io.tributary.broker.internal.config;

import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Broker configs changed at run time through AlterConfigs / IncrementalAlterConfigs (resource type BROKER), kept in
 * {@code <log.dir>/__tributary_metadata/broker.properties} so that they survive a restart. Only the log defaults
 * (the broker synonyms of topic configs) and a few limits may change dynamically, as in Kafka. Thread-safe.
 */
public final class DynamicBrokerConfigs {
    private static final Set<String> EXTRA_DYNAMIC =
        Set.of("log.cleaner.backoff.ms", "log.retention.check.interval.ms");

    private final Path file;
    private volatile Map<String, String> values;

    public DynamicBrokerConfigs(Path logDir) {
        this.file = logDir.resolve("__tributary_metadata").resolve("broker.properties");
        this.values = Map.copyOf(load(file));
    }

    public Map<String, String> values() {
        return values;
    }

    /** Fails with INVALID_CONFIG unless every entry may change dynamically and has a valid value. */
    public static void validate(Map<String, String> changes) {
        for (Map.Entry<String, String> e : changes.entrySet()) {
            ConfigKey key = BrokerConfigDef.DEF.key(e.getKey());
            if (key == null) {
                throw ErrorCode.INVALID_CONFIG.exception("Unknown broker config " + e.getKey());
            }
            if (!isDynamic(e.getKey())) {
                throw ErrorCode.INVALID_CONFIG.exception("Cannot update broker config " + e.getKey()
                    + " dynamically; it is read-only");
            }
            if (e.getValue() != null) {
                try {
                    key.parse(e.getValue());
                } catch (ConfigException ex) {
                    throw ErrorCode.INVALID_CONFIG.exception(ex.getMessage());
                }
            }
        }
    }

    public static boolean isDynamic(String key) {
        return EXTRA_DYNAMIC.contains(key) || TopicConfigDef.SYNONYMS.values().stream().anyMatch(l -> l.contains(key));
    }

    /** Replaces all dynamic values and persists them. */
    public synchronized void replace(Map<String, String> next) throws ApiException {
        validate(next);
        save(next);
        values = Map.copyOf(next);
    }

    private void save(Map<String, String> next) {
        Properties p = new Properties();
        p.putAll(next);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("broker.properties.tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "Dynamic broker configs");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save " + file, e);
        }
    }

    private static Map<String, String> load(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        for (String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k));
        }
        return out;
    }
}
