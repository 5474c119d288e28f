package io.tributary.broker.internal.fetch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An incremental fetch session (KIP-227): the partitions a client fetches and, for each, what the last response
 * told it, so that later responses carry only partitions with news. Guarded by its own monitor; a client uses a
 * session from one connection at a time.
 */
final class FetchSession {
    final int id;
    private int nextEpoch;
    private long lastUsedNanos;
    private final Map<PartitionKey, Cached> partitions = new LinkedHashMap<>();

    /** What the client was last told about one partition. */
    static final class Cached {
        FetchTarget target;
        long highWatermark = -1;
        long lastStableOffset = -1;
        long logStartOffset = -1;

        Cached(FetchTarget target) {
            this.target = target;
        }
    }

    FetchSession(int id, long nowNanos) {
        this.id = id;
        this.lastUsedNanos = nowNanos;
    }

    synchronized int nextEpoch() {
        return nextEpoch;
    }

    synchronized long lastUsedNanos() {
        return lastUsedNanos;
    }

    /** Applies a request's additions, updates and removals, and advances the expected epoch. */
    synchronized List<FetchTarget> update(List<FetchTarget> changed, List<PartitionKey> forgotten, long nowNanos) {
        for (PartitionKey k : forgotten) {
            partitions.remove(k);
        }
        for (FetchTarget t : changed) {
            Cached c = partitions.get(t.key());
            if (c == null) {
                partitions.put(t.key(), new Cached(t));
            } else {
                c.target = t;
            }
        }
        nextEpoch = nextEpoch == Integer.MAX_VALUE ? 1 : nextEpoch + 1;
        lastUsedNanos = nowNanos;
        List<FetchTarget> all = new ArrayList<>(partitions.size());
        for (Cached c : partitions.values()) {
            all.add(c.target);
        }
        return all;
    }

    /**
     * Whether an incremental response must carry this partition: it has records or an error, or its watermarks
     * changed since the client last heard of them. Records what the client is now told. With {@code rotate}, a
     * partition that returned records moves to the end of the session's order, so that when {@code MaxBytes} runs
     * out the partitions behind it get their turn in the next fetch.
     */
    synchronized boolean hasNews(PartitionKey key, boolean hasRecords, boolean error, long highWatermark,
                                 long lastStableOffset, long logStartOffset, boolean rotate) {
        Cached c = partitions.get(key);
        if (c == null) {
            return true;
        }
        if (rotate && hasRecords) {
            partitions.remove(key);
            partitions.put(key, c);
        }
        boolean news = hasRecords || error || c.highWatermark != highWatermark
            || c.lastStableOffset != lastStableOffset || c.logStartOffset != logStartOffset;
        c.highWatermark = highWatermark;
        c.lastStableOffset = lastStableOffset;
        c.logStartOffset = logStartOffset;
        return news;
    }
}
