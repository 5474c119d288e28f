package io.tributary.broker.internal.txn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes the records of {@code __transaction_state} (PROTOCOL.md 5.8): the key is TransactionLogKey
 * (int16 version 0, then the transactional id), the value TransactionLogValue v0 (ProducerId, ProducerEpoch,
 * TransactionTimeoutMs, TransactionStatus, TransactionPartitions, TransactionLastUpdateTimestampMs,
 * TransactionStartTimestampMs); a null value is the tombstone of an expired id. Stateless and thread-safe.
 */
final class TransactionRecords {
    private static final short KEY_VERSION = 0;
    private static final short VALUE_VERSION = 0;

    private TransactionRecords() {
    }

    /** A decoded record: the transactional id and its state, or null for a tombstone. */
    record Decoded(String transactionalId, @Nullable TransactionSnapshot value) {
    }

    static byte[] key(String transactionalId) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(KEY_VERSION);
        writeString(b, transactionalId);
        return ByteBufUtil.getBytes(b);
    }

    static byte[] value(TransactionSnapshot s) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(VALUE_VERSION);
        b.writeLong(s.producerId());
        b.writeShort(s.producerEpoch());
        b.writeInt(s.timeoutMs());
        b.writeByte(s.state().id());
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : s.partitions()) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        b.writeInt(byTopic.size());
        byTopic.forEach((topic, partitions) -> {
            writeString(b, topic);
            b.writeInt(partitions.size());
            partitions.forEach(b::writeInt);
        });
        b.writeLong(s.lastUpdateMs());
        b.writeLong(s.startMs());
        return ByteBufUtil.getBytes(b);
    }

    /**
     * Decodes a record, or returns null for a key or value version this broker does not read.
     *
     * @throws IndexOutOfBoundsException if the bytes are truncated
     */
    static @Nullable Decoded decode(ByteBuf key, @Nullable ByteBuf value) {
        ByteBuf k = key.duplicate();
        if (k.readShort() != KEY_VERSION) {
            return null;
        }
        String transactionalId = readString(k);
        if (value == null) {
            return new Decoded(transactionalId, null);
        }
        ByteBuf v = value.duplicate();
        if (v.readShort() != VALUE_VERSION) {
            return null;
        }
        long producerId = v.readLong();
        short epoch = v.readShort();
        int timeout = v.readInt();
        TransactionState state = TransactionState.forId(v.readByte());
        if (state == null) {
            return null;
        }
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        int topics = v.readInt();
        for (int i = 0; i < topics; i++) {
            String topic = readString(v);
            int count = v.readInt();
            for (int j = 0; j < count; j++) {
                partitions.add(new TopicPartition(topic, v.readInt()));
            }
        }
        long lastUpdate = v.readLong();
        long start = v.readLong();
        return new Decoded(transactionalId, new TransactionSnapshot(producerId, -1, epoch, (short) -1, timeout,
            state, partitions, start, lastUpdate));
    }

    private static void writeString(ByteBuf b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.writeShort(bytes.length);
        b.writeBytes(bytes);
    }

    private static String readString(ByteBuf b) {
        short len = b.readShort();
        if (len < 0) {
            return "";
        }
        String s = b.toString(b.readerIndex(), len, StandardCharsets.UTF_8);
        b.skipBytes(len);
        return s;
    }
}
