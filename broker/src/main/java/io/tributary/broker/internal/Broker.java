package io.tributary.broker.internal;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.internal.config.ConfigResolver;
import io.tributary.broker.internal.config.DynamicBrokerConfigs;
import io.tributary.broker.internal.fetch.FetchSessions;
import io.tributary.broker.internal.handler.AddOffsetsToTxnHandler;
import io.tributary.broker.internal.handler.AddPartitionsToTxnHandler;
import io.tributary.broker.internal.handler.AlterConfigsHandler;
import io.tributary.broker.internal.handler.DescribeProducersHandler;
import io.tributary.broker.internal.handler.DescribeTransactionsHandler;
import io.tributary.broker.internal.handler.EndTxnHandler;
import io.tributary.broker.internal.handler.ListTransactionsHandler;
import io.tributary.broker.internal.handler.TxnOffsetCommitHandler;
import io.tributary.broker.internal.handler.WriteTxnMarkersHandler;
import io.tributary.broker.internal.handler.DeleteRecordsHandler;
import io.tributary.broker.internal.handler.DescribeLogDirsHandler;
import io.tributary.broker.internal.handler.FetchHandler;
import io.tributary.broker.internal.handler.ListOffsetsHandler;
import io.tributary.broker.internal.handler.OffsetForLeaderEpochHandler;
import io.tributary.broker.internal.handler.ProduceHandler;
import io.tributary.broker.internal.handler.ApiVersionsHandler;
import io.tributary.broker.internal.handler.CreatePartitionsHandler;
import io.tributary.broker.internal.handler.CreateTopicsHandler;
import io.tributary.broker.internal.handler.DeleteTopicsHandler;
import io.tributary.broker.internal.handler.DescribeClusterHandler;
import io.tributary.broker.internal.handler.DescribeConfigsHandler;
import io.tributary.broker.internal.handler.DescribeTopicPartitionsHandler;
import io.tributary.broker.internal.handler.IncrementalAlterConfigsHandler;
import io.tributary.broker.internal.handler.InitProducerIdHandler;
import io.tributary.broker.internal.handler.MetadataHandler;
import io.tributary.broker.internal.group.ConsumerGroupConfig;
import io.tributary.broker.internal.group.GroupConfig;
import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.handler.ConsumerGroupDescribeHandler;
import io.tributary.broker.internal.handler.ConsumerGroupHeartbeatHandler;
import io.tributary.broker.internal.handler.DeleteGroupsHandler;
import io.tributary.broker.internal.handler.DescribeGroupsHandler;
import io.tributary.broker.internal.handler.FindCoordinatorHandler;
import io.tributary.broker.internal.handler.HeartbeatHandler;
import io.tributary.broker.internal.handler.JoinGroupHandler;
import io.tributary.broker.internal.handler.LeaveGroupHandler;
import io.tributary.broker.internal.handler.ListGroupsHandler;
import io.tributary.broker.internal.handler.OffsetCommitHandler;
import io.tributary.broker.internal.handler.OffsetDeleteHandler;
import io.tributary.broker.internal.handler.OffsetFetchHandler;
import io.tributary.broker.internal.handler.SyncGroupHandler;
import io.tributary.broker.internal.metadata.ClusterIdentity;
import io.tributary.broker.internal.metadata.TopicRegistry;
import io.tributary.broker.internal.network.BrokerServer;
import io.tributary.broker.internal.partition.Partitions;
import io.tributary.broker.internal.producer.ProducerIdManager;
import io.tributary.broker.internal.network.RequestDispatcher;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.broker.internal.registry.RegistryServer;
import io.tributary.broker.internal.txn.TransactionCoordinator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One running broker: opens the log directory, loads topics, binds the listener and serves requests until closed.
 * The same code runs embedded and as a server. Start and close are not thread-safe with each other.
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private Scheduler io;
    private ExecutorService ioExecutor;
    private Scheduler ticker;
    private BrokerServer server;
    private BrokerContext context;
    private Partitions partitions;
    private Disposable maintenance;
    /** Set when closing starts: maintenance interrupted by the close is expected, not an error. */
    private volatile boolean closing;
    private ProducerIdManager producerIds;
    private GroupCoordinator groups;
    private TransactionCoordinator transactions;
    private @Nullable RegistryServer registry;

    public Broker(BrokerConfig config) {
        this.config = config;
    }

    /** Starts the broker; returns once it accepts connections. */
    public synchronized InetSocketAddress start() {
        long started = System.nanoTime();
        // Group settings are checked together (bounds, intervals) before anything starts.
        GroupConfig.from(config);
        ConsumerGroupConfig.from(config);
        ClusterIdentity identity = ClusterIdentity.loadOrCreate(config.logDir(), config.nodeId());
        TopicRegistry topics = new TopicRegistry(config.logDir());
        ConfigResolver configs = new ConfigResolver(config, new DynamicBrokerConfigs(config.logDir()));
        // Disk work runs on a plain executor: Reactor cannot interrupt its tasks when a request is cancelled,
        // and an interrupt during FileChannel IO would close that channel for every reader of the partition.
        ioExecutor = ioExecutor("tributary-io-" + config.nodeId(),
            Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        io = Schedulers.fromExecutor(ioExecutor);
        ticker = Schedulers.newSingle("tributary-maintenance-" + config.nodeId(), true);
        AtomicReference<RequestDispatcher> dispatcher = new AtomicReference<>();
        BrokerConfig.Listener listener = config.listener();
        server = new BrokerServer(dispatcher::get, (Integer) config.value("socket.request.max.bytes"));
        InetSocketAddress bound = server.bind(listener.host(), listener.port());
        BrokerConfig.Listener advertised = config.advertisedListener();
        String host = advertisedHost(advertised.host(), bound);
        int port = advertised.port() == 0 || !config.isSet("advertised.listeners") ? bound.getPort()
            : advertised.port();
        try {
            partitions = Partitions.open(config.logDir(), topics, configs);
        } catch (IOException e) {
            server.close();
            io.dispose();
            ioExecutor.shutdown();
            ticker.dispose();
            throw new UncheckedIOException("Cannot open the log directory " + config.logDir(), e);
        }
        context = new BrokerContext(config, identity, host, port, topics, configs, partitions, io);
        maintenance = startMaintenance();
        producerIds = new ProducerIdManager(config.logDir());
        groups = GroupCoordinator.start(context);
        transactions = TransactionCoordinator.start(context, producerIds, groups);
        dispatcher.set(new RequestDispatcher(handlers(context, dispatcher, producerIds, groups, transactions)));
        String registryListener = (String) config.value("schema.registry.listeners");
        if (registryListener != null && !registryListener.isBlank()) {
            registry = RegistryServer.start(context, registryListener);
        }
        LOG.info("Tributary broker {} of cluster {} listening on {} (advertised {}:{}) in {} ms", config.nodeId(),
            identity.clusterId(), bound, host, port, (System.nanoTime() - started) / 1_000_000);
        return bound;
    }

    private static List<RequestHandler<?, ?>> handlers(BrokerContext c, AtomicReference<RequestDispatcher> d,
                                                       ProducerIdManager producerIds, GroupCoordinator groups,
                                                       TransactionCoordinator transactions) {
        List<RequestHandler<?, ?>> list = new ArrayList<>();
        list.add(new ApiVersionsHandler(() -> d.get().advertised()));
        list.add(new MetadataHandler(c));
        list.add(new CreateTopicsHandler(c));
        list.add(new DeleteTopicsHandler(c));
        list.add(new CreatePartitionsHandler(c));
        list.add(new DescribeConfigsHandler(c));
        list.add(new AlterConfigsHandler(c));
        list.add(new IncrementalAlterConfigsHandler(c));
        list.add(new DescribeClusterHandler(c));
        list.add(new DescribeTopicPartitionsHandler(c));
        list.add(new ProduceHandler(c, transactions));
        list.add(new FetchHandler(c,
            new FetchSessions((Integer) c.config().value("max.incremental.fetch.session.cache.slots"))));
        list.add(new ListOffsetsHandler(c));
        list.add(new DeleteRecordsHandler(c));
        list.add(new OffsetForLeaderEpochHandler(c));
        list.add(new DescribeLogDirsHandler(c));
        list.add(new InitProducerIdHandler(producerIds, transactions, c.io()));
        list.add(new AddPartitionsToTxnHandler(c, transactions));
        list.add(new AddOffsetsToTxnHandler(transactions, groups));
        list.add(new EndTxnHandler(transactions));
        list.add(new TxnOffsetCommitHandler(c, groups, transactions));
        list.add(new DescribeTransactionsHandler(transactions));
        list.add(new ListTransactionsHandler(transactions));
        list.add(new DescribeProducersHandler(c));
        list.add(new WriteTxnMarkersHandler(c, groups));
        list.add(new FindCoordinatorHandler(c));
        list.add(new JoinGroupHandler(groups));
        list.add(new SyncGroupHandler(groups));
        list.add(new HeartbeatHandler(groups));
        list.add(new LeaveGroupHandler(groups));
        list.add(new OffsetCommitHandler(c, groups));
        list.add(new OffsetFetchHandler(groups));
        list.add(new ListGroupsHandler(groups));
        list.add(new DescribeGroupsHandler(groups));
        list.add(new DeleteGroupsHandler(groups));
        list.add(new OffsetDeleteHandler(c, groups));
        if (groups.consumers().config().enabled()) {
            list.add(new ConsumerGroupHeartbeatHandler(groups));
            list.add(new ConsumerGroupDescribeHandler(groups));
        }
        return list;
    }

    private static String advertisedHost(String configured, InetSocketAddress bound) {
        if (!configured.isEmpty() && !configured.equals("0.0.0.0") && !configured.equals("::")) {
            return configured;
        }
        if (!bound.getAddress().isAnyLocalAddress()) {
            return bound.getHostString();
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * Periodic log maintenance on the IO scheduler: time-based flushes and checkpoints every second, retention every
     * {@code log.retention.check.interval.ms}, compaction every {@code log.cleaner.backoff.ms}.
     */
    private Disposable startMaintenance() {
        long retentionEvery = (Long) config.value("log.retention.check.interval.ms");
        long cleanerEvery = (Long) config.value("log.cleaner.backoff.ms");
        boolean cleanerEnabled = (Boolean) config.value("log.cleaner.enable");
        long[] last = {System.currentTimeMillis(), System.currentTimeMillis()};
        return Flux.interval(Duration.ofSeconds(1), ticker)
            .onBackpressureDrop()
            .concatMap(tick -> Mono.<Void>fromRunnable(() -> {
                long now = System.currentTimeMillis();
                boolean retention = now - last[0] >= retentionEvery;
                boolean cleaner = cleanerEnabled && now - last[1] >= cleanerEvery;
                if (retention) {
                    last[0] = now;
                }
                if (cleaner) {
                    last[1] = now;
                }
                partitions.maintain(now, retention, cleaner);
            }).subscribeOn(io).onErrorResume(e -> {
                if (closing) {
                    LOG.debug("Log maintenance stopped by the broker closing", e);
                } else {
                    LOG.error("Log maintenance failed", e);
                }
                return Mono.empty();
            }))
            .subscribe();
    }

    /**
     * Plain daemon threads: blocking is their job. (Netty's FastThreadLocalThreads would count as event loops,
     * where blocking is forbidden.)
     */
    /**
     * The disk IO threads. Their queue is lock-free: event loops hand work over without ever waiting for a lock (a
     * contended LinkedBlockingQueue parks the submitting thread, which BlockHound caught on an event loop).
     */
    static ExecutorService ioExecutor(String prefix, int threads) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedTransferQueue<>(),
            daemonThreads(prefix));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public BrokerContext context() {
        return context;
    }

    /** The schema registry's address, when {@code schema.registry.listeners} is set. */
    public synchronized Optional<InetSocketAddress> registryAddress() {
        return Optional.ofNullable(registry).map(RegistryServer::address);
    }

    @Override
    public synchronized void close() {
        closing = true;
        if (registry != null) {
            registry.close();
            registry = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
        if (transactions != null) {
            transactions.close();
            transactions = null;
        }
        if (groups != null) {
            groups.close();
            groups = null;
        }
        if (maintenance != null) {
            maintenance.dispose();
            maintenance = null;
        }
        if (partitions != null) {
            partitions.close();
            partitions = null;
        }
        if (ticker != null) {
            ticker.dispose();
            ticker = null;
        }
        if (io != null) {
            io.dispose();
            io = null;
            ioExecutor.shutdown();
            try {
                if (!ioExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("Disk work still running after 10 s at shutdown");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("Tributary broker {} stopped", config.nodeId());
    }
}
