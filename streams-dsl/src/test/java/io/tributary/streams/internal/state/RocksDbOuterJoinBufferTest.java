package io.tributary.streams.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serdes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB outer join buffer against the in-memory one, operation by operation, and across reopening. */
final class RocksDbOuterJoinBufferTest {
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

    private BytesOuterJoinBuffer<String, String, Long> open(String name) {
        return new BytesOuterJoinBuffer<>(name, Serdes.string(), Serdes.string(), Serdes.longSerde(), true,
            (k, v, t) -> actualLog.add(new RocksDbKeyValueStoreTest.Logged(k, v, t)),
            RocksDbBytesStore.open(name, dir.resolve(name), memory));
    }

    private InMemoryOuterJoinBuffer<String, String, Long> inMemory() {
        return new InMemoryOuterJoinBuffer<>("m", Serdes.string(), Serdes.string(), Serdes.longSerde(), true,
            (k, v, t) -> expectedLog.add(new RocksDbKeyValueStoreTest.Logged(k, v, t)));
    }

    @Test
    void behavesLikeTheInMemoryBufferUnderRandomOperationsAndReopening() {
        for (long seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            InMemoryOuterJoinBuffer<String, String, Long> expected = inMemory();
            BytesOuterJoinBuffer<String, String, Long> actual = open("o" + seed);
            try {
                for (int i = 0; i < 4_000; i++) {
                    // Few timestamps and keys: slots collect several values; hundreds of slots, several pages.
                    long t = random.nextInt(300);
                    String key = RocksDbWindowStoreTest.randomKey(random);
                    boolean left = random.nextBoolean();
                    switch (random.nextInt(12)) {
                        case 0, 1, 2, 3, 4, 5 -> {
                            Object value = left ? "v" + i : (Object) (long) i;
                            expected.put(key, t, left, value);
                            actual.put(key, t, left, value);
                        }
                        case 6, 7 -> {
                            expected.remove(key, t, left);
                            actual.remove(key, t, left);
                        }
                        case 8 -> {
                            // As the join does: emit the records up to a time, removing each slot once passed.
                            long until = random.nextInt(300);
                            assertThat(drain(actual, until)).isEqualTo(drain(expected, until));
                        }
                        case 9 -> {
                            long time = random.nextInt(1_000);
                            expected.clock().observe(time);
                            actual.clock().observe(time);
                            expected.clock().minTime(time);
                            actual.clock().minTime(time);
                        }
                        default -> {
                            if (random.nextInt(10) == 0) {
                                actual.close();
                                actual = open("o" + seed);
                                // The join's time is not kept: a reopened buffer starts afresh, as a restored one.
                                expected = restoredFromLog();
                            }
                        }
                    }
                    assertThat(actual.clock().streamTime()).isEqualTo(expected.clock().streamTime());
                    assertThat(actual.clock().minTime()).isEqualTo(expected.clock().minTime());
                }
                assertThat(pending(actual)).isEqualTo(pending(expected)).isNotEmpty();
                assertThat(actualLog).usingRecursiveFieldByFieldElementComparator().isEqualTo(expectedLog);
            } finally {
                actual.close();
                expectedLog.clear();
                actualLog.clear();
            }
        }
    }

    /** An in-memory buffer restored from the expected changelog so far, which it keeps logging to. */
    private InMemoryOuterJoinBuffer<String, String, Long> restoredFromLog() {
        InMemoryOuterJoinBuffer<String, String, Long> restored = inMemory();
        List<RocksDbKeyValueStoreTest.Logged> log = List.copyOf(expectedLog);
        log.forEach(l -> restored.restore(l.key(), l.value(), l.timestamp()));
        return restored;
    }

    private static List<String> pending(OuterJoinBuffer<String, String, Long> buffer) {
        List<String> out = new ArrayList<>();
        buffer.pending().forEachRemaining(p -> out.add(describe(p)));
        return out;
    }

    /** The records up to {@code until}, each slot removed once the iteration passed it. */
    private static List<String> drain(OuterJoinBuffer<String, String, Long> buffer, long until) {
        List<String> out = new ArrayList<>();
        OuterJoinBuffer.@Nullable Slot previous = null;
        for (Iterator<OuterJoinBuffer.Pending<String, String, Long>> it = buffer.pending(); it.hasNext(); ) {
            OuterJoinBuffer.Pending<String, String, Long> p = it.next();
            if (p.timestamp() > until) {
                break;
            }
            out.add(describe(p));
            if (previous != null && !previous.equals(p.slot())) {
                buffer.remove(previous);
            }
            previous = p.slot();
        }
        if (previous != null) {
            buffer.remove(previous);
        }
        return out;
    }

    private static String describe(OuterJoinBuffer.Pending<String, String, Long> p) {
        return p.key() + "=" + (p.slot().leftSide() ? p.left() : p.right()) + "@" + p.timestamp();
    }

    @Test
    void ordersByTimestampThenRightBeforeLeftThenKeyAndRestoresTheInMemoryChangelog() {
        InMemoryOuterJoinBuffer<String, String, Long> expected = inMemory();
        expected.put("b", 5, true, "l1");
        expected.put("a", 5, true, "l2");
        expected.put("b", 5, true, "l3");
        expected.put("z", 5, false, 7L);
        expected.put("a", 3, true, "l4");
        expected.put("ab", 3, true, "l5");
        expected.put("c", 9, false, 8L);
        expected.remove("c", 9, false);
        BytesOuterJoinBuffer<String, String, Long> restored = open("r");
        try {
            expectedLog.forEach(l -> restored.restore(l.key(), l.value(), l.timestamp()));
            assertThat(pending(restored)).containsExactly("a=l4@3", "ab=l5@3", "z=7@5", "a=l2@5", "b=l1@5",
                "b=l3@5");
            assertThat(actualLog).isEmpty();
        } finally {
            restored.close();
        }
    }
}
