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
    /** connector -> canonical partition JSON -> entry. Guarded by {@code this}. */
    private final Map<String, Map<String, Entry>> offsets = new TreeMap<>();
    private final ExecutorService io;
    private final Scheduler ioScheduler;

    private record Entry(Map<String, Object> partition, Map<String, Object> offset) {
    }

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
            synchronized (this) {
                for (Map.Entry<?, ?> c : byConnector.entrySet()) {
                    Map<String, Entry> entries = new LinkedHashMap<>();
                    for (Object e : (List<?>) c.getValue()) {
                        Map<?, ?> m = (Map<?, ?>) e;
                        Map<String, Object> partition = stringKeys(m.get("partition"));
                        entries.put(canonical(partition), new Entry(partition, stringKeys(m.get("offset"))));
                    }
                    offsets.put(String.valueOf(c.getKey()), entries);
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

    /** The partition map as JSON with sorted keys: equal for equal entries whatever the numbers' Java types. */
    static String canonical(Map<String, ?> partition) {
        try {
            return JSON.writer().without(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(new TreeMap<>(partition));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A source partition must hold strings, numbers and booleans, was "
                + partition, e);
        }
    }

    @Override
    public synchronized @Nullable Map<String, Object> offset(String connector, Map<String, ?> partition) {
        Map<String, Entry> entries = offsets.get(connector);
        Entry e = entries == null ? null : entries.get(canonical(partition));
        return e == null ? null : e.offset();
    }

    @Override
    public synchronized Map<Map<String, Object>, Map<String, Object>> offsets(String connector) {
        Map<Map<String, Object>, Map<String, Object>> out = new LinkedHashMap<>();
        Map<String, Entry> entries = offsets.get(connector);
        if (entries != null) {
            entries.values().forEach(e -> out.put(e.partition(), e.offset()));
        }
        return out;
    }

    @Override
    public Mono<Void> write(String connector,
                            Map<? extends Map<String, ?>, ? extends @Nullable Map<String, ?>> changes) {
        return Mono.defer(() -> {
            if (changes.isEmpty()) {
                return Mono.empty();
            }
            synchronized (this) {
                Map<String, Entry> entries = offsets.computeIfAbsent(connector, c -> new LinkedHashMap<>());
                changes.forEach((partition, offset) -> {
                    String key = canonical(partition);
                    if (offset == null) {
                        entries.remove(key);
                    } else {
                        entries.put(key, new Entry(Map.copyOf(partition), Map.copyOf(offset)));
                    }
                });
                if (entries.isEmpty()) {
                    offsets.remove(connector);
                }
            }
            return persist();
        });
    }

    @Override
    public Mono<Void> remove(String connector) {
        return Mono.defer(() -> {
            synchronized (this) {
                offsets.remove(connector);
            }
            return persist();
        });
    }

    /** Writes the state as of when the write runs on the IO thread. */
    private Mono<Void> persist() {
        return Mono.<Void>fromRunnable(this::writeFile).subscribeOn(ioScheduler);
    }

    private void writeFile() {
        byte[] bytes;
        synchronized (this) {
            Map<String, List<Map<String, Object>>> connectors = new TreeMap<>();
            offsets.forEach((name, entries) -> {
                List<Map<String, Object>> list = new ArrayList<>();
                entries.values().forEach(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("partition", e.partition());
                    m.put("offset", e.offset());
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
