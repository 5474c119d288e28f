package io.tributary.streams.internal.engine;

import io.tributary.streams.ProcessingGuarantee;
import io.tributary.streams.StreamsException;
import io.tributary.streams.StreamsOptions;
import io.tributary.streams.internal.state.BytesStore;
import io.tributary.streams.internal.state.RocksDbBytesStore;
import io.tributary.streams.internal.state.RocksDbMemory;
import io.tributary.streams.processor.TaskId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The on-disk state of one task: {@code <state.dir>/<application.id>/<subtopology>_<partition>/}, holding its
 * persistent stores under {@code rocksdb/} and its {@link CheckpointFile}. Nothing touches the disk until the first
 * persistent store opens, so in-memory tasks never do IO. Under exactly-once a checkpoint only vouches for files
 * closed cleanly: it is deleted once read, and a logged store without one is wiped and restored in full, since its
 * files may hold writes of aborted transactions (as Kafka Streams does). Owned by its task; the changelog offsets
 * may be advanced from the producer's thread, the rest runs on the task's thread.
 */
final class TaskState {
    private final String taskName;
    private final Path directory;
    private final boolean exactlyOnce;
    private final Supplier<RocksDbMemory> memory;
    /** Opened persistent stores, and whether each has a changelog (only those are checkpointed). */
    private final Map<String, Boolean> persistent = new LinkedHashMap<>();
    /** Per persistent store, the next changelog offset its files reflect: restored to, or written up to. */
    private final Map<String, Long> changelogOffsets = new ConcurrentHashMap<>();
    private @Nullable Map<String, Long> checkpointed;

    TaskState(TaskId id, StreamsOptions options, Supplier<RocksDbMemory> memory) {
        this.taskName = id.subtopology() + "_" + id.partition();
        this.directory = options.stateDir().resolve(options.applicationId()).resolve(taskName);
        this.exactlyOnce = options.processingGuarantee() == ProcessingGuarantee.EXACTLY_ONCE_V2;
        this.memory = memory;
    }

    /** Opens persistent store {@code store} (blocking IO), wiping it first if its files cannot be trusted. */
    BytesStore open(String store, boolean logged) {
        Map<String, Long> offsets = checkpointed;
        if (offsets == null) {
            offsets = CheckpointFile.read(checkpointFile());
            if (exactlyOnce) {
                // From now on the files move ahead of any committed transaction until the next clean close.
                CheckpointFile.delete(checkpointFile());
            }
            checkpointed = offsets;
        }
        Path storeDirectory = directory.resolve("rocksdb").resolve(store);
        if (exactlyOnce && logged && !offsets.containsKey(store)) {
            wipe(storeDirectory);
        }
        persistent.put(store, logged);
        return RocksDbBytesStore.open(store, storeDirectory, memory.get());
    }

    /** Where a persistent, logged store's restore may start, or null to restore it from the changelog's start. */
    @Nullable Long checkpointedOffset(String store) {
        Map<String, Long> offsets = checkpointed;
        return offsets != null && Boolean.TRUE.equals(persistent.get(store)) ? offsets.get(store) : null;
    }

    /** The files of {@code store} now reflect its changelog up to {@code nextOffset} (exclusive). */
    void changelogAt(String store, long nextOffset) {
        if (persistent.containsKey(store)) {
            changelogOffsets.merge(store, nextOffset, Math::max);
        }
    }

    boolean hasPersistentStores() {
        return !persistent.isEmpty();
    }

    /**
     * Writes the checkpoint: call with {@link #offsetsToCheckpoint()} taken before flushing the stores, so that each
     * offset is at most what the files hold (too low only replays more; too high would lose writes). Stores with no
     * known offset are left out, to be restored in full.
     */
    void writeCheckpoint(Map<String, Long> offsets) {
        if (!persistent.isEmpty()) {
            CheckpointFile.write(checkpointFile(), offsets);
        }
    }

    /** The offsets to checkpoint, read before the stores are flushed. */
    Map<String, Long> offsetsToCheckpoint() {
        Map<String, Long> offsets = new LinkedHashMap<>();
        Map<String, Long> old = checkpointed == null ? Map.of() : checkpointed;
        persistent.forEach((store, logged) -> {
            Long offset = changelogOffsets.getOrDefault(store, old.get(store));
            if (logged && offset != null) {
                offsets.put(store, offset);
            }
        });
        return offsets;
    }

    private Path checkpointFile() {
        return directory.resolve(".checkpoint");
    }

    private static void wipe(Path storeDirectory) {
        if (!Files.isDirectory(storeDirectory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(storeDirectory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new StreamsException("Cannot wipe persistent store files at " + storeDirectory + ": " + e, e);
        }
    }

    /**
     * Checks up front that the application's state directory can be created, so that a bad {@code state.dir} fails
     * start with its path rather than the first task later. Blocking IO.
     */
    static void prepare(StreamsOptions options) {
        Path app = options.stateDir().resolve(options.applicationId());
        try {
            Files.createDirectories(app);
        } catch (IOException | SecurityException e) {
            throw new StreamsException("state.dir is not usable: cannot create " + app + " (" + e + ")", e);
        }
    }
}
