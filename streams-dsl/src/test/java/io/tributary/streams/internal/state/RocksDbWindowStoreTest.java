package io.tributary.streams.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serdes;
import io.tributary.streams.KeyValue;
import io.tributary.streams.Window;
import io.tributary.streams.Windowed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB window store against the in-memory one, operation by operation, and across reopening. */
final class RocksDbWindowStoreTest {
    /** Two segments of 60 s: random times cross segments and drop whole ones. */
    private static final long RETENTION = 120_000;
    private static final long SIZE = 10_000;

    @TempDir
    Path dir;
    private RocksDbMemory memory;
    private final List<RocksDbKeyValueStoreTest.Logged> expectedLog = new ArrayList<>();
    private final List<RocksDbKeyValueStoreTest.Logged> actualLog = new ArrayList<>();
    private long recordTimestamp;

    @BeforeEach
    void memory() {
        memory = RocksDbMemory.create(8L << 20);
    }

    @AfterEach
    void freeMemory() {
        memory.close();
    }

    private SegmentedWindowStore<String, String> open(String name) {
        return new SegmentedWindowStore<>(name, Serdes.string(), Serdes.string(), RETENTION, SIZE, true,
            (k, v, t) -> actualLog.add(new RocksDbKeyValueStoreTest.Logged(k, v, t)), () -> recordTimestamp,
            RocksDbBytesStore.open(name, dir.resolve(name), memory));
    }

    private InMemoryWindowStore<String, String> inMemory() {
        return new InMemoryWindowStore<>("m", Serdes.string(), Serdes.string(), RETENTION, SIZE, true,
            (k, v, t) -> expectedLog.add(new RocksDbKeyValueStoreTest.Logged(k, v, t)), () -> recordTimestamp);
    }

    @Test
    void behavesLikeTheInMemoryStoreUnderRandomOperationsAndReopening() {
        for (long seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            InMemoryWindowStore<String, String> expected = inMemory();
            SegmentedWindowStore<String, String> actual = open("w" + seed);
            long time = 0;
            try {
                for (int i = 0; i < 3_000; i++) {
                    time += random.nextInt(1_500);
                    long start = Math.max(0, time - random.nextInt(150_000));   // some behind retention: ignored writes
                    String key = randomKey(random);
                    recordTimestamp = random.nextInt(1_000);
                    switch (random.nextInt(10)) {
                        case 0, 1, 2, 3 -> {
                            String value = "v" + random.nextInt(100);
                            long timestamp = random.nextInt(1_000);
                            expected.put(key, value, start, timestamp);
                            actual.put(key, value, start, timestamp);
                        }
                        case 4 -> {
                            expected.put(key, null, start);
                            actual.put(key, null, start);
                        }
                        case 5, 6 -> {
                            long to = start + random.nextInt(100_000);
                            assertThat(actual.fetchWithTimestamps(key, start, to))
                                .isEqualTo(expected.fetchWithTimestamps(key, start, to));
                        }
                        case 7 -> assertThat(actual.fetch(key, Long.MIN_VALUE, Long.MAX_VALUE))
                            .isEqualTo(expected.fetch(key, Long.MIN_VALUE, Long.MAX_VALUE));
                        case 8 -> assertThat(actual.all()).isEqualTo(expected.all());
                        default -> {
                            if (random.nextInt(20) == 0) {
                                actual.close();
                                actual = open("w" + seed);
                            }
                        }
                    }
                    assertThat(actual.fetchWithTimestamp(key, start))
                        .isEqualTo(expected.fetchWithTimestamp(key, start));
                }
                assertThat(actual.all()).isEqualTo(expected.all());
                assertThat(actualLog).usingRecursiveFieldByFieldElementComparator().isEqualTo(expectedLog);
            } finally {
                actual.close();
                expectedLog.clear();
                actualLog.clear();
            }
        }
    }

    @Test
    void allIsInKeyByteOrderThenStartAcrossSegmentsAndKeysWithZeroBytes() {
        SegmentedWindowStore<String, String> store = open("s");
        try {
            // "a\0" must follow "a" and precede "a\1" and "ab", whatever the start: raw key bytes + start would not.
            for (String key : List.of("ab", "a\u0001", "a\u0000", "a", "")) {
                store.put(key, key + "@70000", 70_000, 1);
                store.put(key, key + "@0", 0, 1);
            }
            assertThat(store.all()).extracting(kv -> kv.key().key() + "@" + kv.key().window().start()).containsExactly(
                "@0", "@70000", "a@0", "a@70000", "a\u0000@0", "a\u0000@70000", "a\u0001@0", "a\u0001@70000",
                "ab@0", "ab@70000");
            assertThat(store.fetch("a", 0, 80_000))
                .containsExactly(KeyValue.pair(0L, "a@0"), KeyValue.pair(70_000L, "a@70000"));
        } finally {
            store.close();
        }
    }

    @Test
    void reopeningKeepsWindowsAndStreamTimeSoExpiryGoesOn() {
        SegmentedWindowStore<String, String> first = open("s");
        first.put("k", "old", 0, 3);
        first.put("k", "new", 100_000, 4);
        first.close();
        SegmentedWindowStore<String, String> second = open("s");
        try {
            assertThat(second.fetchWithTimestamp("k", 0)).isEqualTo(new ValueAndTimestamp<>("old", 3L));
            // Stream time (100 000) came back from disk: this write moves it to 120 000, which expires window 0.
            second.put("j", "x", 120_000, 5);
            assertThat(second.fetch("k", 0)).isNull();
            assertThat(second.all()).containsExactly(
                KeyValue.pair(new Windowed<>("j", new Window(120_000, 130_000)), "x"),
                KeyValue.pair(new Windowed<>("k", new Window(100_000, 110_000)), "new"));
            // Behind retention: ignored and not logged, as in memory.
            int logged = actualLog.size();
            second.put("k", "late", 0, 6);
            assertThat(second.fetch("k", 0)).isNull();
            assertThat(actualLog).hasSize(logged);
        } finally {
            second.close();
        }
    }

    @Test
    void restoringTheChangelogOfAnInMemoryStoreGivesTheSameContents() {
        InMemoryWindowStore<String, String> expected = inMemory();
        for (int i = 0; i < 50; i++) {
            expected.put("k" + i % 7, "v" + i, i * 5_000L, i);
        }
        SegmentedWindowStore<String, String> restored = open("s");
        try {
            expectedLog.forEach(l -> restored.restore(l.key(), l.value(), l.timestamp()));
            assertThat(restored.all()).isEqualTo(expected.all());
            assertThat(actualLog).isEmpty();
        } finally {
            restored.close();
        }
    }

    @Test
    void wholeSegmentsBehindRetentionAreDeletedNotJustHidden() {
        InMemoryBytesStore bytes = new InMemoryBytesStore();
        SegmentedWindowStore<String, String> store = new SegmentedWindowStore<>("s", Serdes.string(),
            Serdes.string(), RETENTION, SIZE, false, ChangeLogger.NONE, () -> 0L, bytes);
        for (long start = 0; start < 600_000; start += 1_000) {
            store.put("k", "v", start);
        }
        // Stream time 599 000: live windows start after 479 000; their segments (from 420 000) and the stream time
        // entry are all that is left of 600 windows.
        assertThat(bytes.approximateNumEntries()).isEqualTo(180 + 1);
        assertThat(store.fetch("k", 0, 600_000)).hasSize(120);
    }

    /** Short keys with prefixes of each other, zero bytes and a byte above ASCII: the cases key encoding must order. */
    static String randomKey(Random random) {
        String alphabet = "ab\u0000\u00e9";
        StringBuilder key = new StringBuilder();
        int length = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }
}
