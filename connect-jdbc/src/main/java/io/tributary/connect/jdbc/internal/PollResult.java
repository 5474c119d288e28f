package io.tributary.connect.jdbc.internal;

import io.tributary.connect.source.SourceRecord;
import java.time.Duration;
import java.util.List;

/**
 * What one poll of a {@link PollSession} gave: records, or none and how long to wait before the next table is due.
 * Immutable.
 *
 * @param records the records read, in offset order per table; empty when idle
 * @param idle    the wait before polling again; zero when there are records
 */
public record PollResult(List<SourceRecord> records, Duration idle) {
    public PollResult {
        records = List.copyOf(records);
    }

    /** Records to emit. */
    public static PollResult of(List<SourceRecord> records) {
        return new PollResult(records, Duration.ZERO);
    }

    /** Nothing to emit before {@code wait} has passed. */
    public static PollResult idle(Duration wait) {
        return new PollResult(List.of(), wait);
    }

    public boolean isIdle() {
        return records.isEmpty();
    }
}
