package io.tributary.streams;

import io.tributary.serdes.Serializer;
import io.tributary.streams.internal.Access;
import io.tributary.streams.internal.runtime.DefaultTributaryStreams;
import io.tributary.streams.state.ReadOnlyKeyValueStore;
import io.tributary.streams.state.ReadOnlySessionStore;
import io.tributary.streams.state.ReadOnlyWindowStore;
import java.util.Collection;
import reactor.core.publisher.Mono;

/**
 * Runs a {@link Topology} against a Kafka cluster (Tributary's broker or Apache Kafka) with the Tributary SDK: one
 * consumer in the group {@code application.id}, one producer, and a task per input partition of each
 * sub-topology. Instances with the same application id share the partitions through the consumer group.
 *
 * <pre>{@code
 * TributaryStreams streams = TributaryStreams.create(builder.build(), options);
 * streams.start().block();          // topics checked and created, group joined
 * ReadOnlyKeyValueStore<String, Long> counts = streams.store("word-counts");
 * streams.close().block();
 * }</pre>
 *
 * <p><strong>Start-up.</strong> {@link #start()} checks that the source topics exist (a clear error names the
 * missing ones), that the sources of each sub-topology are co-partitioned, creates the repartition topics
 * ({@code <application.id>-<name>-repartition}, as many partitions as their largest upstream source) and compacted
 * changelog topics ({@code <application.id>-<store>-changelog}), loads the {@link GlobalKTable}s (every partition
 * of their topics, first record to last, with a consumer outside the group that then keeps following the topics),
 * then joins the group, whose assignor places tasks: partition p of co-partitioned topics lands on one instance,
 * and rebalances are cooperative (only the tasks that move are closed, first by their old owner).
 *
 * <p><strong>Processing.</strong> Records are processed one at a time in order per partition. A task is created
 * when assigned, after its stores were restored from their changelogs; tasks of revoked or lost partitions are
 * closed and dropped, so a partition assigned again is restored again. <strong>At-least-once:</strong> an input
 * record is acknowledged only once all its outputs (sink and changelog records) were written; the consumer
 * commits acknowledged offsets in order. Threads: records are processed on the consumer's scheduler, never on a
 * network event loop.
 *
 * @since 0.1
 */
public interface TributaryStreams {
    /**
     * An application running {@code topology} with {@code options}; nothing connects before {@link #start()}.
     *
     * @throws IllegalArgumentException for {@link ProcessingGuarantee#EXACTLY_ONCE_V2}, not supported yet
     * @throws TopologyException        if the topology is not valid
     */
    static TributaryStreams create(Topology topology, StreamsOptions options) {
        return new DefaultTributaryStreams(Access.graph(topology), options);
    }

    /** The lifecycle states. */
    enum State {
        CREATED, STARTING, RUNNING, CLOSING, CLOSED, FAILED
    }

    /**
     * Starts the application; completes once the group was joined and partitions assigned. Lazy; may be called
     * once. Fails with {@link StreamsException} for missing source topics and {@link TopologyException} for sources
     * that are not co-partitioned; the application is then {@link State#FAILED}.
     */
    Mono<Void> start();

    /**
     * Stops taking records, waits (up to 30 s) until the outputs of the records taken were written, commits,
     * leaves the group and closes the clients and tasks. Lazy; idempotent.
     */
    Mono<Void> close();

    State state();

    /**
     * The local instances of a key-value store (tables, aggregations, Processor API stores) across this instance's
     * tasks, for interactive queries. Each key lives in one task; {@code all()} and {@code range()} list each
     * task's entries in key order, one task after the other. A {@link GlobalKTable}'s store holds every key of its
     * topic on every instance, and is loaded once {@link #start()} completes.
     *
     * @throws IllegalArgumentException if the topology has no key-value store of that name
     */
    <K, V> ReadOnlyKeyValueStore<K, V> store(String name);

    /**
     * Which instance hosts {@code key} of {@code storeName}, for routing an interactive query to it: the instance
     * running the key's task in the group's last assignment (by its {@code application.server}), those with standby
     * copies, and the partition, that of the key's bytes among the store's source partitions as Kafka's default
     * partitioner places them. {@link KeyQueryMetadata#NOT_AVAILABLE} before the first assignment, while the task
     * moves, or when its instance has no {@code application.server}. For a global store: this instance.
     *
     * @throws IllegalArgumentException if the topology has no store of that name
     */
    <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, Serializer<K> keySerializer);

    /**
     * The instances (with an {@code application.server}) that run or keep standbys of tasks of {@code storeName},
     * as the group's last assignment placed them.
     *
     * @throws IllegalArgumentException if the topology has no store of that name
     */
    Collection<StreamsMetadata> streamsMetadataForStore(String storeName);

    /** Every instance of the application with an {@code application.server}, as the last assignment placed them. */
    Collection<StreamsMetadata> metadataForAllStreamsClients();

    /** As {@link #store(String)}, for a window store (time and sliding window aggregations). */
    <K, V> ReadOnlyWindowStore<K, V> windowStore(String name);

    /** As {@link #store(String)}, for a session store (session window aggregations). */
    <K, V> ReadOnlySessionStore<K, V> sessionStore(String name);
}
