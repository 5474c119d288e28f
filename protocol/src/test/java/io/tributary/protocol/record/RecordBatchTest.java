package io.tributary.protocol.record;

import static io.tributary.protocol.record.RecordBatchTestSupport.TIMESTAMP;
import static io.tributary.protocol.record.RecordBatchTestSupport.list;
import static io.tributary.protocol.record.RecordBatchTestSupport.sampleBatch;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The view's in-place stamping, as a broker does on append. */
final class RecordBatchTest {

    @Test
    void stampingBaseOffsetAndLeaderEpochKeepsTheCrcValid() {
        ByteBuf buf = sampleBatch(Compression.NONE, 3);
        RecordBatch batch = RecordBatch.wrap(buf);
        long crc = batch.crc();
        batch.setBaseOffset(9_000);
        batch.setPartitionLeaderEpoch(12);
        assertThat(batch.crc()).isEqualTo(crc);
        assertThat(batch.isValid()).isTrue();
        assertThat(batch.baseOffset()).isEqualTo(9_000);
        assertThat(batch.lastOffset()).isEqualTo(9_002);
        assertThat(batch.nextOffset()).isEqualTo(9_003);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(12);
        assertThat(list(batch.records())).extracting(Record::offset).containsExactly(9_000L, 9_001L, 9_002L);
        assertThat(buf.getLong(0)).isEqualTo(9_000);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void settingLogAppendTimeRecomputesTheCrcAndKafkaAgrees(Compression compression) {
        ByteBuf buf = sampleBatch(compression, 3);
        RecordBatch batch = RecordBatch.wrap(buf);
        long crc = batch.crc();
        batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, TIMESTAMP + 1_000);
        assertThat(batch.crc()).isNotEqualTo(crc);
        batch.ensureValid();
        assertThat(batch.compression()).isEqualTo(compression);
        assertThat(list(batch.records())).extracting(Record::timestamp).containsOnly(TIMESTAMP + 1_000);

        MutableRecordBatch theirs = MemoryRecords.readableRecords(buf.nioBuffer()).batches().iterator().next();
        theirs.ensureValid();
        assertThat(theirs.timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME);
        assertThat(theirs.maxTimestamp()).isEqualTo(TIMESTAMP + 1_000);

        long stamped = batch.crc();
        batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, TIMESTAMP + 1_000);
        assertThat(batch.crc()).isEqualTo(stamped);
    }

    @Test
    void uncompressedRecordsAreSlicesOfTheBatchBuffer() {
        ByteBuf buf = sampleBatch(Compression.NONE, 2);
        List<Record> records = list(RecordBatch.wrap(buf).records());
        ByteBuf value = records.get(1).value();
        assertThat(value).isNotNull();
        buf.setByte(buf.writerIndex() - 8, 'X');
        assertThat(value.toString(StandardCharsets.UTF_8)).contains("X");
    }

    @Test
    void wrappedViewDoesNotMoveTheCallersIndexesAndDescribesItself() {
        ByteBuf buf = sampleBatch(Compression.GZIP, 2);
        RecordBatch batch = RecordBatch.wrap(buf);
        list(batch.records());
        assertThat(buf.readerIndex()).isZero();
        assertThat(batch.sizeInBytes()).isEqualTo(buf.readableBytes()).isEqualTo(batch.batchLength() + 12);
        assertThat(batch.buffer().readableBytes()).isEqualTo(buf.readableBytes());
        assertThat(batch.magic()).isEqualTo((byte) 2);
        assertThat(batch.toString()).contains("baseOffset=100").contains("records=2");
    }
}
