package io.tributary.broker.internal.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.record.Compression;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class BatchValidatorTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final ProduceRules DEFAULTS = new ProduceRules(1_048_588, false, false, Long.MAX_VALUE,
        3_600_000L, null);

    @Test
    void acceptsAValidBatchAsIs() {
        ByteBuf batch = batch(Compression.NONE, "k", "v");
        BatchValidator.Validated v = BatchValidator.validate(batch, (short) 9, false, DEFAULTS, NOW, alloc());
        assertThat(v.buffer()).isEqualTo(batch);
        assertThat(v.owned()).isFalse();
    }

    @Test
    void corruptCrcIsCorruptMessage() {
        ByteBuf batch = batch(Compression.NONE, "k", "v");
        batch.setByte(batch.writerIndex() - 1, batch.getByte(batch.writerIndex() - 1) ^ 0x55);
        assertError(batch, DEFAULTS, (short) 9, ErrorCode.CORRUPT_MESSAGE);
    }

    @Test
    void oversizeBatchIsMessageTooLarge() {
        ProduceRules small = new ProduceRules(50, false, false, Long.MAX_VALUE, 3_600_000L, null);
        assertError(batch(Compression.NONE, "k", "v"), small, (short) 9, ErrorCode.MESSAGE_TOO_LARGE);
    }

    @Test
    void twoBatchesInOnePartitionAreInvalid() {
        ByteBuf two = Unpooled.wrappedBuffer(batch(Compression.NONE, "a", "1"), batch(Compression.NONE, "b", "2"));
        assertError(two, DEFAULTS, (short) 9, ErrorCode.INVALID_RECORD);
    }

    @Test
    void truncatedBatchIsCorrupt() {
        ByteBuf batch = batch(Compression.NONE, "k", "v");
        assertError(batch.slice(0, batch.readableBytes() - 2), DEFAULTS, (short) 9, ErrorCode.CORRUPT_MESSAGE);
        assertError(Unpooled.EMPTY_BUFFER, DEFAULTS, (short) 9, ErrorCode.INVALID_RECORD);
    }

    @Test
    void zstdNeedsProduceV7() {
        assertError(batch(Compression.ZSTD, "k", "v"), DEFAULTS, (short) 6, ErrorCode.UNSUPPORTED_COMPRESSION_TYPE);
        BatchValidator.validate(batch(Compression.ZSTD, "k", "v"), (short) 7, false, DEFAULTS, NOW, alloc());
    }

    @Test
    void compactedTopicsRejectRecordsWithoutKeysNamingTheRecord() {
        ProduceRules compacted = new ProduceRules(1_048_588, true, false, Long.MAX_VALUE, 3_600_000L, null);
        ByteBuf batch = RecordBatchBuilder.create().append(NOW, bytes("k"), bytes("v"))
            .append(NOW, null, bytes("no key")).build();
        assertThatThrownBy(() -> BatchValidator.validate(batch, (short) 9, false, compacted, NOW, alloc()))
            .isInstanceOfSatisfying(PartitionError.class, e -> {
                assertThat(e.error()).isEqualTo(ErrorCode.INVALID_RECORD);
                assertThat(e.recordErrors()).singleElement().satisfies(r -> assertThat(r.index()).isEqualTo(1));
            });
    }

    @Test
    void futureTimestampsAreInvalid() {
        ByteBuf batch = RecordBatchBuilder.create().append(NOW + 7_200_000L, bytes("k"), bytes("v")).build();
        assertError(batch, DEFAULTS, (short) 9, ErrorCode.INVALID_TIMESTAMP);
        ProduceRules appendTime = new ProduceRules(1_048_588, false, true, Long.MAX_VALUE, 3_600_000L, null);
        BatchValidator.validate(batch, (short) 9, false, appendTime, NOW, alloc());
    }

    @Test
    void controlAndOrphanTransactionalBatchesAreInvalid() {
        ByteBuf txn = RecordBatchBuilder.create().producer(7, (short) 0, 0).transactional(true)
            .append(NOW, bytes("k"), bytes("v")).build();
        assertError(txn, DEFAULTS, (short) 9, ErrorCode.INVALID_RECORD);
        BatchValidator.validate(txn, (short) 9, true, DEFAULTS, NOW, alloc());
    }

    @Test
    void recompressesToTheTopicsCodecKeepingRecords() {
        ProduceRules gzip = new ProduceRules(1_048_588, false, false, Long.MAX_VALUE, 3_600_000L, Compression.GZIP);
        ByteBuf in = batch(Compression.LZ4, "k", "v");
        BatchValidator.Validated v = BatchValidator.validate(in, (short) 9, false, gzip, NOW, alloc());
        assertThat(v.owned()).isTrue();
        ByteBuf out = v.buffer();
        RecordBatch batch = RecordBatch.wrap(out);
        assertThat(batch.compression()).isEqualTo(Compression.GZIP);
        assertThat(batch.isValid()).isTrue();
        List<String> values = new ArrayList<>();
        for (Record r : batch.records()) {
            values.add(r.value().toString(StandardCharsets.UTF_8));
        }
        assertThat(values).containsExactly("v", "v2");
        out.release();
    }

    private static void assertError(ByteBuf batch, ProduceRules rules, short version, ErrorCode code) {
        assertThatThrownBy(() -> BatchValidator.validate(batch, version, false, rules, NOW, alloc()))
            .isInstanceOfSatisfying(PartitionError.class, e -> assertThat(e.error()).isEqualTo(code));
    }

    private static ByteBuf batch(Compression codec, String key, String value) {
        return RecordBatchBuilder.create().compression(codec).append(NOW, bytes(key), bytes(value))
            .append(NOW, bytes(key), bytes(value + "2")).build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBufAllocator alloc() {
        return ByteBufAllocator.DEFAULT;
    }
}
