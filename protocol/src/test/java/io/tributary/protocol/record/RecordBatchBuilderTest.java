package io.tributary.protocol.record;

import static io.tributary.protocol.record.RecordBatchTestSupport.TIMESTAMP;
import static io.tributary.protocol.record.RecordBatchTestSupport.list;
import static io.tributary.protocol.record.RecordBatchTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tributary.common.Header;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The builder's contract: defaults, ordering rules, argument checks and buffer ownership. */
final class RecordBatchBuilderTest {

    @Test
    void defaultsDescribeAPlainProducerBatch() {
        ByteBuf buf = RecordBatchBuilder.create().append(TIMESTAMP, null, utf8("v")).build();
        RecordBatch batch = RecordBatch.wrap(buf);
        assertThat(batch.baseOffset()).isZero();
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(-1);
        assertThat(batch.producerId()).isEqualTo(-1);
        assertThat(batch.producerEpoch()).isEqualTo((short) -1);
        assertThat(batch.baseSequence()).isEqualTo(-1);
        assertThat(batch.compression()).isEqualTo(Compression.NONE);
        assertThat(batch.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(batch.isTransactional()).isFalse();
        assertThat(batch.isControl()).isFalse();
        assertThat(batch.hasDeleteHorizon()).isFalse();
        assertThat(list(batch.records()).get(0).key()).isNull();
        assertThat(buf.release()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void largeBatchesSpanSeveralCodecBlocksAndReadBack(Compression compression) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(PooledByteBufAllocator.DEFAULT)
            .compression(compression).initialCapacity(64);
        byte[] value = new byte[3000];
        for (int i = 0; i < 100; i++) {
            value[i * 7 % value.length] = (byte) i;
            builder.append(TIMESTAMP + i, utf8("key" + i), value.clone(), List.of(Header.of("i", "" + i)));
        }
        assertThat(builder.uncompressedSizeInBytes()).isGreaterThan(300_000);
        ByteBuf buf = builder.build();
        try {
            RecordBatch batch = RecordBatch.wrap(buf);
            batch.ensureValid();
            List<Record> records = list(batch.records());
            assertThat(records).hasSize(100);
            assertThat(records.get(99).headers()).containsExactly(Header.of("i", "99"));
            assertThat(records.get(99).timestamp()).isEqualTo(TIMESTAMP + 99);
            assertThat(batch.maxTimestamp()).isEqualTo(TIMESTAMP + 99);
        } finally {
            buf.release();
        }
    }

    @Test
    void byteBufKeysAndValuesAreCopiedWithoutMovingTheirIndexes() {
        ByteBuf key = Unpooled.wrappedBuffer(utf8("xxkey")).skipBytes(2);
        ByteBuf value = Unpooled.directBuffer().writeBytes(utf8("value"));
        ByteBuf buf = RecordBatchBuilder.create().append(TIMESTAMP, key, value, List.of()).build();
        assertThat(key.readerIndex()).isEqualTo(2);
        assertThat(value.readableBytes()).isEqualTo(5);
        Record record = list(RecordBatch.wrap(buf).records()).get(0);
        assertThat(record.keyBytes()).isEqualTo(utf8("key"));
        assertThat(record.valueBytes()).isEqualTo(utf8("value"));
        value.release();
        buf.release();
    }

    @Test
    void appendWithOffsetKeepsGapsAndRejectsGoingBackwards() {
        RecordBatchBuilder builder = RecordBatchBuilder.create().baseOffset(50)
            .appendWithOffset(50, TIMESTAMP, null, null, List.of())
            .appendWithOffset(53, TIMESTAMP, null, null, List.of());
        assertThatThrownBy(() -> builder.appendWithOffset(53, TIMESTAMP, null, null, List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above the last offset 53");
        ByteBuf buf = builder.build();
        RecordBatch batch = RecordBatch.wrap(buf);
        assertThat(batch.lastOffsetDelta()).isEqualTo(3);
        assertThat(list(batch.records())).extracting(Record::offset).containsExactly(50L, 53L);
        buf.release();
    }

    @Test
    void logAppendTimeGivesEveryRecordTheAppendTime() {
        ByteBuf buf = RecordBatchBuilder.create().logAppendTime(TIMESTAMP + 5)
            .append(TIMESTAMP, null, null).append(TIMESTAMP + 1, null, null).build();
        RecordBatch batch = RecordBatch.wrap(buf);
        assertThat(batch.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(batch.baseTimestamp()).isEqualTo(TIMESTAMP);
        assertThat(list(batch.records())).extracting(Record::timestamp).containsOnly(TIMESTAMP + 5);
        buf.release();
    }

    @Test
    void sequencesWrapAfterIntegerMaxValue() {
        ByteBuf buf = RecordBatchBuilder.create().producer(7, (short) 1, Integer.MAX_VALUE - 1)
            .append(TIMESTAMP, null, null).append(TIMESTAMP, null, null).append(TIMESTAMP, null, null).build();
        RecordBatch batch = RecordBatch.wrap(buf);
        assertThat(list(batch.records())).extracting(Record::sequence)
            .containsExactly(Integer.MAX_VALUE - 1, Integer.MAX_VALUE, 0);
        assertThat(batch.lastSequence()).isZero();
        buf.release();
    }

    @Test
    void inconsistentProducerFieldsAreRejectedAtBuild() {
        assertThatThrownBy(() -> RecordBatchBuilder.create().transactional(true).append(TIMESTAMP, null, null)
            .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("transactional");
        assertThatThrownBy(() -> RecordBatchBuilder.create().producer(5, (short) -1, 0).append(TIMESTAMP, null, null)
            .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("epoch");
        assertThatThrownBy(() -> RecordBatchBuilder.create().producer(5, (short) 0, -1).append(TIMESTAMP, null, null)
            .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("base sequence");
        assertThatThrownBy(() -> RecordBatchBuilder.create().producer(-2, (short) 0, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("producerId");
    }

    @Test
    void argumentAndOrderingMistakesFailFast() {
        RecordBatchBuilder builder = RecordBatchBuilder.create(UnpooledByteBufAllocator.DEFAULT);
        assertThatThrownBy(() -> builder.append(-2, null, null)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("timestamp");
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("without records");
        builder.append(TIMESTAMP, null, null);
        assertThatThrownBy(() -> builder.compression(Compression.GZIP)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("before the first append");
        builder.build().release();
        assertThatThrownBy(() -> builder.append(TIMESTAMP, null, null)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("already built");
        assertThatThrownBy(() -> RecordBatchBuilder.create().control(true).producer(1, (short) 0, -1)
            .append(TIMESTAMP, null, null)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("need a key");
    }

    @Test
    void releaseFreesTheBufferOfAnUnbuiltBatch() {
        RecordBatchBuilder builder = RecordBatchBuilder.create(PooledByteBufAllocator.DEFAULT)
            .compression(Compression.SNAPPY).append(TIMESTAMP, utf8("k"), utf8("v"));
        builder.release();
        builder.release();
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void recordSizeUpperBoundCoversTheActualSize() {
        List<Header> headers = List.of(Header.of("trace-id", "abc"), new Header("n", null));
        RecordBatchBuilder builder = RecordBatchBuilder.create();
        int before = builder.uncompressedSizeInBytes();
        builder.append(Long.MAX_VALUE / 2, new byte[10], new byte[300], headers);
        builder.append(0, new byte[10], new byte[300], headers);
        int second = builder.uncompressedSizeInBytes() - before;
        assertThat(RecordBatchBuilder.recordSizeUpperBound(10, 300, headers) * 2).isGreaterThanOrEqualTo(second);
        builder.release();
    }

    @Test
    void configNamesMapToTheEnums() {
        assertThat(Compression.forConfigName("zstd")).isEqualTo(Compression.ZSTD);
        assertThat(TimestampType.forConfigName("LogAppendTime")).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThatThrownBy(() -> Compression.forConfigName("brotli")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("brotli");
        assertThat(ControlRecordType.forType((short) 9)).isEqualTo(ControlRecordType.UNKNOWN);
        assertThat(ControlRecordType.parse(Unpooled.wrappedBuffer(new byte[] {0, 1, 0, 1})))
            .isEqualTo(ControlRecordType.COMMIT);
        assertThatThrownBy(() -> ControlRecordType.parse(Unpooled.wrappedBuffer(new byte[] {-1, -1, 0, 1})))
            .isInstanceOf(InvalidRecordException.class).hasMessageContaining("negative version");
    }
}
