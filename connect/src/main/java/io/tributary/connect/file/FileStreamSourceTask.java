package io.tributary.connect.file;

import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.data.Schema;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.SourceTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Emits the lines of a file as STRING values without key, each with source partition {@code {"filename": path}}
 * and source offset {@code {"position": bytes after the line}}; starts after the committed position, so a
 * restarted task repeats no line that was written. Reads on {@code boundedElastic}, only as far as requested, and
 * keeps following the file as it grows.
 *
 * @since 0.1
 */
public class FileStreamSourceTask extends SourceTask {
    /** The source partition key: the file's name as configured. */
    public static final String FILENAME_FIELD = "filename";
    /** The source offset key: the byte position after the line. */
    public static final String POSITION_FIELD = "position";
    static final String VERSION = "0.1.0";
    /** How often the end of the file is looked at again; short, since the look is cheap. */
    private static final Duration POLL = Duration.ofMillis(100);

    private @Nullable String filename;
    private String topic = "";
    private int batchSize = FileStreamSourceConnector.DEFAULT_TASK_BATCH_SIZE;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        ParsedConfig config = FileStreamSourceConnector.CONFIG.parse(props);
        String file = config.getString(FileStreamSourceConnector.FILE_CONFIG);
        filename = file == null || file.isEmpty() ? null : file;
        topic = String.valueOf(config.getString(FileStreamSourceConnector.TOPIC_CONFIG));
        Integer batch = config.getInt(FileStreamSourceConnector.TASK_BATCH_SIZE_CONFIG);
        batchSize = batch == null ? FileStreamSourceConnector.DEFAULT_TASK_BATCH_SIZE : batch;
    }

    @Override
    public Flux<SourceRecord> records() {
        return Flux.defer(() -> {
            String name = filename;
            Map<String, ?> partition = name == null ? Map.of() : Map.of(FILENAME_FIELD, name);
            long start = name == null ? 0 : committedPosition(partition);
            return FileFollower.lines(name == null ? null : Path.of(name), start, batchSize, POLL)
                .map(line -> new SourceRecord(partition,
                    name == null ? Map.of() : Map.of(POSITION_FIELD, line.nextPosition()), topic, null, null, null,
                    Schema.STRING_SCHEMA, line.text(), System.currentTimeMillis(), List.of()));
        });
    }

    private long committedPosition(Map<String, ?> partition) {
        Map<String, Object> offset = context().offsetStorageReader().offset(partition);
        Object position = offset == null ? null : offset.get(POSITION_FIELD);
        return position instanceof Number n ? n.longValue() : 0L;
    }

    @Override
    public void stop() {
        // The runtime cancels the records stream, which closes the file.
    }
}
