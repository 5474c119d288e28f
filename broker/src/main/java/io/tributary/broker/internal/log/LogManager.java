package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.Directories;
import io.tributary.common.TopicPartition;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one log directory ({@code log.dirs}): opens every partition log in it on start (with recovery), creates and
 * deletes partition logs, writes the offset checkpoints, and runs the periodic tasks the broker schedules
 * (retention, compaction, time-based flush). The directory is locked ({@code .lock}) against a second broker.
 *
 * <p>A partition whose log fails to open, or later fails with a disk error, is offline: calls for it throw
 * {@link LogStorageException} (Kafka's {@code KAFKA_STORAGE_ERROR}) while every other partition carries on.
 *
 * <p>Thread-safe: the partition table is concurrent, creation and deletion are serialized, and the periodic tasks
 * may run on a background scheduler while request handlers use the logs. Everything does blocking file IO.
 */
public final class LogManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogManager.class);
    private static final String LOCK_FILE = ".lock";
    private static final String DELETE_SUFFIX = "-delete";

    private final Path logDir;
    private final Function<String, LogConfig> configForTopic;
    private final LongSupplier clock;
    private final LogCleaner cleaner = new LogCleaner();
    private final Map<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
    private final Map<TopicPartition, LogStorageException> offline = new ConcurrentHashMap<>();
    /** Checkpointed values of offline partitions, written back so that a later start still has them. */
    private final Map<String, Map<TopicPartition, Long>> offlineCheckpoints = new HashMap<>();
    private final FileChannel lockChannel;
    private final FileLock dirLock;
    private final Object checkpointLock = new Object();
    private volatile boolean closed;

    private LogManager(Path logDir, Function<String, LogConfig> configForTopic, LongSupplier clock,
                       FileChannel lockChannel, FileLock dirLock) {
        this.logDir = logDir;
        this.configForTopic = configForTopic;
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.dirLock = dirLock;
    }

    /**
     * Opens {@code logDir} (creating it if needed), locks it, and loads every partition in it, recovering each from
     * its checkpointed recovery point. Leftover {@code -delete} directories are removed.
     *
     * @param configForTopic the configuration of each topic found on disk
     * @param clock          current time in milliseconds
     * @throws IOException if the directory cannot be created, read or locked (partition failures do not throw)
     */
    public static LogManager open(Path logDir, Function<String, LogConfig> configForTopic, LongSupplier clock)
        throws IOException {
        requireNonNull(logDir, "logDir");
        requireNonNull(configForTopic, "configForTopic");
        requireNonNull(clock, "clock");
        Files.createDirectories(logDir);
        FileChannel lockChannel = FileChannel.open(logDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("log directory " + logDir + " is in use by another broker (" + LOCK_FILE + ")");
        }
        LogManager manager = new LogManager(logDir, configForTopic, clock, lockChannel, lock);
        try {
            manager.loadAll();
        } catch (IOException | RuntimeException e) {
            manager.releaseLock();
            throw e;
        }
        return manager;
    }

    /** Like {@link #open(Path, Function, LongSupplier)} with one configuration for every topic. */
    public static LogManager open(Path logDir, LogConfig config, LongSupplier clock) throws IOException {
        requireNonNull(config, "config");
        return open(logDir, topic -> config, clock);
    }

    private void loadAll() throws IOException {
        Map<TopicPartition, Long> recoveryPoints = readCheckpoint(Checkpoints.RECOVERY_POINT);
        Map<TopicPartition, Long> startOffsets = readCheckpoint(Checkpoints.LOG_START_OFFSET);
        Map<TopicPartition, Long> cleanerOffsets = readCheckpoint(Checkpoints.CLEANER_OFFSET);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(logDir, Files::isDirectory)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (name.endsWith(DELETE_SUFFIX)) {
                    Directories.deleteRecursively(dir);
                    continue;
                }
                TopicPartition tp = parse(name);
                if (tp == null) {
                    LOG.warn("Ignoring {}: not a <topic>-<partition> directory", dir);
                    continue;
                }
                try {
                    PartitionLog log = PartitionLog.open(dir, tp, configForTopic.apply(tp.topic()),
                        recoveryPoints.getOrDefault(tp, 0L), startOffsets.getOrDefault(tp, 0L), clock);
                    Long cleaned = cleanerOffsets.get(tp);
                    if (cleaned != null) {
                        log.cleanerCheckpoint(Math.max(cleaned, log.logStartOffset()));
                    }
                    logs.put(tp, log);
                } catch (IOException | RuntimeException e) {
                    LOG.error("{} is offline: cannot load {}", tp, dir, e);
                    offline.put(tp, new LogStorageException("cannot load the log of " + tp + ": " + e, e));
                    keepOfflineCheckpoint(Checkpoints.RECOVERY_POINT, tp, recoveryPoints);
                    keepOfflineCheckpoint(Checkpoints.LOG_START_OFFSET, tp, startOffsets);
                    keepOfflineCheckpoint(Checkpoints.CLEANER_OFFSET, tp, cleanerOffsets);
                }
            }
        }
    }

    private Map<TopicPartition, Long> readCheckpoint(String name) {
        try {
            return Checkpoints.read(logDir.resolve(name));
        } catch (IOException e) {
            LOG.warn("Ignoring {} and recovering every log fully: {}", name, e.toString());
            return Map.of();
        }
    }

    private void keepOfflineCheckpoint(String file, TopicPartition tp, Map<TopicPartition, Long> values) {
        Long value = values.get(tp);
        if (value != null) {
            synchronized (checkpointLock) {
                offlineCheckpoints.computeIfAbsent(file, f -> new HashMap<>()).put(tp, value);
            }
        }
    }

    /** Parses {@code <topic>-<partition>}, splitting at the last dash; null if that is not the shape. */
    static @Nullable TopicPartition parse(String dirName) {
        int dash = dirName.lastIndexOf('-');
        if (dash <= 0 || dash == dirName.length() - 1) {
            return null;
        }
        try {
            int partition = Integer.parseInt(dirName.substring(dash + 1));
            return partition < 0 ? null : new TopicPartition(dirName.substring(0, dash), partition);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Path logDir() {
        return logDir;
    }

    /**
     * The log of {@code tp}, if this directory has one.
     *
     * @throws LogStorageException if the partition is offline
     */
    public Optional<PartitionLog> log(TopicPartition tp) {
        requireNonNull(tp, "tp");
        PartitionLog log = logs.get(tp);
        if (log != null && log.isOffline()) {
            takeOffline(log, new LogStorageException(tp + " is offline after a disk error"));
        }
        LogStorageException failed = offline.get(tp);
        if (failed != null) {
            throw new LogStorageException(failed.getMessage(), failed);
        }
        return Optional.ofNullable(logs.get(tp));
    }

    /**
     * The log of {@code tp}, created empty with {@code config} if missing.
     *
     * @throws LogStorageException if the partition is offline or its directory cannot be created
     */
    public PartitionLog getOrCreate(TopicPartition tp, LogConfig config) {
        requireNonNull(tp, "tp");
        requireNonNull(config, "config");
        ensureOpen();
        PartitionLog existing = log(tp).orElse(null);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            existing = logs.get(tp);
            if (existing != null) {
                return existing;
            }
            try {
                PartitionLog log = PartitionLog.open(logDir.resolve(tp.topic() + "-" + tp.partition()), tp, config,
                    0, 0, clock);
                logs.put(tp, log);
                return log;
            } catch (IOException e) {
                throw new LogStorageException("cannot create the log of " + tp + ": " + e, e);
            }
        }
    }

    /** A snapshot of the online logs. */
    public Map<TopicPartition, PartitionLog> logs() {
        return Map.copyOf(logs);
    }

    /** The partitions taken offline by disk errors. */
    public Set<TopicPartition> offlinePartitions() {
        for (PartitionLog log : logs.values()) {
            if (log.isOffline()) {
                takeOffline(log, new LogStorageException(log.topicPartition() + " is offline after a disk error"));
            }
        }
        return Set.copyOf(offline.keySet());
    }

    /** Applies {@code config} to every log of {@code topic} (AlterConfigs). */
    public void updateConfig(String topic, LogConfig config) {
        requireNonNull(topic, "topic");
        requireNonNull(config, "config");
        logs.forEach((tp, log) -> {
            if (tp.topic().equals(topic)) {
                log.config(config);
            }
        });
    }

    /**
     * Deletes the log of {@code tp}: closes it, renames its directory to {@code <topic>-<partition>.<uuid>-delete}
     * (so an interrupted deletion finishes on the next start) and removes it. No-op if there is none.
     *
     * @throws LogStorageException if the directory cannot be renamed or removed
     */
    public synchronized void delete(TopicPartition tp) {
        requireNonNull(tp, "tp");
        offline.remove(tp);
        synchronized (checkpointLock) {
            offlineCheckpoints.values().forEach(values -> values.remove(tp));
        }
        PartitionLog log = logs.remove(tp);
        Path dir = logDir.resolve(tp.topic() + "-" + tp.partition());
        if (log != null) {
            log.closeHandles();
            dir = log.dir();
        }
        if (!Files.exists(dir)) {
            return;
        }
        Path doomed = dir.resolveSibling(dir.getFileName() + "." + UUID.randomUUID().toString().replace("-", "")
            + DELETE_SUFFIX);
        try {
            Files.move(dir, doomed);
            Checkpoints.fsyncDirectory(logDir);
            Directories.deleteRecursively(doomed);
        } catch (IOException e) {
            throw new LogStorageException("cannot delete the log of " + tp + ": " + e, e);
        }
    }

    /** Writes the recovery-point, log-start-offset and cleaner-offset checkpoints of every log. */
    public void checkpoint() {
        synchronized (checkpointLock) {
            writeCheckpoint(Checkpoints.RECOVERY_POINT, PartitionLog::recoveryPoint);
            writeCheckpoint(Checkpoints.LOG_START_OFFSET, PartitionLog::logStartOffset);
            writeCheckpoint(Checkpoints.CLEANER_OFFSET, PartitionLog::cleanerCheckpoint);
        }
    }

    private void writeCheckpoint(String name, ToLongFunction<PartitionLog> value) {
        Map<TopicPartition, Long> offsets = new HashMap<>(offlineCheckpoints.getOrDefault(name, Map.of()));
        logs.forEach((tp, log) -> offsets.put(tp, value.applyAsLong(log)));
        try {
            Checkpoints.write(logDir.resolve(name), offsets);
        } catch (IOException e) {
            throw new LogStorageException("cannot write " + logDir.resolve(name) + ": " + e, e);
        }
    }

    /**
     * Applies retention to every log (and removes files whose deletion delay passed); a failing log is reported
     * (and listed offline if a disk error took it offline), the others carry on.
     *
     * @return the number of segments deleted
     */
    public int runRetention(long nowMs) {
        int deleted = 0;
        for (PartitionLog log : logs.values()) {
            try {
                deleted += log.applyRetention(nowMs);
            } catch (RuntimeException e) {
                handleFailure(log, "retention", e);
            }
        }
        return deleted;
    }

    /**
     * Runs one compaction round on every log whose policy includes compact and whose dirty ratio or lag calls
     * for it; a failing log is reported (and taken offline on a disk error), the others carry on.
     *
     * @return the number of logs compacted
     */
    public int runCleaner(long nowMs) {
        int cleaned = 0;
        for (PartitionLog log : logs.values()) {
            try {
                if (cleaner.clean(log, nowMs) != null) {
                    cleaned++;
                }
            } catch (RuntimeException e) {
                handleFailure(log, "compaction", e);
            }
        }
        return cleaned;
    }

    /** Fsyncs the logs whose unflushed data is older than their {@code flush.ms}. */
    public void flushDirtyLogs(long nowMs) {
        for (PartitionLog log : logs.values()) {
            try {
                log.flushIfDue(nowMs);
            } catch (RuntimeException e) {
                handleFailure(log, "flush", e);
            }
        }
    }

    private void handleFailure(PartitionLog log, String task, RuntimeException e) {
        LOG.error("{}: {} failed", log.topicPartition(), task, e);
        // Only a failed write takes a log offline (PartitionLog decides); a failed read or clean is just reported.
        if (log.isOffline()) {
            takeOffline(log, e instanceof LogStorageException s ? s
                : new LogStorageException(log.topicPartition() + " is offline: " + e, e));
        }
    }

    private void takeOffline(PartitionLog log, LogStorageException cause) {
        TopicPartition tp = log.topicPartition();
        if (logs.remove(tp, log)) {
            offline.put(tp, cause);
            keepOfflineCheckpoint(Checkpoints.RECOVERY_POINT, tp, Map.of(tp, log.recoveryPoint()));
            keepOfflineCheckpoint(Checkpoints.LOG_START_OFFSET, tp, Map.of(tp, log.logStartOffset()));
            keepOfflineCheckpoint(Checkpoints.CLEANER_OFFSET, tp, Map.of(tp, log.cleanerCheckpoint()));
            log.closeHandles();
        }
    }

    /** Flushes and closes every log, writes the checkpoints and releases the directory lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PartitionLog log : logs.values()) {
            try {
                log.close();
            } catch (RuntimeException e) {
                LOG.error("{}: close failed", log.topicPartition(), e);
            }
        }
        try {
            checkpoint();
        } finally {
            releaseLock();
        }
    }

    private void releaseLock() {
        try {
            dirLock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("Cannot release the lock of {}: {}", logDir, e.toString());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the log manager of " + logDir + " is closed");
        }
    }
}
