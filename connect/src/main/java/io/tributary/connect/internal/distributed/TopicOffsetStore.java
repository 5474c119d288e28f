package io.tributary.connect.internal.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.admin.NewTopic;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.connect.internal.storage.OffsetStore;
import io.tributary.connect.internal.storage.OffsetTable;
import io.tributary.connect.internal.storage.TransactionalOffsets;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.producer.ProducerRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Source offsets in a compacted topic ({@code offset.storage.topic}), shared by the workers of a cluster. Records
 * are keyed as Kafka Connect keys them, {@code ["<connector>",{<source partition>}]} (partition keys sorted), with
 * the offset as a JSON object, or a tombstone once removed. Every worker follows the topic into memory, so reads
 * never block; a write updates memory at once and completes when the broker has it. Thread-safe.
 */
final class TopicOffsetStore implements OffsetStore, TransactionalOffsets {
    private static final Logger LOG = LoggerFactory.getLogger(TopicOffsetStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Object>> KEY = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final TopicLog log;
    private final OffsetTable offsets = new OffsetTable();

    /**
     * @param readCommitted read only committed offsets: needed once source tasks write offsets in transactions
     */
    TopicOffsetStore(ClientOptions client, TributaryAdmin admin, NewTopic topic, boolean readCommitted) {
        this.log = new TopicLog(client, admin, topic, this::apply, readCommitted);
    }

    @Override
    public Mono<Void> start() {
        return log.start();
    }

    private void apply(ReceivedRecord<String, byte[]> record) {
        try {
            List<Object> key = JSON.readValue(record.key(), KEY);
            if (key.size() != 2 || !(key.get(1) instanceof Map<?, ?>)) {
                LOG.warn("Skipping a record of {} with an unexpected key: {}", log.topic(), record.key());
                return;
            }
            String connector = String.valueOf(key.get(0));
            Map<String, Object> partition = JSON.convertValue(key.get(1), MAP);
            Map<String, Object> offset = record.value() == null ? null : JSON.readValue(record.value(), MAP);
            offsets.put(connector, partition, offset);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Skipping a record of {} that is not an offset: {}", log.topic(), e.toString());
        }
    }

    /** The record key of a partition: equal for equal entries whatever the numbers' Java types. */
    static String key(String connector, Map<String, ?> partition) {
        try {
            return JSON.writeValueAsString(List.of(connector, new TreeMap<>(partition)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A source partition must hold strings, numbers and booleans, was "
                + partition, e);
        }
    }

    @Override
    public @Nullable Map<String, Object> offset(String connector, Map<String, ?> partition) {
        return offsets.offset(connector, partition);
    }

    @Override
    public Map<Map<String, Object>, Map<String, Object>> offsets(String connector) {
        return offsets.offsets(connector);
    }

    @Override
    public Mono<Void> write(String connector,
                            Map<? extends Map<String, ?>, ? extends @Nullable Map<String, ?>> changes) {
        return Mono.defer(() -> {
            List<Mono<Void>> sends = new ArrayList<>();
            changes.forEach((partition, offset) -> {
                offsets.put(connector, partition, offset);
                sends.add(log.send(key(connector, partition), offset == null ? null : bytes(offset)));
            });
            return Flux.concat(sends).then();
        });
    }

    @Override
    public Mono<Void> remove(String connector) {
        return Mono.defer(() -> {
            Map<Map<String, ?>, @Nullable Map<String, ?>> removals = new HashMap<>();
            offsets(connector).keySet().forEach(p -> removals.put(p, null));
            return write(connector, removals);
        });
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> offsetRecords(String connector,
                                                              Map<? extends Map<String, ?>, ? extends @Nullable
                                                                  Map<String, ?>> changes) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        changes.forEach((partition, offset) -> records.add(ProducerRecord.of(log.topic(),
            key(connector, partition).getBytes(StandardCharsets.UTF_8), offset == null ? null : bytes(offset))));
        return records;
    }

    @Override
    public void committed(String connector,
                          Map<? extends Map<String, ?>, ? extends @Nullable Map<String, ?>> changes) {
        changes.forEach((partition, offset) -> offsets.put(connector, partition, offset));
    }

    /** Completes once every offset written before the call (by any worker) is in memory. */
    @Override
    public Mono<Void> readToEnd() {
        return log.readToEnd();
    }

    @Override
    public Mono<Void> stop() {
        return log.close();
    }

    private static byte[] bytes(Map<String, ?> offset) {
        try {
            return JSON.writeValueAsBytes(offset);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A source offset must hold strings, numbers and booleans, was "
                + offset, e);
        }
    }
}
