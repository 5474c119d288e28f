package io.tributary.broker.internal.producer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Hands out producer ids, never the same one twice across restarts: ids are reserved in blocks whose end is
 * persisted (write, fsync, rename) before any id of the block is used. Thread-safe.
 */
public final class ProducerIdManager {
    private static final long BLOCK = 1000;

    private final Path file;
    private long next;
    private long blockEnd;

    public ProducerIdManager(Path logDir) {
        this.file = logDir.resolve("__tributary_metadata").resolve("producer-ids");
        try {
            long reserved = Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim())
                : 0;
            this.next = reserved;
            this.blockEnd = reserved;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("Cannot read the producer id block in " + file, e);
        }
    }

    /** A producer id no one has had before. */
    public synchronized long nextId() {
        if (next >= blockEnd) {
            reserve(next + BLOCK);
        }
        return next++;
    }

    private void reserve(long end) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("producer-ids.tmp");
            Files.writeString(tmp, Long.toString(end), StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            blockEnd = end;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reserve producer ids in " + file, e);
        }
    }
}
