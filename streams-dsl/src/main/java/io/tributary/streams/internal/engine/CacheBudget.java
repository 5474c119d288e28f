package io.tributary.streams.internal.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The record cache memory of one application instance ({@code statestore.cache.max.bytes}), shared by its tasks:
 * a task whose writes take the total past it flushes its own cache. Thread-safe.
 */
public final class CacheBudget {
    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    public CacheBudget(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("The cache size must not be negative, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** Whether there is a cache at all (a size of 0 turns caching off: every update is emitted). */
    boolean enabled() {
        return maxBytes > 0;
    }

    void add(long bytes) {
        used.addAndGet(bytes);
    }

    boolean exceeded() {
        return used.get() > maxBytes;
    }
}
