package io.tributary.consumer;

import static java.util.Objects.requireNonNull;

import io.tributary.client.ClientOptions;
import io.tributary.client.internal.PropertyValues;
import io.tributary.common.TopicPartition;
import io.tributary.serdes.Deserializer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * What a {@link TributaryConsumer} reads, how it fetches and how it commits. Immutable: setters validate and return
 * a new instance. A consumer reads either a subscription (topics or a pattern, shared by the group) or a fixed
 * assignment of partitions.
 *
 * <pre>{@code
 * ConsumerOptions<String, String> options = ConsumerOptions
 *     .create(ClientOptions.create("localhost:9092"), Serdes.string().deserializer(), Serdes.string().deserializer())
 *     .groupId("billing")
 *     .subscription(List.of("orders"));
 * }</pre>
 *
 * @since 0.1
 */
public final class ConsumerOptions<K, V> {
    private final Draft<K, V> d;

    private ConsumerOptions(Draft<K, V> draft) {
        this.d = draft;
    }

    /**
     * Options with Kafka's defaults: {@code auto.offset.reset=latest}, read_uncommitted, fetch.min.bytes 1,
     * fetch.max.wait.ms 500, max.partition.fetch.bytes 1 MiB, fetch.max.bytes 50 MiB, commits every 5 s, the classic
     * group protocol with range and cooperative-sticky assignors, session timeout 45 s, heartbeat 3 s; at most
     * 32 MiB of fetched records buffered ahead of the subscriber.
     */
    public static <K, V> ConsumerOptions<K, V> create(ClientOptions client, Deserializer<K> keyDeserializer,
                                                      Deserializer<V> valueDeserializer) {
        Draft<K, V> d = new Draft<>();
        d.client = requireNonNull(client, "client");
        d.keyDeserializer = requireNonNull(keyDeserializer, "keyDeserializer");
        d.valueDeserializer = requireNonNull(valueDeserializer, "valueDeserializer");
        return new ConsumerOptions<>(d);
    }

    /**
     * Options from Kafka consumer properties ({@code group.id}, {@code auto.offset.reset}, {@code isolation.level},
     * fetch and group settings, {@code auto.commit.interval.ms}, and the client settings of {@link ClientOptions}).
     *
     * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
     */
    public static <K, V> ConsumerOptions<K, V> fromProperties(Map<String, ?> properties, Deserializer<K> keys,
                                                              Deserializer<V> values) {
        Set<String> known = new HashSet<>(ClientOptions.propertyNames());
        known.addAll(CONSUMER_KEYS);
        for (String key : properties.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("Unknown consumer property '" + key + "'");
            }
        }
        ConsumerOptions<K, V> options = create(ClientOptions.fromProperties(properties), keys, values);
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            options = options.apply(e.getKey(), e.getValue());
        }
        return options;
    }

    private static final List<String> CONSUMER_KEYS = List.of("group.id", "group.instance.id", "group.protocol",
        "partition.assignment.strategy", "group.remote.assignor", "session.timeout.ms", "max.poll.interval.ms",
        "heartbeat.interval.ms", "client.rack", "auto.offset.reset", "isolation.level", "fetch.min.bytes",
        "fetch.max.wait.ms", "max.partition.fetch.bytes", "fetch.max.bytes", "auto.commit.interval.ms",
        "enable.auto.commit", "max.poll.records", "key.deserializer", "value.deserializer");

    private ConsumerOptions<K, V> apply(String key, Object value) {
        String s = PropertyValues.string(value);
        return switch (key) {
            case "group.id" -> groupId(s);
            case "group.instance.id" -> groupInstanceId(s);
            case "group.protocol" -> groupProtocol(s);
            case "partition.assignment.strategy" -> assignors(PropertyValues.list(key, value).stream()
                .map(ConsumerOptions::assignorName).toList());
            case "group.remote.assignor" -> remoteAssignor(s);
            case "session.timeout.ms" -> sessionTimeout(PropertyValues.millis(key, value));
            case "max.poll.interval.ms" -> rebalanceTimeout(PropertyValues.millis(key, value));
            case "heartbeat.interval.ms" -> heartbeatInterval(PropertyValues.millis(key, value));
            case "client.rack" -> copy(x -> x.rack = s);
            case "auto.offset.reset" -> offsetReset(parseEnum(OffsetReset.class, key, s));
            case "isolation.level" -> isolationLevel(parseEnum(IsolationLevel.class, key, s));
            case "fetch.min.bytes" -> fetchMinBytes(PropertyValues.integer(key, value));
            case "fetch.max.wait.ms" -> fetchMaxWait(PropertyValues.millis(key, value));
            case "max.partition.fetch.bytes" -> maxPartitionFetchBytes(PropertyValues.integer(key, value));
            case "fetch.max.bytes" -> fetchMaxBytes(PropertyValues.integer(key, value));
            case "auto.commit.interval.ms" -> commitInterval(PropertyValues.millis(key, value));
            case "enable.auto.commit" -> {
                // Commits follow acknowledgements; the flag is accepted for compatibility and checked only.
                PropertyValues.bool(key, value);
                yield this;
            }
            default -> this;
        };
    }

    /** Kafka's assignor class names or short names, as the short names the SDK uses. */
    private static String assignorName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("cooperativesticky") || n.equals("cooperative-sticky")) {
            return "cooperative-sticky";
        }
        if (n.contains("roundrobin")) {
            return "roundrobin";
        }
        if (n.contains("range")) {
            return "range";
        }
        throw PropertyValues.invalid("partition.assignment.strategy", name,
            "use range, roundrobin or cooperative-sticky");
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String key, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PropertyValues.invalid(key, value, "is not one of " + List.of(type.getEnumConstants()));
        }
    }

    public ClientOptions client() {
        return d.client;
    }

    public Deserializer<K> keyDeserializer() {
        return d.keyDeserializer;
    }

    public Deserializer<V> valueDeserializer() {
        return d.valueDeserializer;
    }

    /** The consumer group ({@code group.id}); needed for subscriptions and commits. */
    public ConsumerOptions<K, V> groupId(String groupId) {
        requireNonNull(groupId, "groupId");
        if (groupId.isEmpty()) {
            throw new IllegalArgumentException("groupId must not be empty");
        }
        return copy(x -> x.groupId = groupId);
    }

    public @Nullable String groupId() {
        return d.groupId;
    }

    /** Static membership ({@code group.instance.id}): a restart within the session timeout causes no rebalance. */
    public ConsumerOptions<K, V> groupInstanceId(String id) {
        requireNonNull(id, "id");
        return copy(x -> x.groupInstanceId = id);
    }

    public @Nullable String groupInstanceId() {
        return d.groupInstanceId;
    }

    /** {@code classic} (default) or {@code consumer} (KIP-848, server-side assignment). */
    public ConsumerOptions<K, V> groupProtocol(String protocol) {
        String p = requireNonNull(protocol, "protocol").trim().toLowerCase(Locale.ROOT);
        if (!p.equals("classic") && !p.equals("consumer")) {
            throw PropertyValues.invalid("group.protocol", protocol, "use classic or consumer");
        }
        return copy(x -> x.groupProtocol = p);
    }

    public String groupProtocol() {
        return d.groupProtocol;
    }

    /** Classic-protocol assignors, preferred first: {@code range}, {@code roundrobin}, {@code cooperative-sticky}. */
    public ConsumerOptions<K, V> assignors(List<String> assignors) {
        List<String> names = List.copyOf(assignors).stream().map(ConsumerOptions::assignorName).toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("assignors must name at least one assignor");
        }
        return copy(x -> x.assignors = names);
    }

    public List<String> assignors() {
        return d.assignors;
    }

    /**
     * The application's own classic-protocol assignor, used alone instead of the built-in ones named by
     * {@link #assignors(List)}; every member of the group must use one of the same name.
     */
    public ConsumerOptions<K, V> assignor(PartitionAssignor assignor) {
        requireNonNull(assignor, "assignor");
        if (assignor.name().isBlank()) {
            throw new IllegalArgumentException("assignor must have a name");
        }
        return copy(x -> x.assignor = assignor);
    }

    /** The application's own assignor, or null when the built-in ones of {@link #assignors()} are used. */
    public @Nullable PartitionAssignor assignor() {
        return d.assignor;
    }

    /** The broker-side assignor of the consumer protocol ({@code group.remote.assignor}): uniform or range. */
    public ConsumerOptions<K, V> remoteAssignor(String assignor) {
        requireNonNull(assignor, "assignor");
        return copy(x -> x.remoteAssignor = assignor);
    }

    public @Nullable String remoteAssignor() {
        return d.remoteAssignor;
    }

    public ConsumerOptions<K, V> sessionTimeout(Duration timeout) {
        Duration t = positive("sessionTimeout", timeout);
        return copy(x -> x.sessionTimeout = t);
    }

    public Duration sessionTimeout() {
        return d.sessionTimeout;
    }

    /** How long the group waits for members to rejoin a rebalance ({@code max.poll.interval.ms}, 5 min). */
    public ConsumerOptions<K, V> rebalanceTimeout(Duration timeout) {
        Duration t = positive("rebalanceTimeout", timeout);
        return copy(x -> x.rebalanceTimeout = t);
    }

    public Duration rebalanceTimeout() {
        return d.rebalanceTimeout;
    }

    public ConsumerOptions<K, V> heartbeatInterval(Duration interval) {
        Duration i = positive("heartbeatInterval", interval);
        return copy(x -> x.heartbeatInterval = i);
    }

    public Duration heartbeatInterval() {
        return d.heartbeatInterval;
    }

    public @Nullable String rack() {
        return d.rack;
    }

    /** Subscribes the group to these topics (needs {@link #groupId}). */
    public ConsumerOptions<K, V> subscription(Collection<String> topics) {
        Set<String> t = Set.copyOf(topics);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("subscription must name at least one topic");
        }
        return copy(x -> {
            x.topics = t;
            x.pattern = null;
            x.assignment = null;
        });
    }

    /** Subscribes the group to every topic matching {@code pattern}, including topics created later. */
    public ConsumerOptions<K, V> subscription(Pattern pattern) {
        requireNonNull(pattern, "pattern");
        return copy(x -> {
            x.pattern = pattern;
            x.topics = null;
            x.assignment = null;
        });
    }

    /** Reads these partitions, without group membership (commits still go to {@link #groupId} if set). */
    public ConsumerOptions<K, V> assignment(Collection<TopicPartition> partitions) {
        Set<TopicPartition> p = Set.copyOf(partitions);
        if (p.isEmpty()) {
            throw new IllegalArgumentException("assignment must name at least one partition");
        }
        return copy(x -> {
            x.assignment = p;
            x.topics = null;
            x.pattern = null;
        });
    }

    public @Nullable Set<String> subscribedTopics() {
        return d.topics;
    }

    public @Nullable Pattern subscribedPattern() {
        return d.pattern;
    }

    public @Nullable Set<TopicPartition> assignment() {
        return d.assignment;
    }

    public ConsumerOptions<K, V> offsetReset(OffsetReset reset) {
        requireNonNull(reset, "reset");
        return copy(x -> x.offsetReset = reset);
    }

    public OffsetReset offsetReset() {
        return d.offsetReset;
    }

    public ConsumerOptions<K, V> isolationLevel(IsolationLevel level) {
        requireNonNull(level, "level");
        return copy(x -> x.isolationLevel = level);
    }

    public IsolationLevel isolationLevel() {
        return d.isolationLevel;
    }

    public ConsumerOptions<K, V> fetchMinBytes(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("fetchMinBytes must not be negative, was " + bytes);
        }
        return copy(x -> x.fetchMinBytes = bytes);
    }

    public int fetchMinBytes() {
        return d.fetchMinBytes;
    }

    public ConsumerOptions<K, V> fetchMaxWait(Duration wait) {
        requireNonNull(wait, "wait");
        return copy(x -> x.fetchMaxWait = wait);
    }

    public Duration fetchMaxWait() {
        return d.fetchMaxWait;
    }

    public ConsumerOptions<K, V> maxPartitionFetchBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxPartitionFetchBytes must be positive, was " + bytes);
        }
        return copy(x -> x.maxPartitionFetchBytes = bytes);
    }

    public int maxPartitionFetchBytes() {
        return d.maxPartitionFetchBytes;
    }

    public ConsumerOptions<K, V> fetchMaxBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("fetchMaxBytes must be positive, was " + bytes);
        }
        return copy(x -> x.fetchMaxBytes = bytes);
    }

    public int fetchMaxBytes() {
        return d.fetchMaxBytes;
    }

    /**
     * The most record bytes fetched ahead of the subscriber (default 32 MiB): fetching pauses while this much waits
     * to be emitted, so a slow subscriber keeps memory flat.
     */
    public ConsumerOptions<K, V> prefetchBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("prefetchBytes must be positive, was " + bytes);
        }
        return copy(x -> x.prefetchBytes = bytes);
    }

    public long prefetchBytes() {
        return d.prefetchBytes;
    }

    /** How often acknowledged offsets are committed ({@code auto.commit.interval.ms}, default 5 s). */
    public ConsumerOptions<K, V> commitInterval(Duration interval) {
        Duration i = positive("commitInterval", interval);
        return copy(x -> x.commitInterval = i);
    }

    public Duration commitInterval() {
        return d.commitInterval;
    }

    /** Commit as soon as this many records were acknowledged since the last commit (0: by interval only). */
    public ConsumerOptions<K, V> commitBatchSize(int records) {
        if (records < 0) {
            throw new IllegalArgumentException("commitBatchSize must not be negative, was " + records);
        }
        return copy(x -> x.commitBatchSize = records);
    }

    public int commitBatchSize() {
        return d.commitBatchSize;
    }

    /**
     * How long a rebalance waits for records of revoked partitions that were emitted but not yet acknowledged
     * (default 30 s), before committing what was acknowledged and giving the partitions up.
     */
    public ConsumerOptions<K, V> revocationTimeout(Duration timeout) {
        requireNonNull(timeout, "timeout");
        return copy(x -> x.revocationTimeout = timeout);
    }

    public Duration revocationTimeout() {
        return d.revocationTimeout;
    }

    /**
     * Hands records that cannot be deserialized to {@code handler} and goes on (see {@link DeadLetterHandler}). By
     * default there is none: such a record ends the stream with an error naming its topic, partition and offset.
     */
    public ConsumerOptions<K, V> deadLetterHandler(DeadLetterHandler handler) {
        requireNonNull(handler, "handler");
        return copy(x -> x.deadLetterHandler = handler);
    }

    public @Nullable DeadLetterHandler deadLetterHandler() {
        return d.deadLetterHandler;
    }

    /** Told when partitions are assigned, revoked or lost (default: nobody is). */
    public ConsumerOptions<K, V> assignmentListener(AssignmentListener listener) {
        requireNonNull(listener, "listener");
        return copy(x -> x.assignmentListener = listener);
    }

    public AssignmentListener assignmentListener() {
        return d.assignmentListener;
    }

    /** Where records are emitted (default {@link Schedulers#parallel()}), never a network event loop. */
    public ConsumerOptions<K, V> scheduler(Scheduler scheduler) {
        requireNonNull(scheduler, "scheduler");
        return copy(x -> x.scheduler = scheduler);
    }

    public Scheduler scheduler() {
        return d.scheduler;
    }

    private static Duration positive(String name, Duration value) {
        requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    private ConsumerOptions<K, V> copy(Consumer<Draft<K, V>> change) {
        Draft<K, V> next = d.copy();
        change.accept(next);
        return new ConsumerOptions<>(next);
    }

    /** Mutable fields; never escapes, copied on every change. */
    private static final class Draft<K, V> implements Cloneable {
        private ClientOptions client;
        private Deserializer<K> keyDeserializer;
        private Deserializer<V> valueDeserializer;
        private @Nullable String groupId;
        private @Nullable String groupInstanceId;
        private String groupProtocol = "classic";
        private List<String> assignors = List.of("range", "cooperative-sticky");
        private @Nullable PartitionAssignor assignor;
        private @Nullable String remoteAssignor;
        private Duration sessionTimeout = Duration.ofSeconds(45);
        private Duration rebalanceTimeout = Duration.ofMinutes(5);
        private Duration heartbeatInterval = Duration.ofSeconds(3);
        private @Nullable String rack;
        private @Nullable Set<String> topics;
        private @Nullable Pattern pattern;
        private @Nullable Set<TopicPartition> assignment;
        private OffsetReset offsetReset = OffsetReset.LATEST;
        private IsolationLevel isolationLevel = IsolationLevel.READ_UNCOMMITTED;
        private int fetchMinBytes = 1;
        private Duration fetchMaxWait = Duration.ofMillis(500);
        private int maxPartitionFetchBytes = 1024 * 1024;
        private int fetchMaxBytes = 50 * 1024 * 1024;
        private long prefetchBytes = 32L * 1024 * 1024;
        private Duration commitInterval = Duration.ofSeconds(5);
        private int commitBatchSize;
        private Duration revocationTimeout = Duration.ofSeconds(30);
        private Scheduler scheduler = Schedulers.parallel();
        private @Nullable DeadLetterHandler deadLetterHandler;
        private AssignmentListener assignmentListener = new AssignmentListener() { };

        @SuppressWarnings("unchecked")
        private Draft<K, V> copy() {
            try {
                return (Draft<K, V>) clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
