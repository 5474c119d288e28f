package io.tributary.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.record.ControlRecordType;
import io.tributary.protocol.record.EndTransactionMarker;
import io.tributary.protocol.record.InvalidRecordException;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class FetchedRecordsTest {

    private static ByteBuf batch(long baseOffset, long producerId, boolean transactional, String... values) {
        RecordBatchBuilder b = RecordBatchBuilder.create().baseOffset(baseOffset);
        if (producerId >= 0) {
            b.producer(producerId, (short) 0, (int) baseOffset).transactional(transactional);
        }
        for (String v : values) {
            b.append(0L, null, v.getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private static List<String> values(FetchedRecords.Result result) {
        return result.records().stream().map(r -> new String(r.valueBytes(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void recordsBeforeTheFetchOffsetAreSkippedAndTheNextOffsetFollowsTheLastBatch() {
        ByteBuf bytes = Unpooled.wrappedBuffer(batch(0, -1, false, "a", "b", "c"), batch(3, -1, false, "d"));
        FetchedRecords.Result result = FetchedRecords.parse(bytes, 1, false, null);
        assertThat(values(result)).containsExactly("b", "c", "d");
        assertThat(result.records()).extracting(Record::offset).containsExactly(1L, 2L, 3L);
        assertThat(result.nextOffset()).isEqualTo(4);
    }

    @Test
    void readCommittedDropsAbortedTransactionsAndControlRecords() {
        ByteBuf abortMarker = RecordBatchBuilder.endTransactionMarker(io.netty.buffer.ByteBufAllocator.DEFAULT,
            new EndTransactionMarker(ControlRecordType.ABORT, 0), 2, 0L, 7L, (short) 0, 0);
        ByteBuf bytes = Unpooled.wrappedBuffer(batch(0, 7, true, "t1", "t2"), abortMarker,
            batch(3, 8, true, "kept"));
        List<FetchResponse.AbortedTransaction> aborted = List.of(new FetchResponse.AbortedTransaction()
            .producerId(7).firstOffset(0));
        assertThat(values(FetchedRecords.parse(bytes.duplicate(), 0, true, aborted))).containsExactly("kept");
        assertThat(values(FetchedRecords.parse(bytes.duplicate(), 0, false, aborted)))
            .containsExactly("t1", "t2", "kept");
    }

    @Test
    void aCorruptBatchFailsWithAClearError() {
        ByteBuf bytes = batch(0, -1, false, "payload");
        bytes.setByte(bytes.writerIndex() - 1, bytes.getByte(bytes.writerIndex() - 1) ^ 0x55);
        assertThatThrownBy(() -> FetchedRecords.parse(bytes, 0, false, null))
            .isInstanceOf(InvalidRecordException.class);
    }
}
