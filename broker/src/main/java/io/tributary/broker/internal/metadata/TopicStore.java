package io.tributary.broker.internal.metadata;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Persists topics, one properties file per topic under {@code <log.dir>/__tributary_metadata/topics}, written
 * atomically (temp file, fsync, rename) so that a crash leaves either the old or the new file. Thread-safe for
 * distinct topics; the registry serialises changes to one topic.
 */
final class TopicStore {
    private static final String CONFIG_PREFIX = "config.";

    private final Path dir;

    TopicStore(Path logDir) {
        this.dir = logDir.resolve("__tributary_metadata").resolve("topics");
    }

    List<Topic> loadAll() {
        List<Topic> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".properties")).toList()) {
                out.add(read(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read topic metadata in " + dir, e);
        }
        return out;
    }

    void save(Topic topic) {
        Properties p = new Properties();
        p.setProperty("name", topic.name());
        p.setProperty("topic.id", topic.id().toString());
        p.setProperty("partitions", Integer.toString(topic.partitions()));
        p.setProperty("internal", Boolean.toString(topic.internal()));
        topic.configs().forEach((k, v) -> p.setProperty(CONFIG_PREFIX + k, v));
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(topic.name() + ".properties.tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "Tributary topic metadata");
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file(topic.name()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(topic.name()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save metadata of topic " + topic.name(), e);
        }
    }

    void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete metadata of topic " + name, e);
        }
    }

    private Path file(String name) {
        return dir.resolve(name + ".properties");
    }

    private static Topic read(Path f) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> configs = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(CONFIG_PREFIX)) {
                configs.put(key.substring(CONFIG_PREFIX.length()), p.getProperty(key));
            }
        }
        return new Topic(p.getProperty("name"), UUID.fromString(p.getProperty("topic.id")),
            Integer.parseInt(p.getProperty("partitions")), configs, Boolean.parseBoolean(p.getProperty("internal")));
    }
}
