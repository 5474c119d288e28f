package io.tributary.broker.internal.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segments that left a log (retention, DeleteRecords, truncation, compaction) and wait, renamed to
 * {@code .deleted}, for {@code file.delete.delay.ms} before their files are removed, so that fetch slices handed
 * out earlier stay readable. Not thread-safe: the owning {@link PartitionLog} calls it under its lock.
 */
final class DeletedSegments {
    private static final Logger LOG = LoggerFactory.getLogger(DeletedSegments.class);

    private record Pending(LogSegment segment, long dueMs) {
    }

    private final List<Pending> pending = new ArrayList<>();

    /**
     * Renames the segment's files to {@code .deleted} (unless already renamed) and deletes them now if
     * {@code delayMs} is 0, else at {@code nowMs + delayMs}.
     */
    void retire(LogSegment segment, boolean alreadyRenamed, long nowMs, long delayMs) throws IOException {
        if (!alreadyRenamed) {
            segment.changeFileSuffix("", LogSegment.DELETED_SUFFIX);
        }
        if (delayMs == 0) {
            segment.delete();
        } else {
            pending.add(new Pending(segment, nowMs + delayMs));
        }
    }

    /** Deletes the files of the segments due at {@code nowMs}; failures are logged and not retried. */
    void deleteDue(long nowMs) {
        pending.removeIf(p -> {
            if (p.dueMs() > nowMs) {
                return false;
            }
            try {
                p.segment().delete();
            } catch (IOException e) {
                LOG.warn("Cannot delete {}: {}", p.segment().logFile(), e.toString());
            }
            return true;
        });
    }

    /** Releases the handles of every waiting segment, leaving the files for the next start to remove. */
    void closeAll() {
        for (Pending p : pending) {
            p.segment().closeHandlers();
        }
        pending.clear();
    }
}
