package io.tributary.connect.internal.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tributary.connect.errors.ConnectException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.tributary.connect.internal.runtime.NonInterruptingExecutor;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Source offsets in a local JSON file ({@code offset.storage.file.filename}), as the standalone worker keeps them:
 * {@code {"connectors": {"<name>": [{"partition": {...}, "offset": {...}}, ...]}}}. Every write replaces the file
 * atomically (a temporary file beside it, forced to disk, then renamed over it), so a crash leaves the old or the
 * new content, never a torn one. File IO runs on one thread of its own, in the order of the writes; each write
 * stores the latest state, so later writes win. Thread-safe.
 */
public final class FileOffsetStore implements OffsetStore {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.INDENT_OUTPUT, true);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Path file;
    private final OffsetTable offsets = new OffsetTable();
    private final ExecutorService io;
    private final Scheduler ioScheduler;

    public FileOffsetStore(Path file) {
        this.file = file.toAbsolutePath();
        // Not interruptible: a write whose caller stopped waiting must still complete, or the file channel closes.
        this.io = new NonInterruptingExecutor(r -> {
            Thread t = new Thread(r, "connect-offsets-" + file.getFileName());
            t.setDaemon(true);
            return t;
        });
        this.ioScheduler = Schedulers.fromExecutorService(io);
    }

    /** The file the offsets are kept in. */
    public Path file() {
        return file;
    }

    @Override
    public Mono<Void> start() {
        return Mono.<Void>fromRunnable(this::load).subscribeOn(ioScheduler);
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            Map<String, Object> root = JSON.readValue(file.toFile(), MAP);
            Object connectors = root.get("connectors");
            if (!(connectors instanceof Map<?, ?> byConnector)) {
                return;
            }
            for (Map.Entry<?, ?> c : byConnector.entrySet()) {
                for (Object e : (List<?>) c.getValue()) {
                    Map<?, ?> m = (Map<?, ?>) e;
                    offsets.put(String.valueOf(c.getKey()), stringKeys(m.get("partition")),
                        stringKeys(m.get("offset")));
                }
            }
        } catch (IOException | ClassCastException e) {
            throw new ConnectException("Could not read the offsets in " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> stringKeys(@Nullable Object map) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (map instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    @Override
    public @Nullable Map<String, Object> offset(String connector, Map<String, ?> partition) {
        return offsets.offset(connector, partition);
    }

    @Override
    public Map<Map<String, Object>, Map<String, Object>> offsets(String connector) {
        return offsets.offsets(connector);
    }

    @Override
    public Mono<Void> write(String connector,
                            Map<? extends Map<String, ?>, ? extends @Nullable Map<String, ?>> changes) {
        return Mono.defer(() -> {
            if (changes.isEmpty()) {
                return Mono.empty();
            }
            changes.forEach((partition, offset) -> offsets.put(connector, partition, offset));
            return persist();
        });
    }

    @Override
    public Mono<Void> remove(String connector) {
        return Mono.defer(() -> {
            offsets.remove(connector);
            return persist();
        });
    }

    /** Writes the state as of when the write runs on the IO thread. */
    private Mono<Void> persist() {
        return Mono.<Void>fromRunnable(this::writeFile).subscribeOn(ioScheduler);
    }

    private void writeFile() {
        byte[] bytes;
        Map<String, List<Map<String, Object>>> connectors = new TreeMap<>();
        offsets.forEach((name, entries) -> {
            List<Map<String, Object>> list = new ArrayList<>();
            entries.forEach((partition, offset) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("partition", partition);
                m.put("offset", offset);
                list.add(m);
            });
            connectors.put(name, list);
        });
        Map<String, Object> root = new HashMap<>();
        root.put("connectors", connectors);
        try {
            bytes = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new ConnectException("Could not encode offsets: " + e.getMessage(), e);
        }
        try {
            Path dir = file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    c.write(buffer);
                }
                c.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the offsets to " + file, e);
        }
    }

    @Override
    public Mono<Void> stop() {
        // Writes queued before run first: the executor runs tasks in order.
        return Mono.<Void>fromRunnable(() -> { }).subscribeOn(ioScheduler)
            .doFinally(s -> io.shutdown());
    }
}
