package io.tributary.broker.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.partition.LogReplay;
import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted, single-partition topic {@code _schemas} as the registry's store. Keys and values are JSON: a key
 * names a subject version ({@code {"keytype":"SCHEMA","subject":..,"version":..}}) or a compatibility setting
 * ({@code {"keytype":"CONFIG","subject":..}}, subject null for the global one); a null value (tombstone) removes it,
 * so compaction keeps exactly the current state. Each change is one batch, flushed before the request is answered.
 *
 * <p>Thread-safe; both methods block.
 */
final class SchemasTopic implements RegistryStore {
    static final String NAME = "_schemas";
    private static final Logger LOG = LoggerFactory.getLogger(SchemasTopic.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TopicPartition PARTITION = new TopicPartition(NAME, 0);

    private final BrokerContext broker;

    SchemasTopic(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public synchronized void append(List<RegistryRecord> records) {
        PartitionLog log = log();
        long now = System.currentTimeMillis();
        RecordBatchBuilder builder = RecordBatchBuilder.create();
        for (RegistryRecord r : records) {
            builder.append(now, json(key(r)), value(r));
        }
        ByteBuf batch = builder.build();
        try {
            log.append(batch, 0, now, false);
            log.flush();
        } finally {
            batch.release();
        }
        broker.partitions().notifier().appended(PARTITION);
    }

    @Override
    public void load(Consumer<RegistryRecord> sink) {
        if (broker.topics().get(NAME).isEmpty()) {
            return;
        }
        broker.partitions().log(PARTITION).ifPresent(log -> LogReplay.forEachRecord(log, r -> decode(r, sink)));
    }

    private PartitionLog log() {
        if (broker.topics().get(NAME).isEmpty()) {
            try {
                broker.topics().create(NAME, 1, Map.of("cleanup.policy", "compact"));
                LOG.info("Created {}", NAME);
            } catch (ApiException e) {
                if (e.error() != ErrorCode.TOPIC_ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        return broker.partitions().log(PARTITION)
            .orElseThrow(() -> new IllegalStateException("no log for " + PARTITION));
    }

    private static ObjectNode key(RegistryRecord r) {
        ObjectNode key = JSON.createObjectNode();
        if (r instanceof RegistryRecord.Config c) {
            key.put("keytype", "CONFIG").put("subject", c.subject()).put("magic", 0);
        } else {
            String subject = r instanceof RegistryRecord.Schema s ? s.subject()
                : ((RegistryRecord.SchemaRemoved) r).subject();
            int version = r instanceof RegistryRecord.Schema s ? s.version()
                : ((RegistryRecord.SchemaRemoved) r).version();
            key.put("keytype", "SCHEMA").put("subject", subject).put("version", version).put("magic", 1);
        }
        return key;
    }

    private static byte @Nullable [] value(RegistryRecord r) {
        if (r instanceof RegistryRecord.Schema s) {
            return json(JSON.createObjectNode().put("subject", s.subject()).put("version", s.version())
                .put("id", s.id()).put("schemaType", s.type().name()).put("schema", s.schema())
                .put("deleted", s.deleted()));
        }
        if (r instanceof RegistryRecord.Config c && c.level() != null) {
            return json(JSON.createObjectNode().put("compatibilityLevel", c.level().name()));
        }
        return null;
    }

    private static void decode(Record r, Consumer<RegistryRecord> sink) {
        if (r.key() == null) {
            return;
        }
        try {
            JsonNode key = JSON.readTree(ByteBufUtil.getBytes(r.key()));
            JsonNode value = r.value() == null ? null : JSON.readTree(ByteBufUtil.getBytes(r.value()));
            String subject = key.path("subject").isNull() ? null : key.path("subject").asText(null);
            switch (key.path("keytype").asText()) {
                case "SCHEMA" -> sink.accept(value == null
                    ? new RegistryRecord.SchemaRemoved(subject, key.path("version").asInt())
                    : new RegistryRecord.Schema(value.path("subject").asText(), value.path("version").asInt(),
                        value.path("id").asInt(), SchemaType.named(value.path("schemaType").asText()),
                        value.path("schema").asText(), value.path("deleted").asBoolean()));
                case "CONFIG" -> sink.accept(new RegistryRecord.Config(subject, value == null ? null
                    : CompatibilityLevel.named(value.path("compatibilityLevel").asText())));
                default -> LOG.debug("Skipping {} record at offset {}", key.path("keytype"), r.offset());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping unreadable record at offset {} of {}: {}", r.offset(), NAME, e.toString());
        }
    }

    private static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
