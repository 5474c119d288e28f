package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.ListedOffset;
import io.tributary.admin.NewTopic;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.TributaryAdmin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.IsolationLevel;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** {@link TributaryStreams} against a real broker; run against Tributary and Apache Kafka by the subclasses. */
abstract class StreamsSuite {
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> TWELVE_WORDS = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k",
        "l");

    abstract String bootstrapServers();

    private ClientOptions client() {
        return ClientOptions.create(bootstrapServers());
    }

    private String createTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID();
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(client()));
        try {
            admin.createTopics(List.of(NewTopic.of(name, partitions))).block(WAIT);
        } finally {
            admin.close().block(WAIT);
        }
        return name;
    }

    private void produce(String topic, List<String> lines) {
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(client(),
            Serdes.string().serializer(), Serdes.string().serializer()));
        try {
            Flux.fromIterable(lines)
                .concatMap(line -> producer.send(ProducerRecord.of(topic, line, line)))
                .blockLast(WAIT);
        } finally {
            producer.closeNow();
        }
    }

    /** A consumer of every partition of {@code topic} from the start, with String keys. */
    private <V> TributaryConsumer<String, V> reader(String topic, int partitions, io.tributary.serdes.Serde<V> values,
                                                    IsolationLevel isolation) {
        return TributaryConsumer.create(ConsumerOptions
            .create(client(), Serdes.string().deserializer(), values.deserializer())
            .assignment(IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList())
            .isolationLevel(isolation)
            .offsetReset(OffsetReset.EARLIEST));
    }

    /** Reads the output topic until the latest count of every word equals {@code expected}; returns all reads. */
    private List<String> readUntil(String topic, int partitions, Map<String, Long> expected) {
        return readUntil(topic, partitions, expected, IsolationLevel.READ_UNCOMMITTED);
    }

    private List<String> readUntil(String topic, int partitions, Map<String, Long> expected,
                                   IsolationLevel isolation) {
        TributaryConsumer<String, Long> consumer = reader(topic, partitions, Serdes.longSerde(), isolation);
        Map<String, Long> latest = new HashMap<>();
        List<String> seen = new ArrayList<>();
        try {
            consumer.receive()
                .doOnNext(r -> {
                    latest.put(r.key(), r.value());
                    seen.add(r.key() + "=" + r.value());
                })
                .map(ReceivedRecord::key)
                .takeUntil(k -> latest.equals(expected))
                .blockLast(WAIT);
        } catch (IllegalStateException timedOut) {
            throw new AssertionError("Expected latest counts " + expected + ", read " + seen, timedOut);
        } finally {
            consumer.close().block(WAIT);
        }
        return seen;
    }

    private static Topology wordCount(String lines, String counts) {
        return wordCount(lines, counts, line -> { });
    }

    /** Word count; {@code inspect} sees every line first (and may throw, failing its processing). */
    private static Topology wordCount(String lines, String counts, java.util.function.Consumer<String> inspect) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(lines, Consumed.with(Serdes.string(), Serdes.string()))
            .peek((key, line) -> inspect.accept(line))
            .flatMapValues(line -> List.of(line.toLowerCase(Locale.ROOT).split("\\W+")))
            .groupBy((key, word) -> word, Grouped.as("words"))
            .count(Materialized.as("word-counts"))
            .toStream()
            .to(counts, Produced.with(Serdes.string(), Serdes.longSerde()));
        return builder.build();
    }

    private StreamsOptions options(String applicationId) {
        return options(applicationId, client());
    }

    private StreamsOptions options(String applicationId, ClientOptions client) {
        return StreamsOptions.create(applicationId, client)
            .defaultKeySerde(Serdes.string())
            .defaultValueSerde(Serdes.string())
            .commitInterval(Duration.ofMillis(500));
    }

    @Test
    void wordCountRunsEndToEndAndIsQueryable() {
        String lines = createTopic("lines", 2);
        String counts = createTopic("counts", 2);
        TributaryStreams streams = TributaryStreams.create(wordCount(lines, counts), options("wc-" + UUID
            .randomUUID()));
        streams.start().block(WAIT);
        try {
            assertThat(streams.state()).isEqualTo(TributaryStreams.State.RUNNING);
            produce(lines, List.of("the quick fox", "The lazy dog", "the fox"));
            readUntil(counts, 2, Map.of("the", 3L, "quick", 1L, "fox", 2L, "lazy", 1L, "dog", 1L));
            assertThat(streams.<String, Long>store("word-counts").get("the")).isEqualTo(3L);
        } finally {
            streams.close().block(WAIT);
        }
        assertThat(streams.state()).isEqualTo(TributaryStreams.State.CLOSED);
    }

    @Test
    void aRestartedApplicationContinuesFromItsRestoredState() {
        String lines = createTopic("lines", 2);
        String counts = createTopic("counts", 2);
        String app = "restart-" + UUID.randomUUID();
        TributaryStreams first = TributaryStreams.create(wordCount(lines, counts), options(app));
        first.start().block(WAIT);
        try {
            produce(lines, List.of("a b a"));
            readUntil(counts, 2, Map.of("a", 2L, "b", 1L));
        } finally {
            first.close().block(WAIT);
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TributaryStreams second = TributaryStreams.create(wordCount(lines, counts), options(app,
            client().meterRegistry(meters)));
        second.start().block(WAIT);
        try {
            // Restored on assignment: queryable before any new input arrives.
            assertThat(second.<String, Long>store("word-counts").get("a")).isEqualTo(2L);
            produce(lines, List.of("a c"));
            List<String> seen = readUntil(counts, 2, Map.of("a", 3L, "b", 1L, "c", 1L));
            // From restored state, not from zero, and the first run's input was not counted again.
            assertThat(seen).doesNotContain("a=4", "c=2").containsSubsequence("a=2", "a=3");
            assertThat(second.<String, Long>store("word-counts").get("a")).isEqualTo(3L);
            // The restore was measured: at least the changelog's a=2 and b=1 were replayed.
            assertThat(meters.get("tributary.streams.restore.records").tag("store", "word-counts").counter().count())
                .isGreaterThanOrEqualTo(2);
            assertThat(meters.get("tributary.streams.restore.rate").summary().count()).isPositive();
        } finally {
            second.close().block(WAIT);
        }
    }

    @Test
    void aMissingSourceTopicFailsStartNamingIt() {
        String counts = createTopic("counts", 1);
        String missing = "no-such-topic-" + UUID.randomUUID();
        TributaryStreams streams = TributaryStreams.create(wordCount(missing, counts), options("missing-"
            + UUID.randomUUID()));
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> streams.start().block(WAIT));
        assertThat(error).isInstanceOf(StreamsException.class).hasMessageContaining(missing)
            .hasMessageContaining("do not exist");
        assertThat(streams.state()).isEqualTo(TributaryStreams.State.FAILED);
    }

    @Test
    void sourcesThatAreNotCoPartitionedFailStart() {
        String left = createTopic("left", 2);
        String right = createTopic("right", 3);
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> table = builder.table(right, Materialized.as("right-table"));
        builder.<String, String>stream(left).join(table, (a, b) -> a + b).to(left);
        TributaryStreams streams = TributaryStreams.create(builder.build(), options("copart-" + UUID.randomUUID()));
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> streams.start().block(WAIT));
        assertThat(error).isInstanceOf(TopologyException.class).hasMessageContaining("not co-partitioned");
    }

    @Test
    void instancesShareTheWorkAndARevokedPartitionIsRestoredWhereItIsAssignedNext() {
        String lines = createTopic("lines", 2);
        String counts = createTopic("counts", 2);
        String app = "shared-" + UUID.randomUUID();
        List<String> words = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        TributaryStreams first = TributaryStreams.create(wordCount(lines, counts), options(app));
        first.start().block(WAIT);
        TributaryStreams second = null;
        try {
            produce(lines, List.of(String.join(" ", words)));
            readUntil(counts, 2, expectedCounts(words, 1));
            second = TributaryStreams.create(wordCount(lines, counts), options(app));
            second.start().block(WAIT);
            // Now each instance owns one partition of each topic; the second restored what it took over.
            produce(lines, List.of(String.join(" ", words)));
            readUntil(counts, 2, expectedCounts(words, 2));
            List<String> secondsWords = second.<String, Long>store("word-counts").all().stream()
                .map(KeyValue::key)
                .toList();
            assertThat(secondsWords).isNotEmpty().hasSizeLessThan(words.size());
            second.close().block(WAIT);
            // The first instance gets the partitions back and must restore the second's updates to count on.
            produce(lines, List.of(String.join(" ", words)));
            List<String> seen = readUntil(counts, 2, expectedCounts(words, 3));
            assertThat(seen).noneMatch(s -> s.endsWith("=4"));
            // Tasks are created on their first record: the words the second instance counted are back here.
            for (String word : secondsWords) {
                assertThat(first.<String, Long>store("word-counts").get(word)).isEqualTo(3L);
            }
        } finally {
            first.close().block(WAIT);
            if (second != null) {
                second.close().block(WAIT);
            }
        }
    }

    /**
     * Cooperative rebalancing: when a second instance joins, the first gives up only the tasks that move and keeps
     * running the rest, neither closed nor restored again (with eager rebalancing it would close every task and
     * replay the changelogs of those it got back).
     */
    @Test
    void aJoiningInstanceTakesOnlyTheTasksThatMoveAndTheFirstRestoresNothingAgain() throws InterruptedException {
        String lines = createTopic("lines", 4);
        String counts = createTopic("counts", 4);
        String app = "cooperative-" + UUID.randomUUID();
        List<String> words = TWELVE_WORDS;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TributaryStreams first = TributaryStreams.create(wordCount(lines, counts),
            options(app, client().meterRegistry(meters)));
        first.start().block(WAIT);
        TributaryStreams second = null;
        try {
            produce(lines, List.of(String.join(" ", words)));
            readUntil(counts, 4, expectedCounts(words, 1));
            double restoredBefore = restored(meters);
            second = TributaryStreams.create(wordCount(lines, counts), options(app));
            second.start().block(WAIT);
            TributaryStreams joined = second;
            awaitUntil(() -> !joined.<String, Long>store("word-counts").all().isEmpty(),
                "the second instance's first tasks");
            produce(lines, List.of(String.join(" ", words)));
            readUntil(counts, 4, expectedCounts(words, 2));

            int firstWords = first.<String, Long>store("word-counts").all().size();
            int secondWords = second.<String, Long>store("word-counts").all().size();
            assertThat(secondWords).isPositive();
            assertThat(firstWords).isPositive();
            assertThat(firstWords + secondWords).isEqualTo(words.size());
            assertThat(restored(meters)).as("changelog records the first instance replayed after the join")
                .isEqualTo(restoredBefore);
        } finally {
            first.close().block(WAIT);
            if (second != null) {
                second.close().block(WAIT);
            }
        }
    }

    /**
     * Interactive queries across instances: each instance announces its application.server, and either one tells
     * for every key the instance whose local store holds it.
     */
    @Test
    void everyInstanceTellsWhichInstanceHostsAKey() throws InterruptedException {
        String lines = createTopic("lines", 4);
        String counts = createTopic("counts", 4);
        String app = "hosts-" + UUID.randomUUID();
        List<String> words = TWELVE_WORDS;
        TributaryStreams first = TributaryStreams.create(wordCount(lines, counts),
            options(app).applicationServer("first.example:7001"));
        TributaryStreams second = TributaryStreams.create(wordCount(lines, counts),
            options(app).applicationServer("second.example:7002"));
        Map<HostInfo, TributaryStreams> byHost = Map.of(HostInfo.parse("first.example:7001"), first,
            HostInfo.parse("second.example:7002"), second);
        try {
            first.start().block(WAIT);
            second.start().block(WAIT);
            produce(lines, List.of(String.join(" ", words)));
            readUntil(counts, 4, expectedCounts(words, 1));
            awaitUntil(() -> hostsAgree(words, byHost), "every key found where the metadata says");
            for (TributaryStreams instance : List.of(first, second)) {
                assertThat(instance.metadataForAllStreamsClients()).extracting(StreamsMetadata::hostInfo)
                    .containsExactlyInAnyOrderElementsOf(byHost.keySet());
                assertThat(instance.streamsMetadataForStore("word-counts")).hasSize(2)
                    .allSatisfy(m -> assertThat(m.stateStoreNames()).contains("word-counts"));
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> first.queryMetadataForKey("no-such-store",
                "a", Serdes.string().serializer())).isInstanceOf(IllegalArgumentException.class);
        } finally {
            first.close().block(WAIT);
            second.close().block(WAIT);
        }
    }

    /** Whether, seen from each instance, every word's active host is the instance whose store holds it. */
    private static boolean hostsAgree(List<String> words, Map<HostInfo, TributaryStreams> byHost) {
        for (TributaryStreams asked : byHost.values()) {
            for (String word : words) {
                KeyQueryMetadata where = asked.queryMetadataForKey("word-counts", word, Serdes.string().serializer());
                TributaryStreams host = byHost.get(where.activeHost());
                if (host == null || host.<String, Long>store("word-counts").get(word) == null) {
                    return false;
                }
                for (TributaryStreams other : byHost.values()) {
                    if (other != host && other.<String, Long>store("word-counts").get(word) != null) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static double restored(SimpleMeterRegistry meters) {
        return meters.find("tributary.streams.restore.records").counters().stream()
            .mapToDouble(io.micrometer.core.instrument.Counter::count)
            .sum();
    }

    private static Map<String, Long> expectedCounts(List<String> words, long count) {
        Map<String, Long> out = new HashMap<>();
        words.forEach(w -> out.put(w, count));
        return out;
    }

    @Test
    void closingBeforeStartAndTwiceIsHarmless() {
        String lines = createTopic("lines", 1);
        TributaryStreams streams = TributaryStreams.create(wordCount(lines, lines), options("idle-"
            + UUID.randomUUID()));
        streams.close().block(WAIT);
        streams.close().block(WAIT);
        assertThat(streams.state()).isEqualTo(TributaryStreams.State.CLOSED);
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> streams.start().block(WAIT));
        assertThat(error).isInstanceOf(IllegalStateException.class).hasMessageContaining("CLOSED");
    }

    @Test
    void aChangelogEndingInATransactionMarkerIsRestoredToItsEnd() {
        String lines = createTopic("lines", 1);
        String counts = createTopic("counts", 1);
        String app = "restore-tx-" + UUID.randomUUID();
        TributaryStreams first = TributaryStreams.create(wordCount(lines, counts), options(app));
        first.start().block(WAIT);
        try {
            produce(lines, List.of("a b a"));
            readUntil(counts, 1, Map.of("a", 2L, "b", 1L));
        } finally {
            first.close().block(WAIT);
        }
        // A transactional write ends the changelog with a commit marker (as an exactly-once writer leaves it).
        String changelog = app + "-word-counts-changelog";
        TributaryProducer<String, Long> producer = TributaryProducer.create(ProducerOptions.create(client(),
            Serdes.string().serializer(), Serdes.longSerde().serializer()).transactionalId("tx-" + UUID.randomUUID()));
        try {
            producer.inTransaction(p -> p.send(ProducerRecord.of(changelog, "b", 10L))).blockLast(WAIT);
        } finally {
            producer.closeNow();
        }
        TributaryStreams second = TributaryStreams.create(wordCount(lines, counts), options(app));
        try {
            second.start().block(WAIT);
            produce(lines, List.of("b"));
            readUntil(counts, 1, Map.of("a", 2L, "b", 11L));
            assertThat(second.<String, Long>store("word-counts").get("b")).isEqualTo(11L);
        } finally {
            second.close().block(WAIT);
        }
    }

    private void produceKeyed(String topic, List<KeyValue<String, String>> records) {
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(client(),
            Serdes.string().serializer(), Serdes.string().serializer()));
        try {
            Flux.fromIterable(records)
                .concatMap(kv -> producer.send(ProducerRecord.of(topic, kv.key(), kv.value())))
                .blockLast(WAIT);
        } finally {
            producer.closeNow();
        }
    }

    /** Writes {@code records} in one committed transaction: the partitions written to end in a commit marker. */
    private void produceInTransaction(String topic, List<KeyValue<String, String>> records) {
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(client(),
            Serdes.string().serializer(), Serdes.string().serializer()).transactionalId("tx-" + UUID.randomUUID()));
        try {
            producer.inTransaction(p -> Flux.fromIterable(records)
                    .concatMap(kv -> p.send(ProducerRecord.of(topic, kv.key(), kv.value()))))
                .blockLast(WAIT);
        } finally {
            producer.closeNow();
        }
    }

    @Test
    void aGlobalTopicEndingInATransactionMarkerStillCountsAsLoaded() {
        String users = createTopic("users", 2);
        List<KeyValue<String, String>> userRecords = List.of(KeyValue.pair("u1", "ann"), KeyValue.pair("u2", "bob"));
        produceInTransaction(users, userRecords);
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> table = builder.globalTable(users,
            Consumed.with(Serdes.string(), Serdes.string()), Materialized.as("tx-users"));
        builder.stream(createTopic("orders", 1), Consumed.with(Serdes.string(), Serdes.string()))
            .join(table, (orderId, userId) -> userId, (userId, name) -> name)
            .to(createTopic("enriched", 1), Produced.with(Serdes.string(), Serdes.string()));
        TributaryStreams streams = TributaryStreams.create(builder.build(), options("global-tx-" + UUID.randomUUID()));
        try {
            // The last offset of each partition is a commit marker, never emitted as a record.
            streams.start().block(WAIT);
            assertThat(streams.<String, String>store("tx-users").all())
                .containsExactlyInAnyOrderElementsOf(userRecords);
        } finally {
            streams.close().block(WAIT);
        }
    }

    /** Reads string records of {@code topic} until {@code count} were read; returns them as key=value. */
    private List<String> readStrings(String topic, int partitions, int count) {
        TributaryConsumer<String, String> consumer = reader(topic, partitions, Serdes.string(),
            IsolationLevel.READ_UNCOMMITTED);
        try {
            return consumer.receive()
                .map(r -> r.key() + "=" + r.value())
                .take(count)
                .collectList()
                .block(WAIT);
        } finally {
            consumer.close().block(WAIT);
        }
    }

    /** Reads string records of {@code topic} until all of {@code expected} were read; returns every read. */
    private List<String> readStringsUntil(String topic, int partitions, List<String> expected) {
        TributaryConsumer<String, String> consumer = reader(topic, partitions, Serdes.string(),
            IsolationLevel.READ_UNCOMMITTED);
        List<String> seen = new ArrayList<>();
        try {
            consumer.receive()
                .map(r -> r.key() + "=" + r.value())
                .doOnNext(seen::add)
                .takeUntil(s -> seen.containsAll(expected))
                .blockLast(WAIT);
        } catch (IllegalStateException timedOut) {
            throw new AssertionError("Expected " + expected + ", read " + seen, timedOut);
        } finally {
            consumer.close().block(WAIT);
        }
        return seen;
    }

    @Test
    void aGlobalTableIsLoadedBeforeProcessingAndFollowsItsTopicWithoutCoPartitioning() {
        String users = createTopic("users", 3);
        String orders = createTopic("orders", 2);
        String out = createTopic("enriched", 2);
        List<KeyValue<String, String>> userRecords = IntStream.range(0, 30)
            .mapToObj(i -> KeyValue.pair("u" + i, "name" + i))
            .toList();
        produceKeyed(users, userRecords);
        // Orders written before start too: the inner join drops any whose user is not loaded yet when it runs.
        produceKeyed(orders, IntStream.range(0, 30).mapToObj(i -> KeyValue.pair("o" + i, "u" + i)).toList());
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> table = builder.globalTable(users,
            Consumed.with(Serdes.string(), Serdes.string()), Materialized.as("users-store"));
        builder.stream(orders, Consumed.with(Serdes.string(), Serdes.string()))
            .join(table, (orderId, userId) -> userId, (userId, name) -> userId + "/" + name)
            .to(out, Produced.with(Serdes.string(), Serdes.string()));
        TributaryStreams streams = TributaryStreams.create(builder.build(), options("global-" + UUID.randomUUID()));
        streams.start().block(WAIT);
        try {
            var store = streams.<String, String>store("users-store");
            assertThat(store.approximateNumEntries()).isEqualTo(30);
            assertThat(store.all()).containsExactlyInAnyOrderElementsOf(userRecords);
            List<String> enriched = readStrings(out, 2, 30);
            assertThat(enriched).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 30)
                .mapToObj(i -> "o" + i + "=u" + i + "/name" + i).toList());
            // Later updates of the global topic reach the store, and the records processed after them.
            produceKeyed(users, List.of(KeyValue.pair("u7", "renamed"), KeyValue.pair("u99", "new")));
            reactor.core.publisher.Mono.fromCallable(() -> store.get("u99"))
                .repeatWhenEmpty(r -> r.delayElements(Duration.ofMillis(50)))
                .block(WAIT);
            assertThat(store.get("u7")).isEqualTo("renamed");
            produceKeyed(orders, List.of(KeyValue.pair("o100", "u7"), KeyValue.pair("o101", "u99")));
            assertThat(readStrings(out, 2, 32)).contains("o100=u7/renamed", "o101=u99/new");
        } finally {
            streams.close().block(WAIT);
        }
        assertThat(streams.state()).isEqualTo(TributaryStreams.State.CLOSED);
    }

    /** Writes {@code key=value} records with these timestamps, in order. */
    private void produceTimed(String topic, List<KeyValue<String, String>> records, List<Long> timestamps) {
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(client(),
            Serdes.string().serializer(), Serdes.string().serializer()));
        try {
            Flux.range(0, records.size())
                .concatMap(i -> producer.send(ProducerRecord.of(topic, records.get(i).key(), records.get(i).value())
                    .timestamp(timestamps.get(i))))
                .blockLast(WAIT);
        } finally {
            producer.closeNow();
        }
    }

    @Test
    void sessionWindowedCountsMergeSessionsAndAreQueryable() {
        String clicks = createTopic("clicks", 1);
        String out = createTopic("sessions", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(clicks, Consumed.with(Serdes.string(), Serdes.string()))
            .groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(10), Duration.ofMillis(10)))
            // Every merge, not only those left at each commit (what the record cache would emit).
            .count(Materialized.<String, Long>as("click-sessions").withCachingDisabled())
            .toStream()
            .map((w, n) -> KeyValue.pair(w.key() + "@" + (w.window().start() % 1000) + "/" + (w.window().end() % 1000),
                String.valueOf(n)))
            .to(out, Produced.with(Serdes.string(), Serdes.string()));
        TributaryStreams streams = TributaryStreams.create(builder.build(), options("sessions-" + UUID.randomUUID()));
        streams.start().block(WAIT);
        try {
            long base = System.currentTimeMillis() / 1000 * 1000 - 60_000;
            List<KeyValue<String, String>> records = List.of(KeyValue.pair("u", "a"), KeyValue.pair("u", "b"),
                KeyValue.pair("u", "c"), KeyValue.pair("u", "d"));
            produceTimed(clicks, records, List.of(base, base + 5, base + 20, base + 12));
            assertThat(readStrings(out, 1, 7)).containsExactly("u@0/0=1", "u@0/0=null", "u@0/5=2", "u@20/20=1",
                "u@0/5=null", "u@20/20=null", "u@0/20=4");
            assertThat(streams.<String, Long>sessionStore("click-sessions").fetch("u"))
                .extracting(KeyValue::value).containsExactly(4L);
        } finally {
            streams.close().block(WAIT);
        }
    }

    @Test
    void aLeftJoinEmitsAnUnmatchedRecordOnceItsWindowHasPassed() {
        String orders = createTopic("orders", 1);
        String payments = createTopic("payments", 1);
        String out = createTopic("paid", 1);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> paid = builder.stream(payments, Consumed.with(Serdes.string(), Serdes.string()));
        builder.stream(orders, Consumed.with(Serdes.string(), Serdes.string()))
            .leftJoin(paid, (o, p) -> o + "/" + p, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(100)),
                StreamJoined.as("order-payments"))
            .to(out, Produced.with(Serdes.string(), Serdes.string()));
        TributaryStreams streams = TributaryStreams.create(builder.build(), options("left-join-" + UUID.randomUUID()));
        streams.start().block(WAIT);
        try {
            long base = System.currentTimeMillis() - 60_000;
            produceTimed(orders, List.of(KeyValue.pair("k1", "o1"), KeyValue.pair("k2", "o2")),
                List.of(base, base + 10));
            produceTimed(payments, List.of(KeyValue.pair("k1", "p1")), List.of(base + 50));
            // Only the match so far: o2 waits for a payment until stream time passes its window.
            assertThat(readStrings(out, 1, 1)).containsExactly("k1=o1/p1");
            produceTimed(orders, List.of(KeyValue.pair("k3", "o3")), List.of(base + 500));
            assertThat(readStrings(out, 1, 2)).containsExactly("k1=o1/p1", "k2=o2/null");
        } finally {
            streams.close().block(WAIT);
        }
    }

    private StreamsOptions exactlyOnce(String applicationId) {
        return options(applicationId).processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE_V2)
            .commitInterval(Duration.ofMillis(100));
    }

    /** The sum of the end offsets of {@code topic}'s partitions. */
    private long endOffsets(String topic, int partitions) {
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(client()));
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            IntStream.range(0, partitions).forEach(p -> latest.put(new TopicPartition(topic, p), OffsetSpec.latest()));
            return admin.listOffsets(latest).block(WAIT).values().stream().mapToLong(ListedOffset::offset).sum();
        } finally {
            admin.close().block(WAIT);
        }
    }

    @Test
    void exactlyOnceWritesOutputsInTransactionsThatReadCommittedReadersSee() {
        String lines = createTopic("lines", 2);
        String counts = createTopic("counts", 2);
        TributaryStreams streams = TributaryStreams.create(wordCount(lines, counts), exactlyOnce("eos-"
            + UUID.randomUUID()));
        streams.start().block(WAIT);
        try {
            produce(lines, List.of("the quick fox", "The lazy dog", "the fox"));
            List<String> seen = readUntil(counts, 2, Map.of("the", 3L, "quick", 1L, "fox", 2L, "lazy", 1L,
                "dog", 1L), IsolationLevel.READ_COMMITTED);
            assertThat(seen).doesNotHaveDuplicates();
            assertThat(streams.<String, Long>store("word-counts").get("the")).isEqualTo(3L);
            // Commit markers take offsets: written by transactions, the topic ends beyond its records.
            assertThat(endOffsets(counts, 2)).isGreaterThan(seen.size());
        } finally {
            streams.close().block(WAIT);
        }
        assertThat(streams.state()).isEqualTo(TributaryStreams.State.CLOSED);
    }

    @Test
    void exactlyOnceRecoversFromAFailedTransactionFromWhatWasCommitted() throws InterruptedException {
        String lines = createTopic("lines", 1);
        String counts = createTopic("counts", 1);
        String app = "eos-fail-" + UUID.randomUUID();
        java.util.concurrent.atomic.AtomicBoolean explode = new java.util.concurrent.atomic.AtomicBoolean(true);
        Topology topology = wordCount(lines, counts, line -> {
            if (line.contains("boom") && explode.get()) {
                throw new IllegalStateException("boom");
            }
        });
        TributaryStreams first = TributaryStreams.create(topology, exactlyOnce(app));
        first.start().block(WAIT);
        try {
            produce(lines, List.of("a b"));
            readUntil(counts, 1, Map.of("a", 1L, "b", 1L), IsolationLevel.READ_COMMITTED);
            produce(lines, List.of("a a", "a boom"));
            awaitUntil(() -> first.state() == TributaryStreams.State.FAILED, "the application to fail");
        } finally {
            first.close().block(WAIT);
        }
        explode.set(false);
        TributaryStreams second = TributaryStreams.create(topology, exactlyOnce(app));
        second.start().block(WAIT);
        try {
            List<String> seen = readUntil(counts, 1, Map.of("a", 4L, "b", 1L, "boom", 1L),
                IsolationLevel.READ_COMMITTED);
            // Each line counted once: nothing of the aborted transaction was restored or read again twice.
            assertThat(seen).doesNotContain("a=5", "a=6", "b=2", "boom=2").doesNotHaveDuplicates();
            assertThat(second.<String, Long>store("word-counts").get("a")).isEqualTo(4L);
        } finally {
            second.close().block(WAIT);
        }
    }

    /**
     * Exactly-once when an instance dies: a child JVM counting words is killed (SIGKILL) mid-stream while a second
     * instance shares the work; the second takes over its tasks once the group notices (session time-out) and the
     * dead instance's open transaction was aborted (transaction time-out). A read_committed reader then sees each
     * word's counts go 1, 2, 3, ... to its number of lines: nothing lost, nothing counted twice.
     */
    @Test
    void exactlyOnceCountsStayExactWhenAnInstanceIsKilledMidStream() throws Exception {
        String lines = createTopic("lines", 2);
        String counts = createTopic("counts", 2);
        String app = "eos-kill-" + UUID.randomUUID();
        List<String> words = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        int perWord = 250;
        List<String> input = new ArrayList<>();
        for (int i = 0; i < perWord * words.size(); i++) {
            input.add(words.get(i % words.size()));
        }
        Map<String, List<Long>> seen = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger outputs = new java.util.concurrent.atomic.AtomicInteger();
        TributaryConsumer<String, Long> reader = reader(counts, 2, Serdes.longSerde(), IsolationLevel.READ_COMMITTED);
        reactor.core.Disposable reading = reader.receive().subscribe(r -> {
            seen.computeIfAbsent(r.key(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(r.value());
            outputs.incrementAndGet();
        });
        // All the input first: the child then works through it at its slow pace.
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(client(),
            Serdes.string().serializer(), Serdes.string().serializer()));
        try {
            producer.send(Flux.fromIterable(input)
                    .map(w -> io.tributary.producer.SenderRecord.create(ProducerRecord.of(lines, w, w), w)))
                .blockLast(WAIT);
        } finally {
            producer.close().block(WAIT);
        }
        java.nio.file.Path log = java.nio.file.Files.createTempFile("eos-child", ".log");
        Process child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            SlowExactlyOnceWordCount.class.getName(), bootstrapServers(), app, lines, counts)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        TributaryStreams survivor = null;
        try {
            awaitUntil(() -> outputs.get() >= 100, "the child's first committed counts", () -> childLog(log));
            survivor = TributaryStreams.create(SlowExactlyOnceWordCount.topology(lines, counts, Duration.ZERO),
                SlowExactlyOnceWordCount.options(app, bootstrapServers()));
            survivor.start().block(WAIT);
            assertThat(outputs.get()).as("the child is still busy when killed").isLessThan(input.size() / 2);
            child.destroyForcibly().waitFor();

            awaitUntil(() -> words.stream().allMatch(w -> seen.getOrDefault(w, List.of()).size() >= perWord),
                "every count up to " + perWord, () -> childLog(log));
            for (String word : words) {
                List<Long> expected = java.util.stream.LongStream.rangeClosed(1, perWord).boxed().toList();
                assertThat(seen.get(word)).as("the committed counts of %s", word).isEqualTo(expected);
            }
        } finally {
            child.destroyForcibly();
            reading.dispose();
            reader.close().block(WAIT);
            if (survivor != null) {
                survivor.close().block(WAIT);
            }
        }
    }

    /** Waits up to {@link #WAIT} for {@code condition}; fails naming {@code what}. */
    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what)
        throws InterruptedException {
        awaitUntil(condition, what, () -> "");
    }

    /** As {@link #awaitUntil(java.util.function.BooleanSupplier, String)}, the failure adding {@code context}. */
    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what,
                                   java.util.function.Supplier<String> context) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what + context.get());
            }
            Thread.sleep(20);
        }
    }

    /** The child JVM's log, for a failure message. */
    private static String childLog(java.nio.file.Path log) {
        try {
            return "; the child's log:\n" + java.nio.file.Files.readString(log);
        } catch (java.io.IOException e) {
            return "; the child's log could not be read: " + e;
        }
    }

    @Test
    void theRecordCacheForwardsAKeysUpdatesOncePerCommitInterval() {
        String lines = createTopic("lines", 1);
        String counts = createTopic("counts", 1);
        TributaryStreams streams = TributaryStreams.create(wordCount(lines, counts), options("cache-"
            + UUID.randomUUID()).commitInterval(Duration.ofSeconds(2)));
        streams.start().block(WAIT);
        try {
            produce(lines, List.of("a a a a a a"));
            List<String> seen = readUntil(counts, 1, Map.of("a", 6L));
            // Six updates of "a" arrive within a few milliseconds: one flush (two if one fell between them).
            assertThat(seen).hasSizeLessThanOrEqualTo(2).endsWith("a=6");
        } finally {
            streams.close().block(WAIT);
        }
    }

    @Test
    void aForeignKeyJoinNeedsNoCoPartitioning() {
        String customers = createTopic("customers", 3);
        String orders = createTopic("orders", 2);
        String out = createTopic("named-orders", 2);
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> names = builder.table(customers, Materialized.as("customers"));
        builder.<String, String>table(orders, Materialized.as("orders"))
            .join(names, order -> order.split(":")[0], (order, name) -> order.split(":")[1] + " for " + name,
                Materialized.as("named-orders"))
            .toStream()
            .to(out, Produced.with(Serdes.string(), Serdes.string()));
        TributaryStreams streams = TributaryStreams.create(builder.build(), options("fk-" + UUID.randomUUID()));
        streams.start().block(WAIT);
        try {
            produceKeyed(customers, IntStream.range(0, 10).mapToObj(i -> KeyValue.pair("c" + i, "name" + i))
                .toList());
            produceKeyed(orders, IntStream.range(0, 20).mapToObj(i -> KeyValue.pair("o" + i, "c" + (i % 10)
                + ":item" + i)).toList());
            // An order may reach its customer's partition before the customer does: deleted, then joined.
            List<String> joined = IntStream.range(0, 20).mapToObj(i -> "o" + i + "=item" + i + " for name" + (i % 10))
                .toList();
            assertThat(readStringsUntil(out, 2, joined)).allMatch(s -> s.endsWith("=null") || joined.contains(s));
            // A right update reaches the left rows that name it, whichever partitions they are in.
            produceKeyed(customers, List.of(KeyValue.pair("c3", "renamed")));
            readStringsUntil(out, 2, List.of("o3=item3 for renamed", "o13=item13 for renamed"));
        } finally {
            streams.close().block(WAIT);
        }
    }

    @Test
    void anInputWhoseOutputCannotBeWrittenGoesToTheDeadLetterTopicUnderLogAndContinue() {
        String in = createTopic("in", 1);
        String out = createTopic("out", 1);
        String dlt = createTopic("dlt", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.string(), Serdes.string()))
            .mapValues(v -> v.equals("big") ? "x".repeat(2 * 1024 * 1024) : v)   // over the producer's 1 MiB
            .to(out, Produced.with(Serdes.string(), Serdes.string()));
        TributaryStreams streams = TributaryStreams.create(builder.build(), options("dlt-" + UUID.randomUUID())
            .productionErrorHandling(ErrorHandling.LOG_AND_CONTINUE).deadLetterTopic(dlt));
        streams.start().block(WAIT);
        try {
            produce(in, List.of("a", "big", "b"));
            assertThat(readStrings(out, 1, 2)).containsExactly("a=a", "b=b");
            TributaryConsumer<String, String> letters = reader(dlt, 1, Serdes.string(),
                IsolationLevel.READ_UNCOMMITTED);
            try {
                ReceivedRecord<String, String> letter = letters.receive().next().block(WAIT);
                assertThat(letter.key()).isEqualTo("big");
                assertThat(letter.value()).isEqualTo("big");
                Map<String, String> headers = new HashMap<>();
                letter.headers().forEach(h -> headers.put(h.key(), new String(h.value(),
                    java.nio.charset.StandardCharsets.UTF_8)));
                assertThat(headers).containsEntry("__streams.errors.topic", in)
                    .containsEntry("__streams.errors.offset", "1")
                    .containsKey("__streams.errors.exception");
            } finally {
                letters.close().block(WAIT);
            }
        } finally {
            streams.close().block(WAIT);
        }
    }
}
