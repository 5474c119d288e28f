package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * Where a key of a store lives: the instance whose task holds it now, the instances with standby copies of that
 * task, and the partition. {@link #NOT_AVAILABLE} while no instance is known to hold it (before the first
 * assignment, during a rebalance that moves its task, or without {@code application.server}).
 *
 * @param activeHost   the instance running the key's task
 * @param standbyHosts instances keeping standby copies of its stores (not queryable yet)
 * @param partition    the key's partition of the store's source topics
 * @since 0.1
 */
public record KeyQueryMetadata(HostInfo activeHost, Set<HostInfo> standbyHosts, int partition) {
    /** No instance is known to hold the key. */
    public static final KeyQueryMetadata NOT_AVAILABLE = new KeyQueryMetadata(new HostInfo("unavailable", 0),
        Set.of(), -1);

    public KeyQueryMetadata {
        requireNonNull(activeHost, "activeHost");
        standbyHosts = Set.copyOf(standbyHosts);
    }
}
