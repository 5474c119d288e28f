package io.tributary.protocol.record;

import static io.tributary.protocol.record.RecordBatchTestSupport.list;
import static io.tributary.protocol.record.RecordBatchTestSupport.sampleBatch;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.junit.jupiter.api.Test;

/** Walking back-to-back batches, as in a Fetch response, including a truncated tail. */
final class RecordBatchesTest {

    private static ByteBuf threeBatches() {
        return Unpooled.wrappedBuffer(sampleBatch(Compression.NONE, 2), sampleBatch(Compression.LZ4, 3),
            sampleBatch(Compression.ZSTD, 4));
    }

    @Test
    void iteratesBatchesInOrderWithoutMovingTheBuffer() {
        ByteBuf buf = threeBatches();
        int readerIndex = buf.readerIndex();
        List<RecordBatch> batches = list(RecordBatches.of(buf));
        assertThat(batches).extracting(RecordBatch::recordsCount).containsExactly(2, 3, 4);
        assertThat(batches).extracting(RecordBatch::compression)
            .containsExactly(Compression.NONE, Compression.LZ4, Compression.ZSTD);
        assertThat(batches).allSatisfy(b -> assertThat(b.isValid()).isTrue());
        assertThat(buf.readerIndex()).isEqualTo(readerIndex);
        RecordBatches all = RecordBatches.of(buf);
        assertThat(all.hasPartialTail()).isFalse();
        assertThat(all.sizeOfCompleteBatches()).isEqualTo(buf.readableBytes()).isEqualTo(all.sizeInBytes());
    }

    @Test
    void everyTruncationYieldsTheCompleteBatchesAndFlagsThePartialTail() {
        ByteBuf buf = threeBatches();
        int first = RecordBatch.wrap(sampleBatch(Compression.NONE, 2)).sizeInBytes();
        int second = first + RecordBatch.wrap(sampleBatch(Compression.LZ4, 3)).sizeInBytes();
        for (int cut = 0; cut <= buf.readableBytes(); cut++) {
            RecordBatches batches = RecordBatches.of(buf.slice(0, cut));
            int expectedComplete = cut == buf.readableBytes() ? 3 : cut >= second ? 2 : cut >= first ? 1 : 0;
            assertThat(list(batches)).as("cut at %d", cut).hasSize(expectedComplete);
            int completeBytes = expectedComplete == 3 ? cut : expectedComplete == 2 ? second
                : expectedComplete == 1 ? first : 0;
            assertThat(batches.sizeOfCompleteBatches()).isEqualTo(completeBytes);
            assertThat(batches.hasPartialTail()).isEqualTo(completeBytes < cut);
        }
    }

    @Test
    void emptyBufferHasNoBatchesAndNoTail() {
        RecordBatches batches = RecordBatches.of(Unpooled.EMPTY_BUFFER);
        assertThat(batches.iterator().hasNext()).isFalse();
        assertThat(batches.hasPartialTail()).isFalse();
    }

    @Test
    void readsSeveralBatchesWrittenByKafkaClients() {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        for (int b = 0; b < 3; b++) {
            MemoryRecordsBuilder builder = MemoryRecords.builder(buffer,
                org.apache.kafka.common.compress.Compression.gzip().build(), TimestampType.CREATE_TIME, b * 10L);
            for (int i = 0; i < 5; i++) {
                builder.append(1000L + i, ("k" + i).getBytes(), ("v" + i).getBytes());
            }
            builder.close();
        }
        buffer.flip();
        List<RecordBatch> batches = list(RecordBatches.of(Unpooled.wrappedBuffer(buffer)));
        assertThat(batches).extracting(RecordBatch::baseOffset).containsExactly(0L, 10L, 20L);
        assertThat(list(batches.get(2).records())).extracting(Record::offset)
            .containsExactly(20L, 21L, 22L, 23L, 24L);
    }
}
