package io.tributary.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class OffsetTrackerTest {

    @Test
    void onlyTheContiguousAcknowledgedPrefixBecomesCommittable() {
        OffsetTracker tracker = new OffsetTracker();
        for (long o : new long[] {10, 11, 12, 15, 16}) {
            tracker.emitted(o);
        }
        assertThat(tracker.committable()).isEqualTo(-1);
        assertThat(tracker.acknowledge(12)).isFalse();
        assertThat(tracker.acknowledge(15)).isFalse();
        assertThat(tracker.committable()).isEqualTo(-1);
        assertThat(tracker.acknowledge(10)).isTrue();
        assertThat(tracker.committable()).isEqualTo(11);
        assertThat(tracker.acknowledge(11)).isTrue();
        // 12 and 15 were acknowledged ahead: the prefix jumps over them (13 and 14 were never emitted).
        assertThat(tracker.committable()).isEqualTo(16);
        assertThat(tracker.inFlight()).isEqualTo(1);
        tracker.acknowledge(16);
        assertThat(tracker.committable()).isEqualTo(17);
        assertThat(tracker.inFlight()).isZero();
    }

    @Test
    void duplicateAndStaleAcknowledgementsChangeNothing() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.emitted(0);
        tracker.emitted(1);
        tracker.acknowledge(0);
        assertThat(tracker.acknowledge(0)).isFalse();
        assertThat(tracker.committable()).isEqualTo(1);
        tracker.reset();
        assertThat(tracker.acknowledge(1)).isFalse();
        assertThat(tracker.committable()).isEqualTo(-1);
    }

    @Test
    void theRingGrowsAndWrapsAroundAndAgreesWithAPlainModel() {
        OffsetTracker tracker = new OffsetTracker();
        Random random = new Random(42);
        ArrayDeque<Long> modelInFlight = new ArrayDeque<>();
        Set<Long> modelAcknowledged = new HashSet<>();
        List<Long> unacknowledged = new ArrayList<>();
        long modelCommittable = -1;
        long next = 0;
        for (int step = 0; step < 20_000; step++) {
            if (unacknowledged.isEmpty() || unacknowledged.size() < 300 && random.nextInt(3) > 0) {
                tracker.emitted(next);
                modelInFlight.addLast(next);
                unacknowledged.add(next);
                next += 1 + random.nextInt(2);   // gaps, as compaction and transaction markers leave
            } else {
                long offset = unacknowledged.remove(random.nextInt(unacknowledged.size()));
                modelAcknowledged.add(offset);
                boolean moved = false;
                while (!modelInFlight.isEmpty() && modelAcknowledged.remove(modelInFlight.peekFirst())) {
                    modelCommittable = modelInFlight.pollFirst() + 1;
                    moved = true;
                }
                assertThat(tracker.acknowledge(offset)).isEqualTo(moved);
            }
            assertThat(tracker.committable()).isEqualTo(modelCommittable);
            assertThat(tracker.inFlight()).isEqualTo(modelInFlight.size());
        }
    }
}
