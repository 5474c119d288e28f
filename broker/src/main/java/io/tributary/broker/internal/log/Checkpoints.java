package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import io.tributary.common.TopicPartition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes Kafka's per-log-directory offset checkpoint files ({@code recovery-point-offset-checkpoint},
 * {@code log-start-offset-checkpoint}, {@code cleaner-offset-checkpoint}): text with the version {@code 0} on line
 * one, the entry count on line two, then one {@code topic partition offset} line per partition. Files are rewritten
 * whole and atomically (temporary file, fsync, rename, directory fsync). Stateless and thread-safe, but two writers
 * of the same file must be serialized by the caller.
 */
public final class Checkpoints {
    public static final String RECOVERY_POINT = "recovery-point-offset-checkpoint";
    public static final String LOG_START_OFFSET = "log-start-offset-checkpoint";
    public static final String CLEANER_OFFSET = "cleaner-offset-checkpoint";

    private static final int VERSION = 0;

    private Checkpoints() {
    }

    /** Atomically replaces {@code file} with {@code offsets}, sorted by topic and partition. */
    public static void write(Path file, Map<TopicPartition, Long> offsets) throws IOException {
        requireNonNull(file, "file");
        requireNonNull(offsets, "offsets");
        Map<TopicPartition, Long> sorted = new TreeMap<>((a, b) -> a.topic().equals(b.topic())
            ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
        sorted.putAll(offsets);
        StringBuilder text = new StringBuilder().append(VERSION).append('\n').append(sorted.size()).append('\n');
        sorted.forEach((tp, offset) -> text.append(tp.topic()).append(' ').append(tp.partition()).append(' ')
            .append(offset).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        fsyncDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * The offsets in {@code file}; empty if it does not exist.
     *
     * @throws IOException if it cannot be read or is malformed (the message names the line)
     */
    public static Map<TopicPartition, Long> read(Path file) throws IOException {
        requireNonNull(file, "file");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        if (lines.size() < 2) {
            throw malformed(file, "it has " + lines.size() + " lines, fewer than the 2 header lines");
        }
        if (!lines.get(0).trim().equals(String.valueOf(VERSION))) {
            throw malformed(file, "unsupported version '" + lines.get(0) + "' on line 1");
        }
        int count;
        try {
            count = Integer.parseInt(lines.get(1).trim());
        } catch (NumberFormatException e) {
            throw malformed(file, "bad entry count '" + lines.get(1) + "' on line 2");
        }
        List<String> entries = lines.subList(2, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        if (count != entries.size()) {
            throw malformed(file, "line 2 announces " + count + " entries but " + entries.size() + " follow");
        }
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String[] parts = entries.get(i).trim().split("\\s+");
            try {
                if (parts.length != 3) {
                    throw new NumberFormatException("expected 3 fields");
                }
                offsets.put(new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
            } catch (NumberFormatException e) {
                throw malformed(file, "entry " + (i + 1) + " '" + entries.get(i) + "' is not 'topic partition "
                    + "offset'");
            }
        }
        return offsets;
    }

    private static IOException malformed(Path file, String why) {
        return new IOException("malformed checkpoint file " + file + ": " + why);
    }

    /** Makes a rename in {@code dir} durable; best effort where directories cannot be opened. */
    static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on every platform (e.g. Windows); the rename itself already happened.
        }
    }
}
