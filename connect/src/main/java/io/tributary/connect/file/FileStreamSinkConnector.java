package io.tributary.connect.file;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.sink.SinkConnector;
import io.tributary.connect.sink.SinkTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends the value of every record of its topics, as a line, to a file ({@code file}; the standard output when
 * absent); with Kafka Connect's settings.
 *
 * <pre>{@code
 * name=local-file-sink
 * connector.class=FileStreamSink
 * file=/tmp/output.txt
 * topics=lines
 * }</pre>
 *
 * @since 0.1
 */
public class FileStreamSinkConnector extends SinkConnector {
    /** The file to append to; the standard output when absent. */
    public static final String FILE_CONFIG = "file";

    static final ConfigDef CONFIG = new ConfigDef()
        .define(FILE_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
            "Destination filename. If not specified, the standard output will be used");

    private Map<String, String> props = Map.of();

    @Override
    public String version() {
        return FileStreamSourceTask.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        CONFIG.parse(props);   // fails the connector on a bad setting
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends SinkTask> taskClass() {
        return FileStreamSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        // Nothing to release: the tasks hold the file.
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }
}
