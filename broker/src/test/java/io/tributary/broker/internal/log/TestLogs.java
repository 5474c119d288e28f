package io.tributary.broker.internal.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.record.Compression;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.record.RecordBatches;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Builders and readers shared by the log tests. */
final class TestLogs {
    static final TopicPartition TP = new TopicPartition("orders", 0);

    private TestLogs() {
    }

    /** A small-segment configuration that deletes files at once. */
    static LogConfig smallConfig() {
        return LogConfig.defaults().segmentBytes(1024).segmentIndexBytes(1200).indexIntervalBytes(0)
            .fileDeleteDelayMs(0);
    }

    /** A clock the test moves by hand. */
    static AtomicLong clock(long start) {
        return new AtomicLong(start);
    }

    static PartitionLog open(Path dir, LogConfig config) throws IOException {
        return PartitionLog.open(dir, TP, config, 0, 0, () -> 1_000_000L);
    }

    /** One uncompressed batch of {@code count} records with values {@code v<i>}, timestamps from {@code ts}. */
    static ByteBuf batch(int count, long ts) {
        RecordBatchBuilder b = RecordBatchBuilder.create(ByteBufAllocator.DEFAULT);
        for (int i = 0; i < count; i++) {
            b.append(ts + i, ("k" + i).getBytes(StandardCharsets.UTF_8), ("v" + i).getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    /** One batch holding the given key → value pairs in order (a null value is a tombstone). */
    static ByteBuf keyed(Compression compression, long ts, String... keysAndValues) {
        RecordBatchBuilder b = RecordBatchBuilder.create(ByteBufAllocator.DEFAULT).compression(compression);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String value = keysAndValues[i + 1];
            b.append(ts, bytes(keysAndValues[i]), value == null ? null : bytes(value));
        }
        return b.build();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Appends and releases the batch. */
    static AppendResult append(PartitionLog log, ByteBuf batch) {
        try {
            return log.append(batch, 0, 0, false);
        } finally {
            batch.release();
        }
    }

    /** Every record of the log from its start, read through the public read path. */
    static List<Record> readAll(PartitionLog log) {
        List<Record> records = new ArrayList<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            FetchSlice slice = log.read(offset, 1 << 20, Long.MAX_VALUE, true);
            if (slice.isEmpty()) {
                break;
            }
            ByteBuf buf = slice.read(ByteBufAllocator.DEFAULT);
            ByteBuf copy = Unpooled.copiedBuffer(buf);
            buf.release();
            long next = offset;
            for (RecordBatch batch : RecordBatches.of(copy)) {
                batch.ensureValid();
                for (Record r : batch.records()) {
                    if (r.offset() >= offset) {
                        records.add(r);
                    }
                }
                next = batch.nextOffset();
            }
            if (next == offset) {
                break;
            }
            offset = next;
        }
        return records;
    }

    /** The latest value per key (tombstones remove the key) in the records. */
    static Map<String, @Nullable String> latestValues(List<Record> records) {
        Map<String, @Nullable String> latest = new LinkedHashMap<>();
        for (Record r : records) {
            String key = new String(r.keyBytes(), StandardCharsets.UTF_8);
            byte[] value = r.valueBytes();
            latest.remove(key);
            latest.put(key, value == null ? null : new String(value, StandardCharsets.UTF_8));
        }
        return latest;
    }

    static String string(byte @Nullable [] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
