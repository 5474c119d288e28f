package io.tributary.streams.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serdes;
import io.tributary.streams.KeyValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB stream-stream join buffer against the in-memory one, operation by operation, and across reopening. */
final class RocksDbJoinBufferTest {
    /** Two segments of 60 s: random times cross segments and drop whole ones. */
    private static final long RETENTION = 120_000;

    @TempDir
    Path dir;
    private RocksDbMemory memory;
    private final List<RocksDbKeyValueStoreTest.Logged> expectedLog = new ArrayList<>();
    private final List<RocksDbKeyValueStoreTest.Logged> actualLog = new ArrayList<>();

    @BeforeEach
    void memory() {
        memory = RocksDbMemory.create(8L << 20);
    }

    @AfterEach
    void freeMemory() {
        memory.close();
    }

    private SegmentedJoinBuffer<String, String> open(String name) {
        return new SegmentedJoinBuffer<>(name, Serdes.string(), Serdes.string(), RETENTION, true,
            (k, v, t) -> actualLog.add(new RocksDbKeyValueStoreTest.Logged(k, v, t)),
            RocksDbBytesStore.open(name, dir.resolve(name), memory));
    }

    private InMemoryJoinBuffer<String, String> inMemory() {
        return new InMemoryJoinBuffer<>("m", Serdes.string(), Serdes.string(), RETENTION, true,
            (k, v, t) -> expectedLog.add(new RocksDbKeyValueStoreTest.Logged(k, v, t)));
    }

    @Test
    void behavesLikeTheInMemoryBufferUnderRandomOperationsAndReopening() {
        for (long seed = 1; seed <= 6; seed++) {
            Random random = new Random(seed);
            boolean reopens = seed % 2 == 0;
            InMemoryJoinBuffer<String, String> expected = inMemory();
            SegmentedJoinBuffer<String, String> actual = open("j" + seed);
            long time = 0;
            try {
                for (int i = 0; i < 3_000; i++) {
                    time += random.nextInt(1_500);
                    // Some behind retention (ignored), many at equal timestamps (duplicates in arrival order).
                    long t = Math.max(0, time - random.nextInt(150_000)) / 1_000 * 1_000;
                    String key = RocksDbWindowStoreTest.randomKey(random);
                    switch (random.nextInt(10)) {
                        case 0, 1, 2, 3, 4 -> {
                            String value = "v" + i;
                            expected.put(key, value, t);
                            actual.put(key, value, t);
                        }
                        case 5 -> {
                            expected.put(key, null, t);
                            actual.put(key, null, t);
                        }
                        case 6, 7, 8 -> {
                            long to = t + random.nextInt(100_000);
                            assertThat(actual.fetch(key, t, to)).isEqualTo(expected.fetch(key, t, to));
                        }
                        default -> {
                            if (reopens && random.nextInt(10) == 0) {
                                actual.close();
                                actual = open("j" + seed);
                            }
                        }
                    }
                    assertThat(actual.fetch(key, 0, Long.MAX_VALUE)).isEqualTo(expected.fetch(key, 0, Long.MAX_VALUE));
                }
                if (reopens) {
                    // A reopened buffer skips the sequence numbers its predecessor reserved but did not use.
                    assertThat(actualLog).extracting(RocksDbJoinBufferTest::withoutSequence)
                        .isEqualTo(expectedLog.stream().map(RocksDbJoinBufferTest::withoutSequence).toList());
                } else {
                    assertThat(actualLog).usingRecursiveFieldByFieldElementComparator().isEqualTo(expectedLog);
                }
            } finally {
                actual.close();
                expectedLog.clear();
                actualLog.clear();
            }
        }
    }

    private static String withoutSequence(RocksDbKeyValueStoreTest.Logged l) {
        return Arrays.toString(Arrays.copyOf(l.key(), l.key().length - 4)) + "=" + Arrays.toString(l.value()) + "@"
            + l.timestamp();
    }

    @Test
    void aReopenedBufferKeepsItsRecordsAndNeverReusesASequenceNumber() {
        SegmentedJoinBuffer<String, String> first = open("s");
        first.put("k", "a", 1_000);
        first.put("k", "b", 1_000);
        first.close();
        SegmentedJoinBuffer<String, String> second = open("s");
        try {
            // Same key and timestamp after reopening: kept after the two from before, none overwritten.
            second.put("k", "c", 1_000);
            assertThat(second.fetch("k", 0, 2_000)).extracting(KeyValue::value).containsExactly("a", "b", "c");
        } finally {
            second.close();
        }
    }

    @Test
    void aReopenedBufferKeepsItsStreamTimeSoExpiredRecordsStayHidden() {
        SegmentedJoinBuffer<String, String> first = open("t");
        first.put("k", "a", 1_000);
        // Stream time 121 000: records at 1 000 are beyond retention, though still on disk in a live segment.
        first.put("other", "x", 121_000);
        assertThat(first.fetch("k", 0, 2_000)).isEmpty();
        first.close();
        SegmentedJoinBuffer<String, String> second = open("t");
        try {
            assertThat(second.fetch("k", 0, 2_000)).isEmpty();
            second.put("k", "late", 1_000);
            assertThat(second.fetch("k", 0, 2_000)).isEmpty();
            assertThat(actualLog).hasSize(2);
            assertThat(second.fetch("other", 0, 200_000)).extracting(KeyValue::value).containsExactly("x");
        } finally {
            second.close();
        }
    }

    @Test
    void restoringTheChangelogOfAnInMemoryBufferGivesTheSameRecordsAndLaterDuplicatesFollowThem() {
        InMemoryJoinBuffer<String, String> expected = inMemory();
        for (int i = 0; i < 60; i++) {
            expected.put("k" + i % 5, "v" + i, i / 3 * 4_000L);
        }
        SegmentedJoinBuffer<String, String> restored = open("r");
        try {
            expectedLog.forEach(l -> restored.restore(l.key(), l.value(), l.timestamp()));
            for (int k = 0; k < 5; k++) {
                assertThat(restored.fetch("k" + k, 0, Long.MAX_VALUE))
                    .isEqualTo(expected.fetch("k" + k, 0, Long.MAX_VALUE));
            }
            assertThat(actualLog).isEmpty();
            expected.put("k4", "late", 76_000);
            restored.put("k4", "late", 76_000);
            assertThat(restored.fetch("k4", 70_000, 80_000)).isEqualTo(expected.fetch("k4", 70_000, 80_000))
                .extracting(KeyValue::value).endsWith("late");
        } finally {
            restored.close();
        }
    }

    @Test
    void wholeSegmentsBehindRetentionAreDeletedNotJustHidden() {
        InMemoryBytesStore bytes = new InMemoryBytesStore();
        SegmentedJoinBuffer<String, String> buffer = new SegmentedJoinBuffer<>("s", Serdes.string(), Serdes.string(),
            RETENTION, false, ChangeLogger.NONE, bytes);
        for (long t = 0; t < 600_000; t += 1_000) {
            buffer.put("k", "v", t);
        }
        // Stream time 599 000: live records are after 479 000; their segments (from 420 000), the stream time and
        // the sequence reservation are all that is left of 600 records.
        assertThat(bytes.approximateNumEntries()).isEqualTo(180 + 2);
        assertThat(buffer.fetch("k", 0, 600_000)).hasSize(120);
    }
}
