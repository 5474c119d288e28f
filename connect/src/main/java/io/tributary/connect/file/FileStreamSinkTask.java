package io.tributary.connect.file;

import io.tributary.common.TopicPartition;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.data.Values;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.sink.SinkTask;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Appends each record's value, in its string form ({@code null} for none; bytes decoded as UTF-8), plus a newline
 * to a file; {@link #flush} makes what was written durable ({@code fsync}), so offsets are committed only for lines
 * on disk. Writes on {@code boundedElastic}.
 *
 * @since 0.1
 */
public class FileStreamSinkTask extends SinkTask {
    private @Nullable FileChannel channel;
    private @Nullable OutputStream out;
    private String destination = "the standard output";

    @Override
    public String version() {
        return FileStreamSourceTask.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        ParsedConfig config = FileStreamSinkConnector.CONFIG.parse(props);
        String file = config.getString(FileStreamSinkConnector.FILE_CONFIG);
        if (file == null || file.isEmpty()) {
            out = System.out;
            return;
        }
        try {
            FileChannel c = FileChannel.open(Path.of(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
            channel = c;
            out = new BufferedOutputStream(Channels.newOutputStream(c), 64 * 1024);
            destination = file;
        } catch (IOException e) {
            throw new ConnectException("Couldn't find or create file '" + file + "' for FileStreamSinkTask", e);
        }
    }

    @Override
    public Mono<Void> put(List<SinkRecord> records) {
        return Mono.<Void>fromRunnable(() -> write(records))
            .subscribeOn(Schedulers.boundedElastic());
    }

    private void write(List<SinkRecord> records) {
        OutputStream o = requireOpen();
        try {
            for (SinkRecord record : records) {
                o.write(text(record.value()).getBytes(StandardCharsets.UTF_8));
                o.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Couldn't write to " + destination, e);
        }
    }

    private static String text(@Nullable Object value) {
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return new String(Values.bytes(value), StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }

    @Override
    public Mono<Void> flush(Map<TopicPartition, Long> currentOffsets) {
        return Mono.<Void>fromRunnable(this::sync)
            .subscribeOn(Schedulers.boundedElastic());
    }

    private void sync() {
        OutputStream o = requireOpen();
        try {
            o.flush();
            FileChannel c = channel;
            if (c != null) {
                c.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Couldn't flush " + destination, e);
        }
    }

    private OutputStream requireOpen() {
        OutputStream o = out;
        if (o == null) {
            throw new IllegalStateException("The task is not started");
        }
        return o;
    }

    @Override
    public void stop() {
        OutputStream o = out;
        out = null;
        if (o == null || channel == null) {
            return;   // never close the standard output
        }
        try {
            o.close();   // flushes; the runtime flushed through preCommit before, if it could
        } catch (IOException e) {
            throw new UncheckedIOException("Couldn't close " + destination, e);
        }
    }
}
