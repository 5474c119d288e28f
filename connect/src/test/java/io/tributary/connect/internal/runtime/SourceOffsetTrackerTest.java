package io.tributary.connect.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.data.Schema;
import io.tributary.connect.source.SourceRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SourceOffsetTrackerTest {
    private static final Map<String, ?> A = Map.of("file", "a");
    private static final Map<String, ?> B = Map.of("file", "b");

    private static SourceRecord record(Map<String, ?> partition, long position) {
        return new SourceRecord(partition, Map.of("position", position), "t", Schema.STRING_SCHEMA, "v");
    }

    @Test
    void commitsPerPartitionTheLatestOffsetWhosePredecessorsWereAllWritten() {
        SourceOffsetTracker tracker = new SourceOffsetTracker();
        SourceOffsetTracker.Entry a1 = tracker.submit(record(A, 1));
        SourceOffsetTracker.Entry b1 = tracker.submit(record(B, 1));
        SourceOffsetTracker.Entry a2 = tracker.submit(record(A, 2));
        SourceOffsetTracker.Entry a3 = tracker.submit(record(A, 3));

        tracker.done(a2);
        tracker.done(b1);
        assertThat(tracker.takeCommittable()).isEqualTo(Map.of(B, Map.of("position", 1L)));   // a1 holds a2 back

        tracker.done(a1);
        assertThat(tracker.takeCommittable()).isEqualTo(Map.of(A, Map.of("position", 2L)));
        assertThat(tracker.takeCommittable()).isEmpty();
        assertThat(tracker.inFlight()).isEqualTo(1);

        tracker.done(a3);
        assertThat(tracker.takeCommittable()).isEqualTo(Map.of(A, Map.of("position", 3L)));
        assertThat(tracker.inFlight()).isZero();
    }

    @Test
    void givesBackOffsetsOfAFailedCommitUnlessNewerOnesCame() {
        SourceOffsetTracker tracker = new SourceOffsetTracker();
        tracker.done(tracker.submit(record(A, 1)));
        Map<Map<String, ?>, Map<String, ?>> failed = tracker.takeCommittable();
        tracker.done(tracker.submit(record(A, 2)));
        tracker.restore(failed);
        assertThat(tracker.takeCommittable()).isEqualTo(Map.of(A, Map.of("position", 2L)));
        tracker.restore(failed);
        assertThat(tracker.takeCommittable()).isEqualTo(Map.of(A, Map.of("position", 1L)));
    }

    @Test
    void ignoresRecordsWithoutSourcePartition() {
        SourceOffsetTracker tracker = new SourceOffsetTracker();
        tracker.done(tracker.submit(new SourceRecord(Map.of(), Map.of(), "t", Schema.STRING_SCHEMA, "stdin")));
        assertThat(tracker.inFlight()).isZero();
        assertThat(tracker.takeCommittable()).isEmpty();
    }

    @Test
    void resetForgetsTheOffsetsOfAnAbortedTransaction() {
        SourceOffsetTracker tracker = new SourceOffsetTracker();
        tracker.done(tracker.submit(record(A, 1)));   // written in the transaction that then aborts
        tracker.submit(record(A, 2));                  // never written
        tracker.reset();
        assertThat(tracker.inFlight()).isZero();
        assertThat(tracker.takeCommittable()).isEmpty();
        tracker.done(tracker.submit(record(B, 1)));    // the next transaction commits B's offset only
        assertThat(tracker.takeCommittable()).isEqualTo(Map.of(B, Map.of("position", 1L)));
    }
}
