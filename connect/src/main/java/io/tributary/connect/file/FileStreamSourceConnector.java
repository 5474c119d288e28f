package io.tributary.connect.file;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ConfigValue;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.config.Validator;
import io.tributary.connect.source.ExactlyOnceSupport;
import io.tributary.connect.source.SourceConnector;
import io.tributary.connect.source.SourceTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a file line by line into one topic, following the file as it grows; with Kafka Connect's settings:
 * {@code file} (the standard input when absent), {@code topic} and {@code batch.size}. Runs one task whatever
 * {@code tasks.max} says: a file has a single reading position.
 *
 * <pre>{@code
 * name=local-file-source
 * connector.class=FileStreamSource
 * file=/tmp/input.txt
 * topic=lines
 * }</pre>
 *
 * @since 0.1
 */
public class FileStreamSourceConnector extends SourceConnector {
    /** The file to read; the standard input when absent. */
    public static final String FILE_CONFIG = "file";
    /** The topic to write each line to. */
    public static final String TOPIC_CONFIG = "topic";
    /** The most lines read in one go before the reading thread is handed back (default 2000). */
    public static final String TASK_BATCH_SIZE_CONFIG = "batch.size";
    /** Default of {@link #TASK_BATCH_SIZE_CONFIG}. */
    public static final int DEFAULT_TASK_BATCH_SIZE = 2000;

    static final ConfigDef CONFIG = new ConfigDef()
        .define(FILE_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
            "Source filename. If not specified, the standard input will be used")
        .define(TOPIC_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, FileStreamSourceConnector::oneTopic,
            ConfigDef.Importance.HIGH, "The topic to publish data to")
        .define(TASK_BATCH_SIZE_CONFIG, ConfigDef.Type.INT, DEFAULT_TASK_BATCH_SIZE, Validator.atLeast(1),
            ConfigDef.Importance.LOW, "The maximum number of records the source task can read from the file each "
                + "time it is polled");

    private Map<String, String> props = Map.of();

    @Override
    public String version() {
        return FileStreamSourceTask.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        ParsedConfig parsed = CONFIG.parse(props);   // fails the connector on a bad setting
        Map<String, String> kept = new HashMap<>();
        String file = parsed.getString(FILE_CONFIG);
        if (file != null && !file.isEmpty()) {
            kept.put(FILE_CONFIG, file);
        }
        kept.put(TOPIC_CONFIG, String.valueOf(parsed.getString(TOPIC_CONFIG)));
        kept.put(TASK_BATCH_SIZE_CONFIG, String.valueOf(parsed.getInt(TASK_BATCH_SIZE_CONFIG)));
        this.props = Map.copyOf(kept);
    }

    /** A file's lines are re-read from the committed position, so exactly once works; the standard input cannot. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> props) {
        String file = props.get(FILE_CONFIG);
        return file == null || file.isBlank() ? ExactlyOnceSupport.UNSUPPORTED : ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public Class<? extends SourceTask> taskClass() {
        return FileStreamSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        // Only one task: two readers of one file would write every line twice.
        List<Map<String, String>> configs = new ArrayList<>();
        configs.add(props);
        return configs;
    }

    @Override
    public void stop() {
        // Nothing to release: the task holds the file.
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public List<ConfigValue> validate(Map<String, String> props) {
        return CONFIG.validate(props);
    }

    private static void oneTopic(String name, @Nullable Object value) {
        if (value == null || value.toString().isEmpty()) {
            throw new ConfigException(name, value, "String must be non-empty");
        }
        if (value.toString().contains(",")) {
            throw new ConfigException(name, value, "'topic' in FileStreamSourceConnector configuration requires "
                + "definition of a single topic");
        }
    }
}
