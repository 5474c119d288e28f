package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Deserializer;
import io.tributary.serdes.Serdes;
import io.tributary.streams.internal.engine.OutputRecord;
import io.tributary.streams.internal.state.Bytes;
import io.tributary.streams.state.SessionStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Session windows behind the record cache (as Kafka Streams' caching session store): the merges between two commits
 * go out as the final session plus tombstones of the sessions downstream had seen, to the output and the changelog.
 */
final class SessionWindowCachingTest {
    private static final StreamsOptions CACHED = DriverFixture.OPTIONS.cacheMaxBytes(10 * 1024 * 1024);
    /** A session changelog key: the key's bytes, then the session's end and start. */
    private static final Deserializer<String> SESSION_KEY = (topic, bytes) -> {
        ByteBuffer b = ByteBuffer.wrap(bytes, bytes.length - 16, 16);
        long end = b.getLong();
        return new String(bytes, 0, bytes.length - 16, StandardCharsets.UTF_8) + "@" + b.getLong() + "/" + end;
    };

    @TempDir
    Path stateDir;

    /** Counts per session of gap 5 (grace 10) in store {@code sessions}, adjusted by {@code materialized}. */
    private static Topology sessionCounts(UnaryOperator<Materialized<String, Long>> materialized) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5), Duration.ofMillis(10)))
            .count(materialized.apply(Materialized.as("sessions")))
            .toStream()
            .map((w, count) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), count))
            .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        return b.build();
    }

    /** a@0 in one commit; then a@10 (a session of its own), a@5 (merges both), a@12 (extends it) in the next. */
    private static void mergeTwoSessionsInOneCommit(CommitHarness h) {
        h.pipe("in", "a", "x", 0, "1");
        h.commit();
        h.pipe("in", "a", "x", 10, "2");
        h.pipe("in", "a", "x", 5, "3");
        h.pipe("in", "a", "x", 12, "4");
    }

    private static List<String> out(CommitHarness h) {
        return h.read("out", Serdes.longSerde().deserializer());
    }

    @Test
    void mergesBetweenTwoCommitsEmitTheFinalSessionAndTombstonesOnlyForSessionsDownstreamSaw() {
        try (CommitHarness h = new CommitHarness(sessionCounts(m -> m), CACHED)) {
            mergeTwoSessionsInOneCommit(h);
            assertThat(out(h)).containsExactly("a@0/0=1@0[1]");
            assertThat(h.read("app-sessions-changelog", SESSION_KEY, Serdes.longSerde().deserializer()))
                .containsExactly("a@0/0=1@0");
            h.commit();
            // [10, 10] and [0, 10] were made and merged away within the commit: downstream never hears of them. The
            // final session carries the timestamp (its end) and headers of its last update.
            assertThat(out(h)).containsExactly("a@0/0=null@0[3]", "a@0/12=4@12[4]");
            assertThat(h.read("app-sessions-changelog", SESSION_KEY, Serdes.longSerde().deserializer()))
                .containsExactly("a@0/0=null@5", "a@0/12=4@12");
            SessionStore<String, Long> store = h.store("sessions");
            assertThat(store.fetch("a")).extracting(kv -> kv.key().window().start() + "/" + kv.key().window().end()
                + "=" + kv.value()).containsExactly("0/12=4");
        }
    }

    @Test
    void withoutTheCacheEveryMergeIsEmitted() {
        List<String> everyUpdate = List.of("a@0/0=1@0[1]", "a@10/10=1@10[2]", "a@0/0=null@0[3]", "a@10/10=null@10[3]",
            "a@0/10=3@10[3]", "a@0/10=null@10[4]", "a@0/12=4@12[4]");
        try (CommitHarness h = new CommitHarness(sessionCounts(Materialized::withCachingDisabled), CACHED)) {
            mergeTwoSessionsInOneCommit(h);
            h.commit();
            assertThat(out(h)).containsExactlyElementsOf(everyUpdate);
        }
        try (CommitHarness h = new CommitHarness(sessionCounts(m -> m), CACHED.cacheMaxBytes(0))) {
            mergeTwoSessionsInOneCommit(h);
            assertThat(out(h)).containsExactlyElementsOf(everyUpdate);
        }
    }

    @Test
    void aFullCacheEmitsBeforeTheCommit() {
        // Far less than one changelog write: every update overflows the cache, which flushes after its record.
        try (CommitHarness h = new CommitHarness(sessionCounts(m -> m), CACHED.cacheMaxBytes(1))) {
            mergeTwoSessionsInOneCommit(h);
            assertThat(out(h)).containsExactly("a@0/0=1@0[1]", "a@10/10=1@10[2]", "a@0/0=null@0[3]",
                "a@10/10=null@10[3]", "a@0/10=3@10[3]", "a@0/10=null@10[4]", "a@0/12=4@12[4]");
        }
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void theDeduplicatedChangelogRestoresTheSessionsTheStoreHas(Materialized.StoreType type) {
        Topology topology = sessionCounts(m -> m.withStoreType(type));
        List<OutputRecord> changelog = new ArrayList<>();
        List<String> sessions;
        int updates = 0;
        try (CommitHarness h = new CommitHarness(topology, CACHED.stateDir(stateDir.resolve("first")))) {
            Random random = new Random(7);
            long time = 0;
            for (int commit = 0; commit < 40; commit++) {
                for (int i = random.nextInt(6); i >= 0; i--) {
                    time += random.nextInt(4);
                    h.pipe("in", "k" + random.nextInt(3), "x", Math.max(0, time - random.nextInt(8)));
                    updates++;
                }
                h.commit();
                changelog.addAll(h.changelog("sessions"));
            }
            sessions = sessions(h.store("sessions"));
        }
        // Fewer writes than updates, and no tombstone of a session the changelog never had.
        assertThat(changelog).hasSizeLessThan(updates);
        Set<Bytes> logged = new HashSet<>();
        for (OutputRecord r : changelog) {
            Bytes key = Bytes.wrap(r.key());
            if (r.value() == null) {
                assertThat(logged.remove(key)).as("a tombstone of a logged session").isTrue();
            } else {
                logged.add(key);
            }
        }
        try (CommitHarness restored = new CommitHarness(topology, CACHED.stateDir(stateDir.resolve("second")))) {
            restored.restore("sessions", changelog);
            assertThat(sessions(restored.store("sessions"))).isNotEmpty().containsExactlyElementsOf(sessions);
        }
    }

    private static List<String> sessions(SessionStore<String, Long> store) {
        List<String> out = new ArrayList<>();
        for (String key : List.of("k0", "k1", "k2")) {
            store.fetch(key).forEach(kv -> out.add(key + "@" + kv.key().window() + "=" + kv.value()));
        }
        return out;
    }
}
