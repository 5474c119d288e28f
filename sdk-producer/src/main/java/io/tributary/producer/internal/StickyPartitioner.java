package io.tributary.producer.internal;

import io.tributary.protocol.Partitions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * kafka-clients' built-in partitioning: murmur2 of the key bytes for keyed records, and for records without a key
 * the uniform sticky strategy — stay on one partition until about {@code batch.size} bytes went to it, then switch
 * to another chosen at random, so that batches fill up instead of spreading thin. Thread-safe.
 */
final class StickyPartitioner {
    private final int batchSize;
    private final Map<String, Sticky> sticky = new ConcurrentHashMap<>();

    StickyPartitioner(int batchSize) {
        this.batchSize = batchSize;
    }

    int partition(String topic, byte @Nullable [] keyBytes, int recordBytes, int partitionCount) {
        if (keyBytes != null) {
            return Partitions.forKey(keyBytes, partitionCount);
        }
        Sticky s = sticky.computeIfAbsent(topic, t -> new Sticky());
        synchronized (s) {
            if (s.partition < 0 || s.partition >= partitionCount || s.bytes >= batchSize) {
                s.partition = next(s.partition, partitionCount);
                s.bytes = 0;
            }
            s.bytes += recordBytes;
            return s.partition;
        }
    }

    private static int next(int previous, int partitionCount) {
        if (partitionCount == 1) {
            return 0;
        }
        int p = ThreadLocalRandom.current().nextInt(partitionCount - (previous < 0 ? 0 : 1));
        return previous >= 0 && p >= previous ? p + 1 : p;
    }

    private static final class Sticky {
        private int partition = -1;
        private long bytes;
    }
}
