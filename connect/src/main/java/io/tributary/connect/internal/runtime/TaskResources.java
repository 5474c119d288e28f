package io.tributary.connect.internal.runtime;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.TributaryAdmin;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.internal.errors.DeadLetterQueueReporter;
import io.tributary.connect.internal.errors.ErrorHandlingConfig;
import io.tributary.connect.internal.errors.ErrorReporter;
import io.tributary.connect.internal.errors.LogReporter;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.internal.isolation.Plugins;
import io.tributary.connect.internal.storage.OffsetStore;
import io.tributary.connect.internal.storage.TransactionalOffsets;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Serdes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * What the worker gives each of its tasks: its settings, plugins and offset store, and the clients built from them
 * (producers, admin client, error reporters). Immutable; shared by the worker's tasks.
 */
record TaskResources(WorkerConfig worker, Plugins plugins, OffsetStore offsets, StatusStore statuses,
                     ExactlyOnceSource exactlyOnce) {
    /**
     * A producer of raw bytes with the worker's {@code producer.*} settings and the connector's
     * {@code producer.override.*}; its results are emitted on {@code scheduler}, failures as values.
     */
    TributaryProducer<byte[], byte[]> producer(ConnectorConfig connector, ConnectorTaskId id, Scheduler scheduler) {
        return producer(connector, id, scheduler, Map.of());
    }

    /**
     * The task's transactional producer on an exactly-once worker: as {@link #producer}, with the task's
     * transactional id (which fences any older instance of the task) and idempotence, whatever the overrides say.
     */
    TributaryProducer<byte[], byte[]> transactionalProducer(ConnectorConfig connector, ConnectorTaskId id,
                                                            Scheduler scheduler) {
        return producer(connector, id, scheduler, Map.of("transactional.id", exactlyOnce.transactionalId(id),
            "enable.idempotence", "true", "acks", "all"));
    }

    /** The offset store as exactly-once tasks need it. @throws ConnectException if it keeps no offsets topic */
    TransactionalOffsets transactionalOffsets() {
        if (offsets instanceof TransactionalOffsets t) {
            return t;
        }
        throw new ConnectException("Exactly-once source delivery needs the offsets in a topic (a distributed "
            + "worker)");
    }

    private TributaryProducer<byte[], byte[]> producer(ConnectorConfig connector, ConnectorTaskId id,
                                                       Scheduler scheduler, Map<String, Object> fixed) {
        Map<String, Object> props = new HashMap<>(worker.producerProperties());
        props.putAll(connector.withPrefix("producer.override."));
        props.putIfAbsent("client.id", "connector-producer-" + id);
        props.putAll(fixed);
        ProducerOptions<byte[], byte[]> options = options(() -> ProducerOptions.fromProperties(props,
            Serdes.byteArray().serializer(), Serdes.byteArray().serializer()), "producer");
        return TributaryProducer.create(options.stopOnError(false).scheduler(scheduler));
    }

    /** An admin client with the worker's {@code admin.*} settings. */
    TributaryAdmin admin() {
        return TributaryAdmin.create(options(() -> AdminOptions.fromProperties(worker.adminProperties()), "admin"));
    }

    /** The options a client-property map makes, or a ConnectException naming the bad setting. */
    static <T> T options(java.util.function.Supplier<T> build, String role) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ConnectException("Invalid " + role + " settings: " + e.getMessage(), e);
        }
    }

    /**
     * The reporters {@code errors.*} asks for, creating the dead-letter topic if there is one; the producer writes
     * the dead letters.
     */
    Mono<List<ErrorReporter>> reporters(ErrorHandlingConfig config, TributaryProducer<byte[], byte[]> producer) {
        return Mono.defer(() -> {
            List<ErrorReporter> reporters = new ArrayList<>();
            if (config.logEnable()) {
                reporters.add(new LogReporter(config.logIncludeMessages()));
            }
            if (!config.hasDeadLetterQueue()) {
                return Mono.just(reporters);
            }
            reporters.add(new DeadLetterQueueReporter(config.dlqTopic(), config.dlqContextHeaders(), producer));
            TributaryAdmin admin = admin();
            return DeadLetterQueueReporter.createTopic(admin, config.dlqTopic(), config.dlqReplication())
                .then(Mono.defer(admin::close).onErrorResume(e -> Mono.empty()))
                .onErrorResume(e -> admin.close().onErrorResume(x -> Mono.empty())
                    .then(Mono.error(new ConnectException("Could not create the dead letter queue topic "
                        + config.dlqTopic() + ": " + e.getMessage(), e))))
                .thenReturn(reporters);
        });
    }
}
