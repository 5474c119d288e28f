package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serdes;
import io.tributary.streams.internal.engine.OutputRecord;
import io.tributary.streams.state.WindowStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sliding windows behind the record cache: each window goes out once per commit, with its latest aggregate. */
final class SlidingWindowCachingTest {
    private static final StreamsOptions CACHED = DriverFixture.OPTIONS.cacheMaxBytes(10 * 1024 * 1024);
    /** Every update of the scenario below, as made. */
    private static final List<String> EVERY_UPDATE = List.of("a@10/20=1@20[1]",
        "a@21/31=1@25[2]", "a@15/25=2@25[2]",
        "a@21/31=2@25[3]", "a@15/25=3@25[3]", "a@12/22=2@22[3]", "a@23/33=1@25[3]");

    @TempDir
    Path stateDir;

    /** Counts per sliding window of 10 ms (grace 100) in store {@code sliding}, adjusted by {@code materialized}. */
    private static Topology slidingCounts(UnaryOperator<Materialized<String, Long>> materialized) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
            .groupByKey()
            .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(100)))
            .count(materialized.apply(Materialized.as("sliding")))
            .toStream()
            .map((w, count) -> KeyValue.pair(w.key() + "@" + w.window().start() + "/" + w.window().end(), count))
            .to("out", Produced.with(Serdes.string(), Serdes.longSerde()));
        return b.build();
    }

    /** a@20 in one commit; a@25 and a@22 (which updates the windows a@25 made) in the next. */
    private static void scenario(CommitHarness h) {
        h.pipe("in", "a", "x", 20, "1");
        h.commit();
        h.pipe("in", "a", "x", 25, "2");
        h.pipe("in", "a", "x", 22, "3");
    }

    private static List<String> out(CommitHarness h) {
        return h.read("out", Serdes.longSerde().deserializer());
    }

    @Test
    void aWindowUpdatedManyTimesBetweenTwoCommitsGoesOutOnceWithItsLatestAggregateTimestampAndHeaders() {
        try (CommitHarness h = new CommitHarness(slidingCounts(m -> m), CACHED)) {
            scenario(h);
            assertThat(out(h)).containsExactly("a@10/20=1@20[1]");
            h.commit();
            // Those a@25 made are updated by a@22: they go out with a@22's headers, in the order of their last update.
            assertThat(out(h)).containsExactly("a@21/31=2@25[3]", "a@15/25=3@25[3]", "a@12/22=2@22[3]",
                "a@23/33=1@25[3]");
            // One write per window and commit: [10, 20] in the first, four in the second.
            assertThat(h.changelog("sliding")).hasSize(5);
        }
    }

    @Test
    void withoutTheCacheOrWithAFullOneEveryUpdateIsEmitted() {
        for (CommitHarness h : List.of(new CommitHarness(slidingCounts(Materialized::withCachingDisabled), CACHED),
            new CommitHarness(slidingCounts(m -> m), CACHED.cacheMaxBytes(0)),
            new CommitHarness(slidingCounts(m -> m), CACHED.cacheMaxBytes(1)))) {
            try (h) {
                scenario(h);
                // Before the commit: nothing waits.
                assertThat(out(h)).containsExactlyElementsOf(EVERY_UPDATE);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void theDeduplicatedChangelogRestoresTheWindowsTheStoreHas(Materialized.StoreType type) {
        Topology topology = slidingCounts(m -> m.withStoreType(type));
        List<OutputRecord> changelog = new ArrayList<>();
        List<String> windows;
        int uncachedWrites;
        try (CommitHarness h = new CommitHarness(topology, CACHED.stateDir(stateDir.resolve("first")));
             CommitHarness uncached = new CommitHarness(topology, CACHED.cacheMaxBytes(0)
                 .stateDir(stateDir.resolve("uncached")))) {
            Random random = new Random(11);
            long time = 0;
            for (int commit = 0; commit < 40; commit++) {
                for (int i = random.nextInt(6); i >= 0; i--) {
                    time += random.nextInt(4);
                    String key = "k" + random.nextInt(3);
                    long t = Math.max(0, time - random.nextInt(15));
                    h.pipe("in", key, "x", t);
                    uncached.pipe("in", key, "x", t);
                }
                h.commit();
                changelog.addAll(h.changelog("sliding"));
            }
            windows = windows(h.store("sliding"));
            assertThat(windows(uncached.store("sliding"))).containsExactlyElementsOf(windows);
            uncachedWrites = uncached.changelog("sliding").size();
        }
        assertThat(changelog).hasSizeLessThan(uncachedWrites);
        try (CommitHarness restored = new CommitHarness(topology, CACHED.stateDir(stateDir.resolve("second")))) {
            restored.restore("sliding", changelog);
            assertThat(windows(restored.store("sliding"))).isNotEmpty().containsExactlyElementsOf(windows);
        }
    }

    private static List<String> windows(WindowStore<String, Long> store) {
        return store.all().stream().map(kv -> kv.key().key() + "@" + kv.key().window().start() + "=" + kv.value())
            .toList();
    }
}
