package io.tributary.broker.internal.metadata;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The cluster id and node id of a log directory, kept in Kafka's {@code meta.properties}. A new directory gets a
 * fresh cluster id (URL-safe base64 of a random UUID, as Kafka formats them); an existing one keeps its own.
 *
 * @param clusterId the cluster id
 * @param nodeId    the node id the directory belongs to
 */
public record ClusterIdentity(String clusterId, int nodeId) {

    /** Loads the directory's identity, creating it on first use; fails if the directory belongs to another node. */
    public static ClusterIdentity loadOrCreate(Path logDir, int nodeId) {
        Path file = logDir.resolve("meta.properties");
        try {
            Files.createDirectories(logDir);
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                int stored = Integer.parseInt(p.getProperty("node.id", Integer.toString(nodeId)));
                if (stored != nodeId) {
                    throw new IllegalStateException("Log directory " + logDir + " belongs to node.id " + stored
                        + ", not to node.id " + nodeId);
                }
                return new ClusterIdentity(p.getProperty("cluster.id"), nodeId);
            }
            ClusterIdentity created = new ClusterIdentity(base64(UUID.randomUUID()), nodeId);
            Properties p = new Properties();
            p.setProperty("version", "1");
            p.setProperty("cluster.id", created.clusterId);
            p.setProperty("node.id", Integer.toString(nodeId));
            p.setProperty("directory.id", base64(UUID.randomUUID()));
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, "Written by Tributary");
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }

    /**
     * A random (version 4) UUID from {@link ThreadLocalRandom}: member and topic ids need to be unique, not
     * unpredictable, and {@link UUID#randomUUID()} may read from a blocking entropy source on an event loop.
     */
    public static UUID randomUuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xf000L) | 0x4000L;
        long lsb = (r.nextLong() & ~(0xc000L << 48)) | (0x8000L << 48);
        return new UUID(msb, lsb);
    }

    /** Kafka's text form of a UUID: URL-safe base64 without padding. */
    public static String base64(UUID id) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }
}
