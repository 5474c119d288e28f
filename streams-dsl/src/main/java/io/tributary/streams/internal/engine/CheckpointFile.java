package io.tributary.streams.internal.engine;

import io.tributary.streams.StreamsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's checkpoint: per persistent store, the changelog offset its local files reflect (the next offset to
 * restore from). Text: a version line, then {@code <store> <offset>} lines. Written to a temporary file and moved
 * over the old one, so a crash leaves the old checkpoint or the new one, never half of one. Stateless; blocking IO.
 */
final class CheckpointFile {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFile.class);
    private static final String VERSION = "0";

    private CheckpointFile() {
    }

    /** The offsets in {@code file}; none if it is missing, or unreadable (then the stores restore in full). */
    static Map<String, Long> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new StreamsException("Cannot read checkpoint " + file + ": " + e, e);
        }
        Map<String, Long> offsets = new LinkedHashMap<>();
        if (lines.isEmpty() || !lines.get(0).equals(VERSION)) {
            LOG.warn("Ignoring checkpoint {} of unknown version; its stores are restored in full", file);
            return Map.of();
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split(" ");
            try {
                offsets.put(parts[0], Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                LOG.warn("Ignoring malformed checkpoint {} (line '{}'); its stores are restored in full", file, line);
                return Map.of();
            }
        }
        return offsets;
    }

    /** Replaces {@code file} atomically with {@code offsets}. */
    static void write(Path file, Map<String, Long> offsets) {
        List<String> lines = new ArrayList<>();
        lines.add(VERSION);
        offsets.forEach((store, offset) -> lines.add(store + " " + offset));
        try {
            // A unique temporary name: a periodic checkpoint and a closing one may overlap.
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write checkpoint " + file, e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StreamsException("Cannot delete checkpoint " + file + ": " + e, e);
        }
    }
}
