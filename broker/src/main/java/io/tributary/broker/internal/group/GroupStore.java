package io.tributary.broker.internal.group;

import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where groups persist their records. {@link ClassicGroup} calls {@link #write} while holding its lock, so an
 * implementation must only enqueue there and do the IO elsewhere; records of one group must be written in the order
 * of the calls. Implementations are thread-safe.
 */
public interface GroupStore {
    /** A store that keeps nothing and reports every write as done at once (for tests and tools). */
    GroupStore NONE = (groupId, records, done) -> done.accept(null);

    /**
     * Writes records of one group.
     *
     * @param groupId the group (all records belong to it)
     * @param records the records, in order
     * @param done    called once the records are durable (with null) or failed (with the failure), on any thread
     */
    void write(String groupId, List<CoordinatorRecord> records, Consumer<@Nullable Throwable> done);

    /**
     * Writes offset records of one group as part of a producer's transaction: they count only once the
     * transaction's COMMIT marker follows them. A failure that is an {@link io.tributary.errors.ApiException}
     * carries the error to return (a fenced producer). The default writes them as ordinary records.
     */
    default void writeTransactional(String groupId, long producerId, short producerEpoch,
                                    List<CoordinatorRecord> records, Consumer<@Nullable Throwable> done) {
        write(groupId, records, done);
    }
}
