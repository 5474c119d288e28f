package io.tributary.producer;

import static java.util.Objects.requireNonNull;

import io.tributary.client.ClientOptions;
import io.tributary.client.internal.PropertyValues;
import io.tributary.protocol.record.Compression;
import io.tributary.serdes.Serializer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * How a {@link TributaryProducer} batches, compresses, acknowledges and retries. Immutable: every setter validates
 * its argument and returns a new instance. Checks across settings (idempotence needs {@code acks=all}) run in
 * {@link TributaryProducer#create}.
 *
 * <pre>{@code
 * ProducerOptions<String, String> options = ProducerOptions
 *     .create(ClientOptions.create("localhost:9092"), Serdes.string().serializer(), Serdes.string().serializer())
 *     .linger(Duration.ofMillis(10))
 *     .compression(Compression.LZ4);
 * }</pre>
 *
 * @since 0.1
 */
public final class ProducerOptions<K, V> {
    private final ClientOptions client;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Acks acks;
    private final boolean idempotence;
    private final Duration linger;
    private final int batchSize;
    private final long bufferMemory;
    private final Compression compression;
    private final int maxInFlight;
    private final int maxRequestSize;
    private final Duration deliveryTimeout;
    private final Duration maxBlock;
    private final @Nullable Partitioner partitioner;
    private final boolean stopOnError;
    private final Scheduler scheduler;
    private final @Nullable String transactionalId;
    private final Duration transactionTimeout;
    private final boolean autoCreateTopics;
    private final Duration closeTimeout;

    private ProducerOptions(Draft<K, V> d) {
        client = d.client;
        keySerializer = d.keySerializer;
        valueSerializer = d.valueSerializer;
        acks = d.acks;
        idempotence = d.idempotence;
        linger = d.linger;
        batchSize = d.batchSize;
        bufferMemory = d.bufferMemory;
        compression = d.compression;
        maxInFlight = d.maxInFlight;
        maxRequestSize = d.maxRequestSize;
        deliveryTimeout = d.deliveryTimeout;
        maxBlock = d.maxBlock;
        partitioner = d.partitioner;
        stopOnError = d.stopOnError;
        scheduler = d.scheduler;
        transactionalId = d.transactionalId;
        transactionTimeout = d.transactionTimeout;
        autoCreateTopics = d.autoCreateTopics;
        closeTimeout = d.closeTimeout;
    }

    /**
     * Options with Kafka's producer defaults: {@code acks=all}, idempotence on, linger 5 ms, batch size 16 KiB,
     * buffer memory 32 MiB, no compression, 5 requests in flight per broker, max request size 1 MiB, delivery
     * timeout 120 s, max block 60 s; results emitted on {@link Schedulers#parallel()}.
     */
    public static <K, V> ProducerOptions<K, V> create(ClientOptions client, Serializer<K> keySerializer,
                                                      Serializer<V> valueSerializer) {
        return new ProducerOptions<>(new Draft<>(requireNonNull(client, "client"),
            requireNonNull(keySerializer, "keySerializer"), requireNonNull(valueSerializer, "valueSerializer")));
    }

    /**
     * Options from Kafka producer properties ({@code bootstrap.servers}, {@code acks}, {@code linger.ms},
     * {@code batch.size}, {@code buffer.memory}, {@code compression.type}, {@code enable.idempotence},
     * {@code max.in.flight.requests.per.connection}, {@code max.request.size}, {@code delivery.timeout.ms},
     * {@code max.block.ms}, {@code transactional.id}, {@code transaction.timeout.ms},
     * {@code allow.auto.create.topics}, {@code retries}, and the client settings of {@link ClientOptions}).
     *
     * @throws IllegalArgumentException naming the key, for an unknown key or a value that does not parse
     */
    public static <K, V> ProducerOptions<K, V> fromProperties(Map<String, ?> properties, Serializer<K> keySerializer,
                                                              Serializer<V> valueSerializer) {
        requireNonNull(properties, "properties");
        Set<String> known = new HashSet<>(ClientOptions.propertyNames());
        known.addAll(PRODUCER_KEYS);
        for (String key : properties.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("Unknown producer property '" + key + "'");
            }
        }
        ProducerOptions<K, V> options = create(ClientOptions.fromProperties(properties), keySerializer,
            valueSerializer);
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            options = options.applyProperty(e.getKey(), e.getValue());
        }
        return options;
    }

    private static final List<String> PRODUCER_KEYS = List.of("acks", "enable.idempotence", "linger.ms",
        "batch.size", "buffer.memory", "compression.type", "max.in.flight.requests.per.connection",
        "max.request.size", "delivery.timeout.ms", "max.block.ms", "transactional.id", "transaction.timeout.ms",
        "allow.auto.create.topics", "retries", "key.serializer", "value.serializer");

    private ProducerOptions<K, V> applyProperty(String key, Object value) {
        return switch (key) {
            case "acks" -> acks(Acks.parse(String.valueOf(value)));
            case "enable.idempotence" -> idempotence(PropertyValues.bool(key, value));
            case "linger.ms" -> linger(PropertyValues.millis(key, value));
            case "batch.size" -> batchSize(PropertyValues.integer(key, value));
            case "buffer.memory" -> bufferMemory(PropertyValues.longValue(key, value));
            case "compression.type" -> compression(compressionNamed(String.valueOf(value)));
            case "max.in.flight.requests.per.connection" -> maxInFlight(PropertyValues.integer(key, value));
            case "max.request.size" -> maxRequestSize(PropertyValues.integer(key, value));
            case "delivery.timeout.ms" -> deliveryTimeout(PropertyValues.millis(key, value));
            case "max.block.ms" -> maxBlock(PropertyValues.millis(key, value));
            case "transactional.id" -> transactionalId(PropertyValues.string(value));
            case "transaction.timeout.ms" -> transactionTimeout(PropertyValues.millis(key, value));
            case "allow.auto.create.topics" -> autoCreateTopics(PropertyValues.bool(key, value));
            case "retries" -> {
                // Retries are bounded by delivery.timeout.ms, as in kafka-clients; only the value is checked.
                PropertyValues.integer(key, value);
                yield this;
            }
            default -> this;
        };
    }

    private static Compression compressionNamed(String name) {
        for (Compression c : Compression.values()) {
            if (c.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw PropertyValues.invalid("compression.type", name, "use none, gzip, snappy, lz4 or zstd");
    }

    public ClientOptions client() {
        return client;
    }

    /** The connection settings. */
    public ProducerOptions<K, V> client(ClientOptions client) {
        requireNonNull(client, "client");
        return copy(d -> d.client = client);
    }

    public Serializer<K> keySerializer() {
        return keySerializer;
    }

    public Serializer<V> valueSerializer() {
        return valueSerializer;
    }

    /** How many replicas must have a batch before it counts as written ({@code acks}, default {@link Acks#ALL}). */
    public ProducerOptions<K, V> acks(Acks acks) {
        requireNonNull(acks, "acks");
        return copy(d -> d.acks = acks);
    }

    public Acks acks() {
        return acks;
    }

    /**
     * Whether the broker de-duplicates retried batches and keeps their order ({@code enable.idempotence}, default
     * true; needs {@code acks=all} and at most 5 requests in flight).
     */
    public ProducerOptions<K, V> idempotence(boolean idempotence) {
        return copy(d -> d.idempotence = idempotence);
    }

    public boolean idempotence() {
        return idempotence;
    }

    /** How long a partly filled batch waits for more records ({@code linger.ms}, default 5 ms); zero sends at once. */
    public ProducerOptions<K, V> linger(Duration linger) {
        requireNonNull(linger, "linger");
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative, was " + linger);
        }
        return copy(d -> d.linger = linger);
    }

    public Duration linger() {
        return linger;
    }

    /** The size a batch is sent at without waiting for linger ({@code batch.size}, default 16384 bytes). */
    public ProducerOptions<K, V> batchSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("batchSize must be positive, was " + bytes);
        }
        return copy(d -> d.batchSize = bytes);
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * The bytes of records waiting to be sent or acknowledged ({@code buffer.memory}, default 32 MiB). When it is
     * full, the producer stops requesting records from the publisher until batches are acknowledged: backpressure,
     * never a blocked thread.
     */
    public ProducerOptions<K, V> bufferMemory(long bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("bufferMemory must be at least 1024 bytes, was " + bytes);
        }
        return copy(d -> d.bufferMemory = bytes);
    }

    public long bufferMemory() {
        return bufferMemory;
    }

    /** How batches are compressed ({@code compression.type}, default none). */
    public ProducerOptions<K, V> compression(Compression compression) {
        requireNonNull(compression, "compression");
        return copy(d -> d.compression = compression);
    }

    public Compression compression() {
        return compression;
    }

    /** Produce requests awaiting a response per broker ({@code max.in.flight.requests.per.connection}, 5). */
    public ProducerOptions<K, V> maxInFlight(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive, was " + requests);
        }
        return copy(d -> d.maxInFlight = requests);
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    /** The largest Produce request, and so the largest record ({@code max.request.size}, default 1 MiB). */
    public ProducerOptions<K, V> maxRequestSize(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxRequestSize must be at least 1024 bytes, was " + bytes);
        }
        return copy(d -> d.maxRequestSize = bytes);
    }

    public int maxRequestSize() {
        return maxRequestSize;
    }

    /**
     * The bound on one record's delivery from the moment it is handed over, retries included
     * ({@code delivery.timeout.ms}, default 120 s); then it fails with a time-out.
     */
    public ProducerOptions<K, V> deliveryTimeout(Duration timeout) {
        requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("deliveryTimeout must be positive, was " + timeout);
        }
        return copy(d -> d.deliveryTimeout = timeout);
    }

    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    /**
     * How long a record may wait for its topic's metadata ({@code max.block.ms}, default 60 s): an unknown topic
     * with auto-creation off fails the record after this long. Nothing blocks while it waits.
     */
    public ProducerOptions<K, V> maxBlock(Duration timeout) {
        requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("maxBlock must not be negative, was " + timeout);
        }
        return copy(d -> d.maxBlock = timeout);
    }

    public Duration maxBlock() {
        return maxBlock;
    }

    /** A custom partitioner; see {@link Partitioner} for the default. */
    public ProducerOptions<K, V> partitioner(Partitioner partitioner) {
        requireNonNull(partitioner, "partitioner");
        return copy(d -> d.partitioner = partitioner);
    }

    public @Nullable Partitioner partitioner() {
        return partitioner;
    }

    /**
     * Whether the first failed record ends a {@code send} stream with its error (default true), or is emitted as a
     * {@link SendResult.Failed} while the other records go on.
     */
    public ProducerOptions<K, V> stopOnError(boolean stopOnError) {
        return copy(d -> d.stopOnError = stopOnError);
    }

    public boolean stopOnError() {
        return stopOnError;
    }

    /**
     * Where results are emitted (default {@link Schedulers#parallel()}): never a network event loop, unless
     * {@link Schedulers#immediate()} is given to save the thread hop (then downstream code must not block).
     */
    public ProducerOptions<K, V> scheduler(Scheduler scheduler) {
        requireNonNull(scheduler, "scheduler");
        return copy(d -> d.scheduler = scheduler);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Makes the producer transactional under this id ({@code transactional.id}); needs idempotence. */
    public ProducerOptions<K, V> transactionalId(String id) {
        requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("transactionalId must not be empty");
        }
        return copy(d -> d.transactionalId = id);
    }

    public @Nullable String transactionalId() {
        return transactionalId;
    }

    /** How long a transaction may stay open before the coordinator aborts it ({@code transaction.timeout.ms}, 60 s). */
    public ProducerOptions<K, V> transactionTimeout(Duration timeout) {
        requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("transactionTimeout must be positive, was " + timeout);
        }
        return copy(d -> d.transactionTimeout = timeout);
    }

    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    /** Whether sending to a missing topic asks the broker to create it ({@code allow.auto.create.topics}, true). */
    public ProducerOptions<K, V> autoCreateTopics(boolean autoCreate) {
        return copy(d -> d.autoCreateTopics = autoCreate);
    }

    public boolean autoCreateTopics() {
        return autoCreateTopics;
    }

    /** How long {@link TributaryProducer#closeNow()} waits for pending records (default 30 s). */
    public ProducerOptions<K, V> closeTimeout(Duration timeout) {
        requireNonNull(timeout, "timeout");
        return copy(d -> d.closeTimeout = timeout);
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    private ProducerOptions<K, V> copy(Consumer<Draft<K, V>> change) {
        Draft<K, V> d = new Draft<>(this);
        change.accept(d);
        return new ProducerOptions<>(d);
    }

    private static final class Draft<K, V> {
        private ClientOptions client;
        private Serializer<K> keySerializer;
        private Serializer<V> valueSerializer;
        private Acks acks = Acks.ALL;
        private boolean idempotence = true;
        private Duration linger = Duration.ofMillis(5);
        private int batchSize = 16_384;
        private long bufferMemory = 32L * 1024 * 1024;
        private Compression compression = Compression.NONE;
        private int maxInFlight = 5;
        private int maxRequestSize = 1024 * 1024;
        private Duration deliveryTimeout = Duration.ofMinutes(2);
        private Duration maxBlock = Duration.ofMinutes(1);
        private @Nullable Partitioner partitioner;
        private boolean stopOnError = true;
        private Scheduler scheduler = Schedulers.parallel();
        private @Nullable String transactionalId;
        private Duration transactionTimeout = Duration.ofMinutes(1);
        private boolean autoCreateTopics = true;
        private Duration closeTimeout = Duration.ofSeconds(30);

        private Draft(ClientOptions client, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
            this.client = client;
            this.keySerializer = keySerializer;
            this.valueSerializer = valueSerializer;
        }

        private Draft(ProducerOptions<K, V> o) {
            client = o.client;
            keySerializer = o.keySerializer;
            valueSerializer = o.valueSerializer;
            acks = o.acks;
            idempotence = o.idempotence;
            linger = o.linger;
            batchSize = o.batchSize;
            bufferMemory = o.bufferMemory;
            compression = o.compression;
            maxInFlight = o.maxInFlight;
            maxRequestSize = o.maxRequestSize;
            deliveryTimeout = o.deliveryTimeout;
            maxBlock = o.maxBlock;
            partitioner = o.partitioner;
            stopOnError = o.stopOnError;
            scheduler = o.scheduler;
            transactionalId = o.transactionalId;
            transactionTimeout = o.transactionTimeout;
            autoCreateTopics = o.autoCreateTopics;
            closeTimeout = o.closeTimeout;
        }
    }
}
