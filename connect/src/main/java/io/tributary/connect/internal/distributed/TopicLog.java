package io.tributary.connect.internal.distributed;

import io.tributary.admin.NewTopic;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.TopicPartitionInfo;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.IsolationLevel;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.errors.ApiException;
import io.tributary.producer.Acks;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.protocol.ErrorCode;
import io.tributary.serdes.Serdes;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A compacted topic that every worker reads from its beginning and keeps following, and writes to: where
 * distributed workers keep connector configurations, source offsets and statuses. Records reach the callback in
 * offset order per partition, on the consumer's emission worker. {@link #readToEnd()} completes once everything
 * written before the call has reached the callback, which is how a worker knows its view is current.
 * Thread-safe; owned by one store.
 */
final class TopicLog {
    private final ClientOptions client;
    private final TributaryAdmin admin;
    private final NewTopic spec;
    private final Consumer<ReceivedRecord<String, byte[]>> onRecord;
    private volatile @Nullable TributaryConsumer<String, byte[]> consumer;
    private volatile @Nullable TributaryProducer<String, byte[]> producer;
    private volatile @Nullable Disposable following;
    private final boolean readCommitted;
    private volatile List<TopicPartition> partitions = List.of();

    /**
     * @param spec     the topic, created compacted if missing
     * @param onRecord told of every record, in order per partition; a null value is a tombstone
     */
    TopicLog(ClientOptions client, TributaryAdmin admin, NewTopic spec,
             Consumer<ReceivedRecord<String, byte[]>> onRecord) {
        this(client, admin, spec, onRecord, false);
    }

    /**
     * @param readCommitted skip records of aborted transactions, and wait for open ones to end
     */
    TopicLog(ClientOptions client, TributaryAdmin admin, NewTopic spec,
             Consumer<ReceivedRecord<String, byte[]>> onRecord, boolean readCommitted) {
        this.readCommitted = readCommitted;
        this.client = client;
        this.admin = admin;
        this.spec = spec.config("cleanup.policy", "compact");
        this.onRecord = onRecord;
    }

    String topic() {
        return spec.name();
    }

    /** Creates the topic if missing, starts following it and completes once it was read to its end. */
    Mono<Void> start() {
        return ensureTopic()
            .then(admin.describeTopics(List.of(spec.name())))
            .flatMap(described -> {
                partitions = described.get(spec.name()).partitions().stream()
                    .map(TopicPartitionInfo::partition)
                    .map(p -> new TopicPartition(spec.name(), p))
                    .toList();
                producer = TributaryProducer.create(ProducerOptions.create(client, Serdes.string().serializer(),
                    Serdes.byteArray().serializer()).acks(Acks.ALL));
                TributaryConsumer<String, byte[]> c = TributaryConsumer.create(ConsumerOptions
                    .create(client, Serdes.string().deserializer(), Serdes.byteArray().deserializer())
                    .assignment(partitions)
                    .isolationLevel(readCommitted ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED)
                    .offsetReset(OffsetReset.EARLIEST));
                consumer = c;
                following = c.receive().subscribe(onRecord);
                return readToEnd();
            });
    }

    private Mono<Void> ensureTopic() {
        return admin.createTopics(List.of(spec))
            .then()
            .onErrorResume(e -> e instanceof ApiException api && api.error() == ErrorCode.TOPIC_ALREADY_EXISTS,
                e -> Mono.empty());
    }

    /**
     * Completes once every record written before this call has been handed to the callback (reading committed
     * records only, once the transactions open at the call have ended).
     */
    Mono<Void> readToEnd() {
        TributaryConsumer<String, byte[]> c = consumer;
        if (c == null) {
            return Mono.error(new IllegalStateException("The log of " + spec.name() + " is not started"));
        }
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
            .flatMap(ends -> c.awaitPositions(ends.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()))));
    }

    /** Writes a record (null value: a tombstone); completes once the broker has it. */
    Mono<Void> send(String key, byte @Nullable [] value) {
        TributaryProducer<String, byte[]> p = producer;
        if (p == null) {
            return Mono.error(new IllegalStateException("The log of " + spec.name() + " is not started"));
        }
        return p.send(ProducerRecord.of(spec.name(), key, value)).then();
    }

    /** Stops following and writing. */
    Mono<Void> close() {
        return Mono.defer(() -> {
            Disposable f = following;
            if (f != null) {
                f.dispose();
            }
            TributaryProducer<String, byte[]> p = producer;
            TributaryConsumer<String, byte[]> c = consumer;
            return (p == null ? Mono.<Void>empty() : p.close())
                .then(c == null ? Mono.empty() : c.close());
        });
    }
}
