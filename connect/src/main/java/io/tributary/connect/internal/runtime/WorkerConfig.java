package io.tributary.connect.internal.runtime;

import io.tributary.client.ClientOptions;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.config.Validator;
import io.tributary.connect.storage.SimpleHeaderConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A worker's settings, with Kafka Connect's names: {@code bootstrap.servers} and the other client settings (given
 * to the producers, consumers and admin client alike, and overridden per role with {@code producer.*},
 * {@code consumer.*}, {@code admin.*}), the default {@code key.converter} and {@code value.converter} (with their
 * prefixed settings), {@code header.converter} (default {@link SimpleHeaderConverter}, with
 * {@code header.converter.*} settings), {@code offset.flush.interval.ms}, {@code offset.flush.timeout.ms},
 * {@code task.shutdown.graceful.timeout.ms}, {@code plugin.path}, {@code listeners} and
 * {@code offset.storage.file.filename}. Keys it does not know are ignored, as Kafka Connect ignores them. Immutable.
 */
public final class WorkerConfig {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String KEY_CONVERTER = "key.converter";
    public static final String VALUE_CONVERTER = "value.converter";
    public static final String HEADER_CONVERTER = "header.converter";
    /** The default {@value #HEADER_CONVERTER}: Kafka Connect's default, {@code SimpleHeaderConverter}. */
    public static final String HEADER_CONVERTER_DEFAULT = SimpleHeaderConverter.class.getName();
    public static final String OFFSET_FLUSH_INTERVAL_MS = "offset.flush.interval.ms";
    public static final String OFFSET_FLUSH_TIMEOUT_MS = "offset.flush.timeout.ms";
    public static final String TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS = "task.shutdown.graceful.timeout.ms";
    public static final String PLUGIN_PATH = "plugin.path";
    public static final String LISTENERS = "listeners";
    public static final String OFFSET_STORAGE_FILE = "offset.storage.file.filename";

    static final ConfigDef DEFINITION = new ConfigDef()
        .define(BOOTSTRAP_SERVERS, ConfigDef.Type.LIST, "localhost:9092", ConfigDef.Importance.HIGH,
            "A list of host/port pairs used to establish the initial connection to the Kafka cluster.")
        .define(KEY_CONVERTER, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validator.nonEmptyString(),
            ConfigDef.Importance.HIGH, "Converter class used to convert between Kafka Connect format and the "
                + "serialized form that is written to Kafka. This controls the format of the keys in messages.")
        .define(VALUE_CONVERTER, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validator.nonEmptyString(),
            ConfigDef.Importance.HIGH, "Converter class used to convert between Kafka Connect format and the "
                + "serialized form that is written to Kafka. This controls the format of the values in messages.")
        .define(HEADER_CONVERTER, ConfigDef.Type.STRING, HEADER_CONVERTER_DEFAULT, Validator.nonEmptyString(),
            ConfigDef.Importance.LOW, "HeaderConverter class used to convert between Kafka Connect format and the "
                + "serialized form that is written to Kafka. This controls the format of the header values in "
                + "messages. By default, the SimpleHeaderConverter is used to serialize header values to strings and "
                + "deserialize them by inferring the schemas.")
        .define(OFFSET_FLUSH_INTERVAL_MS, ConfigDef.Type.LONG, 60000L, Validator.atLeast(1),
            ConfigDef.Importance.LOW, "Interval at which to try committing offsets for tasks.")
        .define(OFFSET_FLUSH_TIMEOUT_MS, ConfigDef.Type.LONG, 5000L, Validator.atLeast(1), ConfigDef.Importance.LOW,
            "Maximum number of milliseconds to wait for records to flush and partition offset data to be committed "
                + "to offset storage before cancelling the process.")
        .define(TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS, ConfigDef.Type.LONG, 5000L, Validator.atLeast(0),
            ConfigDef.Importance.LOW, "Amount of time to wait for tasks to shutdown gracefully.")
        .define(PLUGIN_PATH, ConfigDef.Type.LIST, "", ConfigDef.Importance.LOW,
            "List of paths separated by commas (,) that contain plugins (connectors, converters, transformations).")
        .define(LISTENERS, ConfigDef.Type.LIST, "http://localhost:8083", ConfigDef.Importance.LOW,
            "List of comma-separated URIs the REST API will listen on.")
        .define(OFFSET_STORAGE_FILE, ConfigDef.Type.STRING, "", ConfigDef.Importance.HIGH,
            "File to store source connector offsets in (standalone mode).");

    private final Map<String, String> originals;
    private final ParsedConfig parsed;

    /** @throws io.tributary.connect.config.ConfigException naming the first missing or invalid setting */
    public WorkerConfig(Map<String, String> props) {
        this.originals = Map.copyOf(props);
        this.parsed = DEFINITION.parse(props);
    }

    public Map<String, String> originals() {
        return originals;
    }

    public String keyConverter() {
        return String.valueOf(parsed.getString(KEY_CONVERTER));
    }

    public String valueConverter() {
        return String.valueOf(parsed.getString(VALUE_CONVERTER));
    }

    /** The default header converter's class name or alias ({@value #HEADER_CONVERTER}). */
    public String headerConverter() {
        return String.valueOf(parsed.getString(HEADER_CONVERTER));
    }

    /** The settings under {@code prefix} (such as {@code key.converter.}), the prefix stripped. */
    public Map<String, Object> withPrefix(String prefix) {
        return parsed.originalsWithPrefix(prefix);
    }

    public Duration offsetFlushInterval() {
        return Duration.ofMillis(parsed.getLong(OFFSET_FLUSH_INTERVAL_MS));
    }

    public Duration offsetFlushTimeout() {
        return Duration.ofMillis(parsed.getLong(OFFSET_FLUSH_TIMEOUT_MS));
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(parsed.getLong(TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS));
    }

    public List<Path> pluginPath() {
        return parsed.getList(PLUGIN_PATH).stream().filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    public List<String> listeners() {
        return parsed.getList(LISTENERS);
    }

    /** The offsets file of a standalone worker, or null if none is set. */
    public @Nullable Path offsetStorageFile() {
        String file = parsed.getString(OFFSET_STORAGE_FILE);
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    /** Properties for source tasks' producers: client settings, then {@code producer.*}. */
    public Map<String, Object> producerProperties() {
        return clientProperties("producer.");
    }

    /** Properties for sink tasks' consumers: client settings, then {@code consumer.*}. */
    public Map<String, Object> consumerProperties() {
        return clientProperties("consumer.");
    }

    /** Properties for the admin client: client settings, then {@code admin.*}. */
    public Map<String, Object> adminProperties() {
        return clientProperties("admin.");
    }

    private Map<String, Object> clientProperties(String rolePrefix) {
        Set<String> clientKeys = Set.copyOf(ClientOptions.propertyNames());
        Map<String, Object> out = new HashMap<>();
        originals.forEach((k, v) -> {
            if (clientKeys.contains(k)) {
                out.put(k, v);
            }
        });
        out.putAll(withPrefix(rolePrefix));
        return out;
    }
}
