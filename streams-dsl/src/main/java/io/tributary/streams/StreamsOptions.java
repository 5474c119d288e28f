package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import io.tributary.client.ClientOptions;
import io.tributary.client.internal.PropertyValues;
import io.tributary.serdes.Serde;
import io.tributary.streams.processor.TimestampExtractor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How a topology runs: application id, cluster, default serdes, guarantees and error handling. Immutable: setters
 * validate and return a new instance.
 *
 * <pre>{@code
 * StreamsOptions options = StreamsOptions.create("word-count", "localhost:9092")
 *     .defaultKeySerde(Serdes.string())
 *     .defaultValueSerde(Serdes.string());
 * }</pre>
 *
 * @since 0.1
 */
public final class StreamsOptions {
    private static final List<String> STREAMS_KEYS = List.of("application.id", "processing.guarantee",
        "commit.interval.ms", "replication.factor", "num.stream.threads", "statestore.cache.max.bytes",
        "default.deserialization.exception.handler", "processing.exception.handler",
        "default.production.exception.handler", "errors.dead.letter.queue.topic.name",
        "tributary.allow.generated.names", "state.dir", "default.dsl.store", "tributary.rocksdb.memory.max.bytes",
        "num.standby.replicas", "application.server", "session.timeout.ms");

    private final Draft d;

    private StreamsOptions(Draft d) {
        this.d = d;
    }

    /**
     * Options with the defaults: at-least-once, commits every 30 s (Kafka Streams' default), no default serdes,
     * the record timestamps as event time, every error fails the application ({@link ErrorHandling#FAIL}), internal
     * topics with the broker's default replication factor, stateful operations must be named.
     *
     * @param applicationId the consumer group id and the prefix of internal topic names
     * @throws IllegalArgumentException if {@code applicationId} is empty or not usable in a topic name
     */
    public static StreamsOptions create(String applicationId, ClientOptions client) {
        Draft d = new Draft();
        d.applicationId = checkApplicationId(applicationId);
        d.client = requireNonNull(client, "client");
        return new StreamsOptions(d);
    }

    /** Options for a cluster at {@code bootstrapServers} ({@code host:port}, comma separated). */
    public static StreamsOptions create(String applicationId, String bootstrapServers) {
        return create(applicationId, ClientOptions.create(List.of(bootstrapServers.split(","))));
    }

    /**
     * Options from Kafka Streams property names: {@code application.id} and {@code bootstrap.servers} (required),
     * the client settings of {@link ClientOptions}, {@code processing.guarantee} ({@code at_least_once},
     * {@code exactly_once_v2}), {@code commit.interval.ms}, {@code replication.factor},
     * {@code num.stream.threads} (only 1), {@code statestore.cache.max.bytes}, the three exception-handler keys
     * (Kafka Streams' {@code LogAndContinue...} and {@code LogAndFail...} class names, or {@code fail} /
     * {@code log-and-continue}), {@code state.dir}, {@code default.dsl.store} ({@code in_memory} or
     * {@code rocksDB}), {@code tributary.rocksdb.memory.max.bytes}, {@code num.standby.replicas},
     * {@code application.server}, {@code session.timeout.ms} and {@code tributary.allow.generated.names}.
     *
     * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
     */
    public static StreamsOptions fromProperties(Map<String, ?> properties) {
        Set<String> known = new HashSet<>(ClientOptions.propertyNames());
        known.addAll(STREAMS_KEYS);
        for (String key : properties.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("Unknown streams property '" + key + "'");
            }
        }
        Object id = properties.get("application.id");
        if (id == null) {
            throw new IllegalArgumentException("application.id is required");
        }
        StreamsOptions options = create(PropertyValues.string(id), ClientOptions.fromProperties(properties));
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            options = options.apply(e.getKey(), e.getValue());
        }
        return options;
    }

    private StreamsOptions apply(String key, Object value) {
        String s = PropertyValues.string(value).trim();
        return switch (key) {
            case "processing.guarantee" -> processingGuarantee(switch (s.toLowerCase(Locale.ROOT)) {
                case "at_least_once" -> ProcessingGuarantee.AT_LEAST_ONCE;
                case "exactly_once_v2" -> ProcessingGuarantee.EXACTLY_ONCE_V2;
                default -> throw PropertyValues.invalid(key, s, "use at_least_once or exactly_once_v2");
            });
            case "commit.interval.ms" -> commitInterval(PropertyValues.millis(key, value));
            case "replication.factor" -> replicationFactor((short) PropertyValues.integer(key, value));
            case "num.stream.threads" -> {
                if (PropertyValues.integer(key, value) != 1) {
                    throw PropertyValues.invalid(key, s, "records are processed on Reactor schedulers; only 1 is "
                        + "accepted");
                }
                yield this;
            }
            case "statestore.cache.max.bytes" -> cacheMaxBytes(PropertyValues.longValue(key, value));
            case "default.deserialization.exception.handler" -> deserializationErrorHandling(handling(key, s));
            case "processing.exception.handler" -> processingErrorHandling(handling(key, s));
            case "default.production.exception.handler" -> productionErrorHandling(handling(key, s));
            case "errors.dead.letter.queue.topic.name" -> deadLetterTopic(PropertyValues.string(value));
            case "tributary.allow.generated.names" -> allowGeneratedNames(PropertyValues.bool(key, value));
            case "state.dir" -> stateDir(Path.of(s));
            case "default.dsl.store" -> defaultDslStore(switch (s.toLowerCase(Locale.ROOT)) {
                case "in_memory" -> Materialized.StoreType.IN_MEMORY;
                case "rocksdb" -> Materialized.StoreType.ROCKS_DB;
                default -> throw PropertyValues.invalid(key, s, "use in_memory or rocksDB");
            });
            case "tributary.rocksdb.memory.max.bytes" -> rocksDbMemoryMaxBytes(PropertyValues.longValue(key, value));
            case "num.standby.replicas" -> numStandbyReplicas(PropertyValues.integer(key, value));
            case "application.server" -> applicationServer(s);
            case "session.timeout.ms" -> sessionTimeout(PropertyValues.millis(key, value));
            default -> this;
        };
    }

    private static ErrorHandling handling(String key, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("fail") || v.endsWith("logandfailexceptionhandler")
            || v.endsWith("logandfailprocessingexceptionhandler") || v.endsWith("defaultproductionexceptionhandler")) {
            return ErrorHandling.FAIL;
        }
        if (v.equals("log-and-continue") || v.endsWith("logandcontinueexceptionhandler")
            || v.endsWith("logandcontinueprocessingexceptionhandler")) {
            return ErrorHandling.LOG_AND_CONTINUE;
        }
        throw PropertyValues.invalid(key, value, "use fail, log-and-continue or Kafka Streams' LogAndFail/"
            + "LogAndContinue handler class names");
    }

    private static String checkApplicationId(String id) {
        requireNonNull(id, "applicationId");
        if (!id.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("applicationId '" + id + "' must be non-empty and use only letters, "
                + "digits, '.', '_' and '-': it prefixes topic names");
        }
        return id;
    }

    /** The application id ({@code application.id}): consumer group id and prefix of internal topics. */
    public String applicationId() {
        return d.applicationId;
    }

    /** The cluster connection settings. */
    public ClientOptions client() {
        return d.client;
    }

    /** The key serde of operations that give none (no default: such an operation fails when its task starts). */
    public StreamsOptions defaultKeySerde(Serde<?> serde) {
        requireNonNull(serde, "serde");
        return copy(x -> x.defaultKeySerde = serde);
    }

    public @Nullable Serde<?> defaultKeySerde() {
        return d.defaultKeySerde;
    }

    /** The value serde of operations that give none. */
    public StreamsOptions defaultValueSerde(Serde<?> serde) {
        requireNonNull(serde, "serde");
        return copy(x -> x.defaultValueSerde = serde);
    }

    public @Nullable Serde<?> defaultValueSerde() {
        return d.defaultValueSerde;
    }

    /** {@code processing.guarantee}; default {@link ProcessingGuarantee#AT_LEAST_ONCE}. */
    public StreamsOptions processingGuarantee(ProcessingGuarantee guarantee) {
        requireNonNull(guarantee, "guarantee");
        return copy(x -> x.guarantee = guarantee);
    }

    public ProcessingGuarantee processingGuarantee() {
        return d.guarantee;
    }

    /**
     * How often processed input offsets are committed ({@code commit.interval.ms}; default 30 s, or 100 ms with
     * {@link ProcessingGuarantee#EXACTLY_ONCE_V2}, where it bounds a transaction, so how long outputs stay invisible
     * to {@code read_committed} readers), as in Kafka Streams.
     */
    public StreamsOptions commitInterval(Duration interval) {
        requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("commitInterval must be positive, was " + interval);
        }
        return copy(x -> x.commitInterval = interval);
    }

    public Duration commitInterval() {
        Duration explicit = d.commitInterval;
        if (explicit != null) {
            return explicit;
        }
        return d.guarantee == ProcessingGuarantee.EXACTLY_ONCE_V2 ? Duration.ofMillis(100) : Duration.ofSeconds(30);
    }

    /**
     * How long the group waits for an instance that stopped heartbeating before giving its tasks to others
     * ({@code session.timeout.ms}; default 45 s, Kafka's). Shorter fails over a crashed instance sooner; the broker
     * bounds it ({@code group.min.session.timeout.ms}, 6 s by default).
     */
    public StreamsOptions sessionTimeout(Duration timeout) {
        requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("session.timeout.ms must be positive, was " + timeout);
        }
        return copy(x -> x.sessionTimeout = timeout);
    }

    public Duration sessionTimeout() {
        return d.sessionTimeout;
    }

    /**
     * How often the group consumer heartbeats: 3 s (Kafka's default), or a third of {@link #sessionTimeout()} if
     * that is shorter, so that at least three heartbeats fall within a session, as Kafka advises.
     */
    public Duration heartbeatInterval() {
        Duration third = d.sessionTimeout.dividedBy(3);
        Duration threeSeconds = Duration.ofSeconds(3);
        return third.compareTo(threeSeconds) < 0 ? third : threeSeconds;
    }

    /**
     * Under {@link ProcessingGuarantee#EXACTLY_ONCE_V2}: how long a transaction may stay open before the broker
     * aborts it, which is how long a crashed instance's last transaction holds back {@code read_committed} readers
     * and the instance taking over its tasks: 10 s (as in Kafka Streams), or three commit intervals if longer.
     */
    public Duration transactionTimeout() {
        Duration threeIntervals = commitInterval().multipliedBy(3);
        Duration tenSeconds = Duration.ofSeconds(10);
        return threeIntervals.compareTo(tenSeconds) > 0 ? threeIntervals : tenSeconds;
    }

    /**
     * Whether stateful operations without a user-given name get positional generated names (default false:
     * {@code build()} fails naming the operation). Generated names change when operations are added before them,
     * which orphans their state and internal topics on upgrade; {@code build()} logs a warning for each.
     */
    public StreamsOptions allowGeneratedNames(boolean allow) {
        return copy(x -> x.allowGeneratedNames = allow);
    }

    public boolean allowGeneratedNames() {
        return d.allowGeneratedNames;
    }

    /** Records that cannot be deserialized; default {@link ErrorHandling#FAIL}. */
    public StreamsOptions deserializationErrorHandling(ErrorHandling handling) {
        requireNonNull(handling, "handling");
        return copy(x -> x.deserializationErrors = handling);
    }

    public ErrorHandling deserializationErrorHandling() {
        return d.deserializationErrors;
    }

    /** Records whose processing throws; default {@link ErrorHandling#FAIL}. */
    public StreamsOptions processingErrorHandling(ErrorHandling handling) {
        requireNonNull(handling, "handling");
        return copy(x -> x.processingErrors = handling);
    }

    public ErrorHandling processingErrorHandling() {
        return d.processingErrors;
    }

    /**
     * Output records the producer could not write; default {@link ErrorHandling#FAIL}. Under exactly-once, as in
     * Kafka Streams, {@code FAIL} aborts the transaction holding the output (none of its outputs and offsets become
     * visible to {@code read_committed} readers; a restart processes its inputs again), while
     * {@code LOG_AND_CONTINUE} skips the output (it is lost) and commits the transaction with the rest, with the
     * input's dead letter in it if there is a {@link #deadLetterTopic}.
     */
    public StreamsOptions productionErrorHandling(ErrorHandling handling) {
        requireNonNull(handling, "handling");
        return copy(x -> x.productionErrors = handling);
    }

    public ErrorHandling productionErrorHandling() {
        return d.productionErrors;
    }

    /**
     * A topic for input records that are skipped because they cannot be deserialized or processed, or whose output
     * cannot be written, under {@link ErrorHandling#LOG_AND_CONTINUE} ({@code errors.dead.letter.queue.topic.name},
     * as in Kafka Streams' KIP-1034): each is written there with its original key, value and headers, plus
     * {@code __streams.errors.*} headers naming the exception, its message and stack trace and the record's topic,
     * partition and offset. At-least-once, it is written before the input offset is committed. Under exactly-once
     * it is written in the transaction of the input's outputs and offset, so {@code read_committed} readers see it
     * exactly once: a transaction whose dead letter cannot be written aborts (and the application fails). A record
     * made by a record cache's flush has the context of the input that last updated it, so its dead letter is that
     * input's. The topic must exist (or the broker create it); under {@link ErrorHandling#FAIL} the application fails
     * naming the record and writes nothing.
     *
     * @throws IllegalArgumentException if {@code topic} is not a usable topic name
     */
    public StreamsOptions deadLetterTopic(String topic) {
        requireNonNull(topic, "topic");
        if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("deadLetterTopic '" + topic + "' is not a valid topic name");
        }
        return copy(x -> x.deadLetterTopic = topic);
    }

    /** The dead-letter topic, or null for none (the default). */
    public @Nullable String deadLetterTopic() {
        return d.deadLetterTopic;
    }

    /** Event time of input records; default none: the record timestamps. */
    public StreamsOptions timestampExtractor(TimestampExtractor extractor) {
        requireNonNull(extractor, "extractor");
        return copy(x -> x.timestampExtractor = extractor);
    }

    public @Nullable TimestampExtractor timestampExtractor() {
        return d.timestampExtractor;
    }

    /**
     * The record cache of the instance's aggregations ({@code statestore.cache.max.bytes}, default 10 MiB): updates
     * of a key between two commits are forwarded and logged once; 0 turns it off, so every update is emitted.
     */
    public StreamsOptions cacheMaxBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cacheMaxBytes must not be negative, was " + bytes);
        }
        return copy(x -> x.cacheMaxBytes = bytes);
    }

    public long cacheMaxBytes() {
        return d.cacheMaxBytes;
    }

    /**
     * Where persistent stores keep their files ({@code state.dir}): {@code <stateDir>/<application.id>/<task>/}
     * holds a task's {@code rocksdb/<store>} databases and its {@code .checkpoint}. Default
     * {@code <java.io.tmpdir>/tributary-streams}; a directory that cannot be created fails {@code start()}.
     */
    public StreamsOptions stateDir(Path directory) {
        requireNonNull(directory, "directory");
        return copy(x -> x.stateDir = directory);
    }

    public Path stateDir() {
        Path explicit = d.stateDir;
        return explicit != null ? explicit : Path.of(System.getProperty("java.io.tmpdir"), "tributary-streams");
    }

    /**
     * The store type of DSL key-value, window and session stores whose {@link Materialized} names none, and of
     * stream-stream join buffers whose {@link StreamJoined} names none ({@code default.dsl.store}: {@code in_memory},
     * the default, or {@code rocksDB}). Suppression buffers are in memory either way.
     */
    public StreamsOptions defaultDslStore(Materialized.StoreType type) {
        requireNonNull(type, "type");
        return copy(x -> x.defaultDslStore = type);
    }

    public Materialized.StoreType defaultDslStore() {
        return d.defaultDslStore;
    }

    /**
     * The off-heap memory all RocksDB stores of this instance share ({@code tributary.rocksdb.memory.max.bytes},
     * default 50 MiB): one LRU block cache holding data, index and filter blocks, with the memtables charged to it,
     * so the total stays bounded however many stores and tasks there are. Kafka Streams has no property for this
     * (it takes a {@code RocksDBConfigSetter}); this is the bounded-memory setup its documentation recommends.
     *
     * @throws IllegalArgumentException if {@code bytes} is below 1 MiB
     */
    public StreamsOptions rocksDbMemoryMaxBytes(long bytes) {
        if (bytes < 1024 * 1024) {
            throw new IllegalArgumentException("rocksDbMemoryMaxBytes must be at least 1 MiB, was " + bytes);
        }
        return copy(x -> x.rocksDbMemoryMaxBytes = bytes);
    }

    public long rocksDbMemoryMaxBytes() {
        return d.rocksDbMemoryMaxBytes;
    }

    /**
     * How many standby replicas each stateful task has ({@code num.standby.replicas}, default 0, as in Kafka
     * Streams). A standby is a copy of a task's logged stores on another instance of the application, kept up to
     * date by reading the stores' changelogs (only committed records under exactly-once); when the task moves to
     * that instance (its owner left or failed), only the changelog written since is replayed instead of all of it.
     * Each instance places standbys itself from the group's assignment: a task's standbys go to the instances
     * following its owner in member-id order, never to the owner, so with fewer instances than replicas + 1 a task
     * has fewer standbys. Standby stores are not queryable. Costs memory or disk for the copies and one extra
     * consumer per instance.
     *
     * @throws IllegalArgumentException if {@code replicas} is negative
     */
    public StreamsOptions numStandbyReplicas(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("num.standby.replicas must not be negative, was " + replicas);
        }
        return copy(x -> x.numStandbyReplicas = replicas);
    }

    public int numStandbyReplicas() {
        return d.numStandbyReplicas;
    }

    /**
     * Where this instance answers interactive queries ({@code application.server}, {@code host:port}; none by
     * default). It is announced to the group, so that every instance can tell which one hosts a key
     * ({@link TributaryStreams#queryMetadataForKey}); serving the queries there is the application's part.
     *
     * @throws IllegalArgumentException if it is not {@code host:port}
     */
    public StreamsOptions applicationServer(String endpoint) {
        HostInfo host = HostInfo.parse(endpoint);
        return copy(x -> x.applicationServer = host);
    }

    public @Nullable HostInfo applicationServer() {
        return d.applicationServer;
    }

    /** Replication factor of created internal topics ({@code replication.factor}); default the broker's. */
    public StreamsOptions replicationFactor(short factor) {
        if (factor < 1 && factor != -1) {
            throw new IllegalArgumentException("replicationFactor must be positive or -1, was " + factor);
        }
        return copy(x -> x.replicationFactor = factor);
    }

    public short replicationFactor() {
        return d.replicationFactor;
    }

    private StreamsOptions copy(Consumer<Draft> change) {
        Draft next = d.copy();
        change.accept(next);
        return new StreamsOptions(next);
    }

    /** Mutable fields; never escapes, copied on every change. */
    private static final class Draft implements Cloneable {
        private String applicationId;
        private ClientOptions client;
        private @Nullable Serde<?> defaultKeySerde;
        private @Nullable Serde<?> defaultValueSerde;
        private ProcessingGuarantee guarantee = ProcessingGuarantee.AT_LEAST_ONCE;
        private @Nullable Duration commitInterval;
        private boolean allowGeneratedNames;
        private long cacheMaxBytes = 10L * 1024 * 1024;
        private ErrorHandling deserializationErrors = ErrorHandling.FAIL;
        private ErrorHandling processingErrors = ErrorHandling.FAIL;
        private ErrorHandling productionErrors = ErrorHandling.FAIL;
        private @Nullable String deadLetterTopic;
        private @Nullable TimestampExtractor timestampExtractor;
        private short replicationFactor = -1;
        private @Nullable Path stateDir;
        private Materialized.StoreType defaultDslStore = Materialized.StoreType.IN_MEMORY;
        private long rocksDbMemoryMaxBytes = 50L * 1024 * 1024;
        private int numStandbyReplicas;
        private @Nullable HostInfo applicationServer;
        private Duration sessionTimeout = Duration.ofSeconds(45);

        private Draft copy() {
            try {
                return (Draft) clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
