package io.tributary.streams.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serdes;
import io.tributary.streams.KeyValue;
import io.tributary.streams.Window;
import io.tributary.streams.Windowed;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class InMemoryStoresTest {
    record Logged(byte[] key, byte @Nullable [] value, long timestamp) {
    }

    private final List<Logged> changelog = new ArrayList<>();
    private long recordTimestamp = 7;

    private InMemoryKeyValueStore<String, String> kv() {
        return new InMemoryKeyValueStore<>("s", Serdes.string(), Serdes.string(), true,
            (k, v, t) -> changelog.add(new Logged(k, v, t)), () -> recordTimestamp);
    }

    @Test
    void rangeAndAllFollowTheUnsignedOrderOfSerializedKeys() {
        InMemoryKeyValueStore<String, String> store = kv();
        for (String k : List.of("b", "a", "\u00e9", "c")) {
            store.put(k, k.toUpperCase());
        }
        // "é" is 0xC3 0xA9 in UTF-8: after every ASCII key, as Kafka Streams orders bytes.
        assertThat(store.all()).extracting(KeyValue::key).containsExactly("a", "b", "c", "\u00e9");
        assertThat(store.range("b", "c")).extracting(KeyValue::value).containsExactly("B", "C");
        assertThat(store.range("c", "b")).isEmpty();
        assertThat(store.approximateNumEntries()).isEqualTo(4);
    }

    @Test
    void everyWriteIsLoggedWithTheRecordTimestampAndDeletesAsTombstones() {
        InMemoryKeyValueStore<String, String> store = kv();
        store.put("k", "v");
        recordTimestamp = 9;
        assertThat(store.delete("k")).isEqualTo("v");
        assertThat(changelog).hasSize(2);
        assertThat(new String(changelog.get(0).value())).isEqualTo("v");
        assertThat(changelog.get(0).timestamp()).isEqualTo(7);
        assertThat(changelog.get(1).value()).isNull();
        assertThat(changelog.get(1).timestamp()).isEqualTo(9);
    }

    @Test
    void replayingTheChangelogRestoresTheStoreWithoutLoggingAgain() {
        InMemoryKeyValueStore<String, String> store = kv();
        store.put("a", "1");
        store.put("b", "2", 50);
        store.put("a", null);
        List<Logged> written = List.copyOf(changelog);
        InMemoryKeyValueStore<String, String> restored = kv();
        written.forEach(l -> restored.restore(l.key(), l.value(), l.timestamp()));
        assertThat(changelog).hasSize(3);
        assertThat(restored.all()).containsExactly(KeyValue.pair("b", "2"));
        assertThat(restored.getWithTimestamp("b")).isEqualTo(new ValueAndTimestamp<>("2", 50L));
    }

    @Test
    void putIfAbsentKeepsAnExistingValue() {
        InMemoryKeyValueStore<String, String> store = kv();
        assertThat(store.putIfAbsent("k", "1")).isNull();
        assertThat(store.putIfAbsent("k", "2")).isEqualTo("1");
        assertThat(store.get("k")).isEqualTo("1");
    }

    @Test
    void aWindowStoreRestoresFromItsChangelogKeys() {
        InMemoryWindowStore<String, Long> store = new InMemoryWindowStore<>("w", Serdes.string(),
            Serdes.longSerde(), 100, 10, true, (k, v, t) -> changelog.add(new Logged(k, v, t)), () -> 0L);
        store.put("k", 1L, 0, 3);
        store.put("k", 2L, 10, 12);
        InMemoryWindowStore<String, Long> restored = new InMemoryWindowStore<>("w", Serdes.string(),
            Serdes.longSerde(), 100, 10, true, ChangeLogger.NONE, () -> 0L);
        changelog.forEach(l -> restored.restore(l.key(), l.value(), l.timestamp()));
        assertThat(restored.fetchWithTimestamp("k", 10)).isEqualTo(new ValueAndTimestamp<>(2L, 12L));
        assertThat(restored.fetch("k", 0, 10)).containsExactly(KeyValue.pair(0L, 1L), KeyValue.pair(10L, 2L));
    }

    @Test
    void aWindowStoreIgnoresWritesToWindowsPastRetention() {
        InMemoryWindowStore<String, Long> store = new InMemoryWindowStore<>("w", Serdes.string(),
            Serdes.longSerde(), 20, 10, true, (k, v, t) -> changelog.add(new Logged(k, v, t)), () -> 0L);
        store.put("k", 1L, 100, 100);
        store.put("k", 2L, 80, 80);
        assertThat(store.fetch("k", 80)).isNull();
        assertThat(changelog).hasSize(1);
    }

    private SuppressionBuffer<Windowed<String>, Long> windowBuffer(WindowedKeyLayout layout, ChangeLogger logger) {
        return new SuppressionBuffer<>("b", WindowedKeySerde.of(Serdes.string(), layout), Serdes.longSerde(), true,
            logger);
    }

    /** Evicts every entry whose buffer time is at most {@code time}, as "key=value(prior)@timestamp". */
    private static <K> List<String> evictUntil(SuppressionBuffer<K, Long> b, long time) {
        List<String> emitted = new ArrayList<>();
        b.evictWhile(() -> b.minTime() <= time,
            e -> emitted.add(e.key() + "=" + e.value() + "(" + e.priorValue() + ")@" + e.timestamp()));
        return emitted;
    }

    @Test
    void aSuppressionBufferEmitsClosedWindowsInEndThenKeyOrderAndRestoresFromItsChangelog() {
        SuppressionBuffer<Windowed<String>, Long> buffer = windowBuffer(new WindowedKeyLayout.Fixed(10),
            (k, v, t) -> changelog.add(new Logged(k, v, t)));
        buffer.put(session("b", 0, 10), 1L, null, 10, 3, List.of());
        buffer.put(session("a", 0, 10), 1L, null, 10, 4, List.of());
        buffer.put(session("a", 0, 10), 2L, null, 10, 5, List.of());
        buffer.put(session("a", 10, 20), 1L, null, 20, 12, List.of());
        SuppressionBuffer<Windowed<String>, Long> restored = windowBuffer(new WindowedKeyLayout.Fixed(10),
            ChangeLogger.NONE);
        changelog.forEach(l -> restored.restore(l.key(), l.value(), l.timestamp()));
        for (SuppressionBuffer<Windowed<String>, Long> b : List.of(buffer, restored)) {
            assertThat(b.sizeInBytes()).isEqualTo(3L * (1 + 8 + 8)
                + 3 * SuppressionBuffer.ENTRY_OVERHEAD);
            assertThat(evictUntil(b, 10)).containsExactly("[a@0/10]=2(null)@5", "[b@0/10]=1(null)@3");
            assertThat(b.size()).isEqualTo(1);
            assertThat(b.sizeInBytes()).isEqualTo(1 + 8 + 8 + SuppressionBuffer.ENTRY_OVERHEAD);
        }
    }

    private static final io.tributary.common.Header HEADER = new io.tributary.common.Header("h", new byte[] {4});

    @Test
    void aSuppressionBufferKeepsAKeysBufferTimeAndPriorValueThroughLaterUpdatesAndRestoresThem() {
        SuppressionBuffer<String, Long> buffer = new SuppressionBuffer<>("b", Serdes.string(), Serdes.longSerde(),
            true, (k, v, t) -> changelog.add(new Logged(k, v, t)));
        buffer.put("x", 2L, 1L, 5, 5, List.of());
        buffer.put("y", 7L, null, 6, 6, List.of());
        buffer.put("x", 3L, 2L, 9, 9, List.of(HEADER));   // keeps buffer time 5 and prior 1
        buffer.put("y", null, 7L, 10, 10, List.of());   // a deletion is buffered too
        SuppressionBuffer<String, Long> restored = new SuppressionBuffer<>("b", Serdes.string(), Serdes.longSerde(),
            true, ChangeLogger.NONE);
        changelog.forEach(l -> restored.restore(l.key(), l.value(), l.timestamp()));
        for (SuppressionBuffer<String, Long> b : List.of(buffer, restored)) {
            assertThat(b.minTime()).isEqualTo(5);
            List<SuppressionBuffer.Eviction<String, Long>> first = new ArrayList<>();
            b.evictWhile(() -> b.minTime() <= 5, first::add);
            assertThat(first).singleElement().satisfies(e -> {
                assertThat(e.key() + "=" + e.value() + "(" + e.priorValue() + ")@" + e.timestamp())
                    .isEqualTo("x=3(1)@9");
                assertThat(e.headers()).containsExactly(HEADER);   // the latest update's, restored too
            });
            assertThat(evictUntil(b, 6)).containsExactly("y=null(null)@10");
            assertThat(b.size()).isZero();
            assertThat(b.sizeInBytes()).isZero();
            assertThat(b.minTime()).isEqualTo(Long.MAX_VALUE);
        }
        // Each eviction was logged as a tombstone: a restore of the whole changelog leaves nothing.
        SuppressionBuffer<String, Long> replayed = new SuppressionBuffer<>("b", Serdes.string(), Serdes.longSerde(),
            true, ChangeLogger.NONE);
        changelog.forEach(l -> replayed.restore(l.key(), l.value(), l.timestamp()));
        assertThat(replayed.size()).isZero();
    }

    @Test
    void aJoinBufferKeepsDuplicatesInArrivalOrderAndRestoresThem() {
        JoinBuffer<String, String> buffer = new InMemoryJoinBuffer<>("j", Serdes.string(), Serdes.string(), 100, true,
            (k, v, t) -> changelog.add(new Logged(k, v, t)));
        buffer.put("k", "first", 5);
        buffer.put("k", "second", 5);
        buffer.put("k", "earlier", 3);
        JoinBuffer<String, String> restored = new InMemoryJoinBuffer<>("j", Serdes.string(), Serdes.string(), 100, true,
            ChangeLogger.NONE);
        changelog.forEach(l -> restored.restore(l.key(), l.value(), l.timestamp()));
        for (JoinBuffer<String, String> b : List.of(buffer, restored)) {
            assertThat(b.fetch("k", 0, 10)).extracting(KeyValue::value).containsExactly("earlier", "first", "second");
            assertThat(b.fetch("k", 4, 10)).extracting(KeyValue::value).containsExactly("first", "second");
        }
    }

    private InMemorySessionStore<String, Long> sessions(ChangeLogger logger) {
        return new InMemorySessionStore<>("s", Serdes.string(), Serdes.longSerde(), 10, true, logger, () -> 0L);
    }

    private static Windowed<String> session(String key, long start, long end) {
        return new Windowed<>(key, new Window(start, end));
    }

    @Test
    void aSessionStoreFindsSessionsByEndThenLatestStartFirstAndRestoresFromItsChangelog() {
        InMemorySessionStore<String, Long> store = sessions((k, v, t) -> changelog.add(new Logged(k, v, t)));
        store.put(session("a", 0, 8), 1L);
        store.put(session("a", 5, 8), 2L);
        store.put(session("a", 12, 12), 3L);
        store.put(session("b", 1, 2), 4L);
        store.remove(session("b", 1, 2));
        InMemorySessionStore<String, Long> restored = sessions(ChangeLogger.NONE);
        changelog.forEach(l -> restored.restore(l.key(), l.value(), l.timestamp()));
        for (InMemorySessionStore<String, Long> s : List.of(store, restored)) {
            assertThat(s.fetch("a")).extracting(kv -> kv.key() + "=" + kv.value())
                .containsExactly("[a@5/8]=2", "[a@0/8]=1", "[a@12/12]=3");
            assertThat(s.findSessions("a", 9, 12)).extracting(KeyValue::value).containsExactly(3L);
            assertThat(s.findSessions("a", 0, 4)).extracting(KeyValue::value).containsExactly(1L);
            assertThat(s.fetch("b")).isEmpty();
        }
    }

    @Test
    void aSessionStoreDropsSessionsEndingRetentionBeforeTheLatestEndAndIgnoresWritesToThem() {
        InMemorySessionStore<String, Long> store = sessions((k, v, t) -> changelog.add(new Logged(k, v, t)));
        store.put(session("a", 0, 5), 1L);
        store.put(session("b", 15, 15), 2L);   // sessions ending at 5 or before are gone
        store.put(session("a", 3, 4), 3L);
        assertThat(store.fetchSession("a", 0, 5)).isNull();
        assertThat(store.fetch("a")).isEmpty();
        assertThat(changelog).hasSize(2);
    }

    @Test
    void aSuppressionBufferOfSessionsEmitsBySessionEnd() {
        SuppressionBuffer<Windowed<String>, Long> buffer = windowBuffer(new WindowedKeyLayout.Session(),
            (k, v, t) -> changelog.add(new Logged(k, v, t)));
        buffer.put(session("a", 0, 9), 2L, null, 9, 9, List.of());
        buffer.put(session("b", 4, 4), 1L, null, 4, 4, List.of());
        buffer.put(session("c", 1, 3), 1L, null, 3, 3, List.of());
        buffer.put(session("c", 1, 3), null, null, 3, 5, List.of());   // merged away
        SuppressionBuffer<Windowed<String>, Long> restored = windowBuffer(new WindowedKeyLayout.Session(),
            ChangeLogger.NONE);
        changelog.forEach(l -> restored.restore(l.key(), l.value(), l.timestamp()));
        for (SuppressionBuffer<Windowed<String>, Long> b : List.of(buffer, restored)) {
            assertThat(evictUntil(b, 20)).containsExactly("[c@1/3]=null(null)@5", "[b@4/4]=1(null)@4",
                "[a@0/9]=2(null)@9");
        }
    }

    @Test
    void anOuterJoinBufferOrdersByTimestampThenRightBeforeLeftThenKeyAndRestores() {
        OuterJoinBuffer<String, String, Long> buffer = new InMemoryOuterJoinBuffer<>("o", Serdes.string(),
            Serdes.string(), Serdes.longSerde(), true, (k, v, t) -> changelog.add(new Logged(k, v, t)));
        buffer.put("b", 5, true, "l1");
        buffer.put("a", 5, true, "l2");
        buffer.put("b", 5, true, "l3");
        buffer.put("z", 5, false, 7L);
        buffer.put("a", 3, true, "l4");
        buffer.put("c", 9, false, 8L);
        buffer.remove("c", 9, false);
        OuterJoinBuffer<String, String, Long> restored = new InMemoryOuterJoinBuffer<>("o", Serdes.string(),
            Serdes.string(), Serdes.longSerde(), true, ChangeLogger.NONE);
        changelog.forEach(l -> restored.restore(l.key(), l.value(), l.timestamp()));
        for (OuterJoinBuffer<String, String, Long> b : List.of(buffer, restored)) {
            List<String> pending = new ArrayList<>();
            b.pending().forEachRemaining(p -> pending.add(p.key() + "=" + (p.slot().leftSide() ? p.left()
                : p.right()) + "@" + p.timestamp()));
            assertThat(pending).containsExactly("a=l4@3", "z=7@5", "a=l2@5", "b=l1@5", "b=l3@5");
        }
    }
}

