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

/** The RocksDB session store against the in-memory one, operation by operation, and across reopening. */
final class RocksDbSessionStoreTest {
    private static final long RETENTION = 120_000;
    private static final long GAP = 5_000;

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

    private SegmentedSessionStore<String, String> open(String name) {
        return new SegmentedSessionStore<>(name, Serdes.string(), Serdes.string(), RETENTION, true,
            (k, v, t) -> actualLog.add(new RocksDbKeyValueStoreTest.Logged(k, v, t)), () -> recordTimestamp,
            RocksDbBytesStore.open(name, dir.resolve(name), memory));
    }

    private InMemorySessionStore<String, String> inMemory() {
        return new InMemorySessionStore<>("m", Serdes.string(), Serdes.string(), RETENTION, true,
            (k, v, t) -> expectedLog.add(new RocksDbKeyValueStoreTest.Logged(k, v, t)), () -> recordTimestamp);
    }

    @Test
    void behavesLikeTheInMemoryStoreUnderMergingSessionsRemovesAndReopening() {
        for (long seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            InMemorySessionStore<String, String> expected = inMemory();
            SegmentedSessionStore<String, String> actual = open("s" + seed);
            long time = 0;
            try {
                for (int i = 0; i < 3_000; i++) {
                    time += random.nextInt(1_500);
                    long t = Math.max(0, time - random.nextInt(150_000));   // some behind retention: ignored writes
                    String key = RocksDbWindowStoreTest.randomKey(random);
                    recordTimestamp = t;
                    switch (random.nextInt(8)) {
                        case 0, 1, 2 -> {
                            // What a session aggregation does: find the sessions within the gap, merge them.
                            List<KeyValue<Windowed<String>, String>> found = expected.findSessions(key, t - GAP,
                                t + GAP);
                            assertThat(actual.findSessions(key, t - GAP, t + GAP)).isEqualTo(found);
                            long start = t;
                            long end = t;
                            for (KeyValue<Windowed<String>, String> s : found) {
                                start = Math.min(start, s.key().window().start());
                                end = Math.max(end, s.key().window().end());
                                expected.remove(s.key());
                                actual.remove(s.key());
                            }
                            Windowed<String> merged = new Windowed<>(key, new Window(start, end));
                            String value = "n" + (found.size() + 1);
                            expected.put(merged, value);
                            actual.put(merged, value);
                        }
                        case 3 -> {
                            Windowed<String> s = new Windowed<>(key, new Window(Math.max(0, t - random.nextInt(3)), t));
                            expected.put(s, null);
                            actual.put(s, null);
                        }
                        case 4 -> {
                            Windowed<String> s = new Windowed<>(key, new Window(Math.max(0, t - random.nextInt(3)), t));
                            expected.remove(s);
                            actual.remove(s);
                        }
                        case 5 -> assertThat(actual.fetch(key)).isEqualTo(expected.fetch(key));
                        case 6 -> {
                            long latestStart = t + random.nextInt(20_000);
                            assertThat(actual.findSessions(key, t, latestStart))
                                .isEqualTo(expected.findSessions(key, t, latestStart));
                        }
                        default -> {
                            if (random.nextInt(10) == 0) {
                                actual.close();
                                actual = open("s" + seed);
                            }
                        }
                    }
                    assertThat(actual.fetchSession(key, t, t)).isEqualTo(expected.fetchSession(key, t, t));
                }
                for (String key : List.of("", "a", "b", "a\u0000", "ab", "\u00e9")) {
                    assertThat(actual.fetch(key)).isEqualTo(expected.fetch(key));
                }
                assertThat(actualLog).usingRecursiveFieldByFieldElementComparator().isEqualTo(expectedLog);
            } finally {
                actual.close();
                expectedLog.clear();
                actualLog.clear();
            }
        }
    }

    @Test
    void sessionsComeByEndThenLatestStartFirstAcrossSegmentsAndSurviveReopening() {
        SegmentedSessionStore<String, String> first = open("s");
        first.put(new Windowed<>("k", new Window(0, 90_000)), "long");
        first.put(new Windowed<>("k", new Window(50, 60)), "a");
        first.put(new Windowed<>("k", new Window(40, 60)), "b");
        first.put(new Windowed<>("k", new Window(60, 60)), "c");
        first.put(new Windowed<>("k\u0000", new Window(60, 60)), "other key");
        first.put(new Windowed<>("k", new Window(0, 5)), "early");
        first.close();
        SegmentedSessionStore<String, String> second = open("s");
        try {
            assertThat(second.fetch("k")).extracting(KeyValue::value)
                .containsExactly("early", "c", "a", "b", "long");
            assertThat(second.findSessions("k", 60, 45)).extracting(KeyValue::value).containsExactly("b", "long");
            // Stream time 90 000 came back from disk: a session ending at 130 000 expires those ending by 10 000.
            second.put(new Windowed<>("j", new Window(130_000, 130_000)), "x");
            assertThat(second.fetch("k")).extracting(KeyValue::value).containsExactly("long");
            assertThat(second.fetchSession("k", 50, 60)).isNull();
        } finally {
            second.close();
        }
    }

    @Test
    void restoringTheChangelogOfAnInMemoryStoreGivesTheSameSessions() {
        InMemorySessionStore<String, String> expected = inMemory();
        for (int i = 0; i < 50; i++) {
            expected.put(new Windowed<>("k" + i % 5, new Window(i * 4_000L, i * 5_000L)), "v" + i);
            if (i % 7 == 0) {
                expected.remove(new Windowed<>("k" + i % 5, new Window(i * 4_000L, i * 5_000L)));
            }
        }
        SegmentedSessionStore<String, String> restored = open("s");
        try {
            expectedLog.forEach(l -> restored.restore(l.key(), l.value(), l.timestamp()));
            for (int k = 0; k < 5; k++) {
                assertThat(restored.fetch("k" + k)).isEqualTo(expected.fetch("k" + k));
            }
            assertThat(actualLog).isEmpty();
        } finally {
            restored.close();
        }
    }
}
