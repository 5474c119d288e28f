package io.tributary.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tributary.protocol.internal.Crc32c;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte-exact examples of PROTOCOL.md 3.1-3.3. */
final class RecordBatchWorkedExampleTest {
    private static final long TIMESTAMP = 1_700_000_000_000L;

    private static String hex(String spaced) {
        return spaced.replaceAll("\\s+", "");
    }

    @Test
    void crc32cCheckValueMatches() {
        ByteBuf bytes = Unpooled.wrappedBuffer("123456789".getBytes(StandardCharsets.US_ASCII));
        assertThat(Crc32c.compute(bytes, 0, 9)).isEqualTo(0xE3069283);
    }

    @Test
    void oneRecordBatchMatchesTheWorkedExampleByteForByte() {
        ByteBuf batch = RecordBatchBuilder.create(UnpooledByteBufAllocator.DEFAULT)
            .append(TIMESTAMP, "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8))
            .build();
        String expected = hex("00 00 00 00 00 00 00 00  00 00 00 3a  ff ff ff ff  02  e9 9b 8d d8  00 00"
            + " 00 00 00 00  00 00 01 8b cf e5 68 00  00 00 01 8b cf e5 68 00  ff ff ff ff ff ff ff ff  ff ff"
            + " ff ff ff ff  00 00 00 01  10 00 00 00 02 6b 02 76 00");
        assertThat(ByteBufUtil.hexDump(batch)).isEqualTo(expected);
        assertThat(batch.readableBytes()).isEqualTo(70);

        RecordBatch view = RecordBatch.wrap(batch);
        assertThat(view.isValid()).isTrue();
        List<Record> records = RecordBatchTestSupport.list(view.records());
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.keyBytes()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
            assertThat(r.valueBytes()).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
            assertThat(r.timestamp()).isEqualTo(TIMESTAMP);
        });
        batch.release();
    }

    @Test
    void commitMarkerMatchesTheWorkedExampleByteForByte() {
        ByteBuf batch = RecordBatchBuilder.endTransactionMarker(UnpooledByteBufAllocator.DEFAULT,
            new EndTransactionMarker(ControlRecordType.COMMIT, 0), 0L, TIMESTAMP, 1000L, (short) 0, 0);
        String ts = "00 00 01 8b cf e5 68 00";
        String expected = hex("00 00 00 00 00 00 00 00  00 00 00 42  00 00 00 00  02  a1 ac 49 9f  00 30"
            + " 00 00 00 00 " + ts + ts + " 00 00 00 00 00 00 03 e8  00 00  ff ff ff ff  00 00 00 01"
            + " 20 00 00 00 08 00 00 00 01 0c 00 00 00 00 00 00 00");
        assertThat(ByteBufUtil.hexDump(batch)).isEqualTo(expected);
        assertThat(batch.readableBytes()).isEqualTo(78);

        RecordBatch view = RecordBatch.wrap(batch);
        assertThat(view.isControl()).isTrue();
        assertThat(view.isTransactional()).isTrue();
        Record record = RecordBatchTestSupport.list(view.records()).get(0);
        assertThat(EndTransactionMarker.read(record)).isEqualTo(new EndTransactionMarker(ControlRecordType.COMMIT, 0));
        batch.release();
    }
}
