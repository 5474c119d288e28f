package io.tributary.connect.internal.runtime;

import io.tributary.connect.internal.herder.ConnectorTaskId;

/**
 * Whether a worker runs its source tasks exactly once ({@code exactly.once.source.support=enabled}, distributed
 * workers only): each task then writes its records and their source offsets in one transaction, under a
 * transactional id that a later instance of the same task reuses, fencing the older one.
 *
 * @param enabled whether source tasks run in transactions
 * @param groupId the worker group's id, which prefixes the tasks' transactional ids
 */
public record ExactlyOnceSource(boolean enabled, String groupId) {
    public static final ExactlyOnceSource DISABLED = new ExactlyOnceSource(false, "");

    public static ExactlyOnceSource enabled(String groupId) {
        return new ExactlyOnceSource(true, groupId);
    }

    /** The transactional id of a source task, as Kafka Connect names it: {@code <group>-<connector>-<task>}. */
    public String transactionalId(ConnectorTaskId id) {
        return groupId + "-" + id.connector() + "-" + id.task();
    }
}
