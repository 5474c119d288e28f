package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.Serdes;
import io.tributary.streams.internal.engine.OutputRecord;
import io.tributary.streams.internal.state.Bytes;
import io.tributary.streams.state.KeyValueStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Source, {@code toTable} and materialized tables behind the record cache: a key's updates between two commits go
 * out once, with the latest value and record context and, as old value, what the last commit left; a row created
 * and deleted in between not at all.
 */
final class TableCachingTest {
    private static final StreamsOptions CACHED = DriverFixture.OPTIONS.cacheMaxBytes(10 * 1024 * 1024);

    @TempDir
    Path stateDir;

    private static Topology topology(Consumer<StreamsBuilder> build) {
        StreamsBuilder b = new StreamsBuilder();
        build.accept(b);
        return b.build();
    }

    /** Table {@code in} in store {@code t}, left-joined with table {@code right} if {@code join}. */
    private static Topology table(Materialized<String, String> materialized, boolean join) {
        return topology(b -> {
            KTable<String, String> t = b.table("in", materialized);
            KTable<String, String> out = join ? t.leftJoin(b.table("right", Materialized.as("r")),
                (x, y) -> x + "+" + y) : t;
            out.toStream().to("out");
        });
    }

    private static List<String> out(CommitHarness h) {
        return h.read("out", Serdes.string().deserializer());
    }

    private static void threeUpdatesOfAOneOfB(CommitHarness h) {
        h.pipe("in", "a", "1", 1, "1");
        h.pipe("in", "b", "1", 2, "2");
        h.pipe("in", "a", "2", 3, "3");
        h.pipe("in", "a", "3", 4, "4");
    }

    @Test
    void aKeysUpdatesBetweenTwoCommitsGoOutOnceWithTheLatestValueTimestampAndHeaders() {
        try (CommitHarness h = new CommitHarness(table(Materialized.as("t"), false), CACHED)) {
            threeUpdatesOfAOneOfB(h);
            assertThat(out(h)).isEmpty();
            h.commit();
            // In the order of each key's latest update, as Kafka Streams flushes.
            assertThat(out(h)).containsExactly("b=1@2[2]", "a=3@4[4]");
            assertThat(h.read("app-t-changelog", Serdes.string().deserializer())).containsExactly("b=1@2", "a=3@4");
        }
    }

    @Test
    void aRowCreatedAndDeletedBetweenTwoCommitsIsNeitherForwardedNorLogged() {
        try (CommitHarness h = new CommitHarness(table(Materialized.as("t"), false), CACHED)) {
            h.pipe("in", "a", "1", 1);
            h.commit();
            h.pipe("in", "b", "1", 2);
            h.pipe("in", "b", null, 3);
            h.pipe("in", "a", null, 4);
            h.commit();
            assertThat(out(h)).containsExactly("a=1@1", "a=null@4");
            assertThat(h.read("app-t-changelog", Serdes.string().deserializer())).containsExactly("a=1@1", "a=null@4");
        }
    }

    @Test
    void downstreamGetsTheValueOfTheLastCommitAsOldValue() {
        try (CommitHarness h = new CommitHarness(table(Materialized.as("t"), true), CACHED)) {
            h.pipe("in", "a", "v0", 1);
            h.commit();
            // The left join emits the deletion of a row without a match only if the row existed, which it learns
            // from the old value: v0, not the null the first deletion left for the second.
            h.pipe("in", "a", null, 2);
            h.pipe("in", "a", null, 3);
            h.commit();
            assertThat(out(h)).containsExactly("a=v0+null@1", "a=null@3");
        }
    }

    @Test
    void materializedTableOperationsAndToTableAreCached() {
        Topology mapped = topology(b -> b.<String, String>table("in", Materialized.<String, String>as("t")
                .withCachingDisabled())
            .mapValues(v -> v + "!", Materialized.as("m"))
            .toStream()
            .to("out"));
        Topology toTable = topology(b -> b.<String, String>stream("in")
            .toTable(Materialized.as("t"))
            .toStream()
            .to("out"));
        for (Topology topology : List.of(mapped, toTable)) {
            try (CommitHarness h = new CommitHarness(topology, CACHED)) {
                threeUpdatesOfAOneOfB(h);
                h.commit();
                List<String> out = out(h);
                assertThat(out).hasSize(2).last().asString().startsWith("a=3");
            }
        }
    }

    @Test
    void withoutTheCacheEveryUpdateGoesOut() {
        StreamsBuilder unnamed = new StreamsBuilder();
        unnamed.<String, String>stream("in").toTable().toStream().to("out");
        List<Topology> uncached = List.of(table(Materialized.<String, String>as("t").withCachingDisabled(), false),
            topology(b -> b.<String, String>table("in").toStream().to("out")),
            unnamed.build(CACHED.allowGeneratedNames(true)));
        for (Topology topology : uncached) {
            try (CommitHarness h = new CommitHarness(topology, CACHED)) {
                threeUpdatesOfAOneOfB(h);
                assertThat(out(h)).containsExactly("a=1@1[1]", "b=1@2[2]", "a=2@3[3]", "a=3@4[4]");
            }
        }
        try (CommitHarness h = new CommitHarness(table(Materialized.as("t"), false), CACHED.cacheMaxBytes(0))) {
            threeUpdatesOfAOneOfB(h);
            assertThat(out(h)).hasSize(4);
        }
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void theDeduplicatedChangelogRestoresTheRowsTheStoreHas(Materialized.StoreType type) {
        Topology topology = table(Materialized.<String, String>as("t").withStoreType(type), false);
        List<OutputRecord> changelog = new ArrayList<>();
        List<String> rows;
        int updates = 0;
        try (CommitHarness h = new CommitHarness(topology, CACHED.stateDir(stateDir.resolve("first")))) {
            Random random = new Random(3);
            for (int commit = 0; commit < 40; commit++) {
                for (int i = random.nextInt(6); i >= 0; i--) {
                    h.pipe("in", "k" + random.nextInt(5), random.nextInt(3) == 0 ? null : "v" + updates, updates);
                    updates++;
                }
                h.commit();
                changelog.addAll(h.changelog("t"));
            }
            rows = rows(h.store("t"));
        }
        assertThat(changelog).hasSizeLessThan(updates);
        Set<Bytes> logged = new HashSet<>();
        for (OutputRecord r : changelog) {
            Bytes key = Bytes.wrap(r.key());
            if (r.value() == null) {
                assertThat(logged.remove(key)).as("a tombstone of a logged row").isTrue();
            } else {
                logged.add(key);
            }
        }
        try (CommitHarness restored = new CommitHarness(topology, CACHED.stateDir(stateDir.resolve("second")))) {
            restored.restore("t", changelog);
            assertThat(rows(restored.store("t"))).isNotEmpty().containsExactlyElementsOf(rows);
        }
    }

    private static List<String> rows(KeyValueStore<String, String> store) {
        return store.all().stream().map(kv -> kv.key() + "=" + kv.value()).toList();
    }
}
