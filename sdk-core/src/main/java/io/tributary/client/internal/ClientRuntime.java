package io.tributary.client.internal;

import io.tributary.client.ClientOptions;
import io.tributary.errors.RetriableException;
import io.tributary.errors.TributaryException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FindCoordinatorRequest;
import io.tributary.protocol.message.FindCoordinatorResponse;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * What a producer, consumer or admin client stands on: connections per broker, the metadata cache, coordinator
 * lookup and the retry policy. Nothing connects before the first request. Thread-safe; one per client.
 */
public final class ClientRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ClientRuntime.class);
    /** FindCoordinator key types. */
    public static final byte GROUP = 0;
    public static final byte TRANSACTION = 1;

    private final ClientOptions options;
    private final ConnectionPool pool;
    private final MetadataCache metadata;
    private final List<Node> bootstrap;
    private final AtomicInteger nextCandidate = new AtomicInteger();
    private final Map<String, Node> coordinators = new ConcurrentHashMap<>();

    public ClientRuntime(ClientOptions options) {
        this.options = options;
        this.pool = new ConnectionPool(options, ClientMetrics.of(options.meterRegistry(), options.clientId()));
        this.metadata = new MetadataCache(options.metadataMaxAge());
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < options.bootstrapServers().size(); i++) {
            nodes.add(Node.bootstrap(options.bootstrapServers().get(i), -1 - i));
        }
        this.bootstrap = List.copyOf(nodes);
    }

    public ClientOptions options() {
        return options;
    }

    /** The latest metadata, however old. */
    public ClusterView cluster() {
        return metadata.current();
    }

    /** Marks metadata stale so that the next {@link #metadataFor} asks the cluster again. */
    public void invalidateMetadata() {
        metadata.invalidate();
    }

    /** Metadata that knows {@code topics}: the cached view when it is fresh, else a new one from the cluster. */
    public Mono<ClusterView> metadataFor(Collection<String> topics, boolean allowAutoCreate) {
        return Mono.defer(() -> metadata.isFreshFor(topics)
            ? Mono.just(metadata.current())
            : refreshMetadata(topics, allowAutoCreate));
    }

    /**
     * Asks the cluster for metadata of {@code topics} ({@code null} for every topic, empty for brokers only), with
     * retries, and merges it into the cache.
     */
    public Mono<ClusterView> refreshMetadata(@Nullable Collection<String> topics, boolean allowAutoCreate) {
        return withRetries(anyConnection()
            .flatMap(c -> c.send(metadataRequest(topics, allowAutoCreate), MetadataResponse.class))
            .map(r -> metadata.apply(r, topics == null)), "Metadata request");
    }

    private static MetadataRequest metadataRequest(@Nullable Collection<String> topics, boolean allowAutoCreate) {
        MetadataRequest request = new MetadataRequest().allowAutoTopicCreation(allowAutoCreate);
        if (topics == null) {
            return request.topics(null);
        }
        List<MetadataRequest.MetadataRequestTopic> list = new ArrayList<>();
        for (String t : topics) {
            list.add(new MetadataRequest.MetadataRequestTopic().name(t));
        }
        return request.topics(list);
    }

    /** A connection to broker {@code nodeId}, learning its address from metadata when it is not known yet. */
    public Mono<BrokerConnection> connection(int nodeId) {
        return Mono.defer(() -> {
            Node node = metadata.current().nodes().get(nodeId);
            if (node != null) {
                return pool.get(node);
            }
            return refreshMetadata(List.of(), false).flatMap(view -> {
                Node known = view.nodes().get(nodeId);
                return known == null
                    ? Mono.error(new RetriableException(ErrorCode.LEADER_NOT_AVAILABLE, "Broker " + nodeId
                        + " is not in the cluster's metadata"))
                    : pool.get(known);
            });
        });
    }

    /** A connection to any broker: an open one with the fewest requests in flight, else the next candidate. */
    public Mono<BrokerConnection> anyConnection() {
        return Mono.defer(() -> pool.leastLoaded()
            .map(Mono::just)
            .orElseGet(() -> pool.get(nextCandidate())));
    }

    private Node nextCandidate() {
        List<Node> known = new ArrayList<>(metadata.current().nodes().values());
        List<Node> candidates = known.isEmpty() ? bootstrap : known;
        return candidates.get(Math.floorMod(nextCandidate.getAndIncrement(), candidates.size()));
    }

    /** Sends to broker {@code nodeId} once, without retries. */
    public <R extends ApiMessage> Mono<R> send(int nodeId, ApiMessage request, Class<R> responseType) {
        return connection(nodeId).flatMap(c -> c.send(request, responseType));
    }

    /** Sends to any broker once, without retries. */
    public <R extends ApiMessage> Mono<R> sendAny(ApiMessage request, Class<R> responseType) {
        return anyConnection().flatMap(c -> c.send(request, responseType));
    }

    /** Sends to the active controller (or any broker when the cluster does not name one) once. */
    public <R extends ApiMessage> Mono<R> sendToController(ApiMessage request, Class<R> responseType) {
        return Mono.defer(() -> {
            int controller = metadata.current().controllerId();
            Mono<Integer> id = controller >= 0 ? Mono.just(controller)
                : refreshMetadata(List.of(), false).map(ClusterView::controllerId);
            return id.flatMap(c -> c >= 0 ? send(c, request, responseType) : sendAny(request, responseType));
        });
    }

    /** The coordinator of a group ({@link #GROUP}) or transactional id ({@link #TRANSACTION}), cached. */
    public Mono<Node> coordinator(byte keyType, String key) {
        String cacheKey = keyType + ":" + key;
        return Mono.defer(() -> {
            Node cached = coordinators.get(cacheKey);
            if (cached != null) {
                return Mono.just(cached);
            }
            return withRetries(anyConnection().flatMap(c -> findCoordinator(c, keyType, key)),
                "FindCoordinator for " + key)
                .doOnNext(node -> coordinators.put(cacheKey, node));
        });
    }

    /** Forgets a cached coordinator after NOT_COORDINATOR or a broken connection. */
    public void invalidateCoordinator(byte keyType, String key) {
        coordinators.remove(keyType + ":" + key);
    }

    private static Mono<Node> findCoordinator(BrokerConnection c, byte keyType, String key) {
        boolean batched = c.versions().supportsAtLeast(ApiKey.FIND_COORDINATOR, 4);
        FindCoordinatorRequest request = new FindCoordinatorRequest().keyType(keyType);
        if (batched) {
            request.coordinatorKeys(List.of(key));
        } else {
            request.key(key);
        }
        return c.send(request, FindCoordinatorResponse.class).flatMap(r -> {
            if (batched) {
                FindCoordinatorResponse.Coordinator found = r.coordinators().get(0);
                return found.errorCode() != 0
                    ? Mono.error(Failures.of(found.errorCode(), found.errorMessage(), "FindCoordinator " + key))
                    : Mono.just(new Node(found.nodeId(), found.host(), found.port(), null));
            }
            return r.errorCode() != 0
                ? Mono.error(Failures.of(r.errorCode(), r.errorMessage(), "FindCoordinator " + key))
                : Mono.just(new Node(r.nodeId(), r.host(), r.port(), null));
        });
    }

    /**
     * A connection to the coordinator of {@code key}, apart from the one fetches and produce requests use to that
     * broker (a long-polling Fetch would hold up heartbeats and commits queued behind it).
     */
    public Mono<BrokerConnection> coordinatorConnection(byte keyType, String key) {
        return coordinator(keyType, key).flatMap(node -> pool.get(node, ConnectionPool.Lane.COORDINATOR));
    }

    /**
     * {@code operation} retried on retriable failures with exponential back-off, the whole bounded by the API
     * timeout; metadata is invalidated before a retry the failure calls for. On time-out the error names
     * {@code what}, the timeout and the last failure.
     */
    public <T> Mono<T> withRetries(Mono<T> operation, String what) {
        AtomicReference<Throwable> last = new AtomicReference<>();
        return operation
            .doOnError(last::set)
            .retryWhen(retry(last))
            .timeout(options.apiTimeout())
            .onErrorMap(TimeoutException.class, e -> timedOut(what, last.get()));
    }

    /** The retry policy on its own, for pipelines that bound time themselves. */
    public Retry retry(AtomicReference<Throwable> lastFailure) {
        return Retry.backoff(Long.MAX_VALUE, options.retryBackoff())
            .maxBackoff(options.retryBackoffMax())
            .filter(Failures::isRetriable)
            .doBeforeRetry(signal -> {
                Throwable failure = signal.failure();
                lastFailure.set(failure);
                LOG.debug("Retrying after {}", failure.toString());
                if (Failures.invalidatesMetadata(failure)) {
                    metadata.invalidate();
                }
            })
            .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    private TributaryException timedOut(String what, @Nullable Throwable last) {
        String message = what + " did not complete within " + options.apiTimeout().toMillis() + " ms"
            + (last == null ? "" : "; last error: " + last.getMessage())
            + " (bootstrap.servers=" + String.join(",", options.bootstrapServers()) + ")";
        return last == null ? new TributaryException(message) : new TributaryException(message, last);
    }

    /** Closes every connection; requests still pending fail. */
    public void close() {
        pool.close();
    }
}
