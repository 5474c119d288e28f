package io.tributary.protocol.record;

import static io.tributary.protocol.record.RecordBatchTestSupport.batchAround;
import static io.tributary.protocol.record.RecordBatchTestSupport.batchWithSection;
import static io.tributary.protocol.record.RecordBatchTestSupport.list;
import static io.tributary.protocol.record.RecordBatchTestSupport.recordsSection;
import static io.tributary.protocol.record.RecordBatchTestSupport.restampCrc;
import static io.tributary.protocol.record.RecordBatchTestSupport.sampleBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.internal.CompressionCodec;
import io.tributary.protocol.internal.Varints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed batches and records fail with {@link InvalidRecordException} naming the problem and its byte. */
final class RecordBatchMalformedTest {

    private static InvalidRecordException recordsFailure(ByteBuf batch) {
        try {
            list(RecordBatch.wrap(batch).records());
        } catch (InvalidRecordException e) {
            return e;
        }
        throw new AssertionError("records were read without error");
    }

    /** Raw records section: length, attributes, ts delta, offset delta, then {@code rest}. */
    private static ByteBuf record(int... rest) {
        ByteBuf body = Unpooled.buffer();
        body.writeByte(0);
        Varints.writeVarlong(body, 0);
        Varints.writeVarint(body, 0);
        for (int b : rest) {
            body.writeByte(b);
        }
        ByteBuf out = Unpooled.buffer();
        Varints.writeVarint(out, body.readableBytes());
        return out.writeBytes(body);
    }

    @Test
    void crcMismatchIsCorrupt() {
        ByteBuf batch = sampleBatch(Compression.NONE, 3);
        batch.setByte(batch.writerIndex() - 3, batch.getByte(batch.writerIndex() - 3) ^ 0x01);
        RecordBatch view = RecordBatch.wrap(batch);
        assertThat(view.isValid()).isFalse();
        assertThatThrownBy(view::ensureValid)
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.corrupt()).isTrue())
            .hasMessageContaining("CRC").hasMessageContaining("byte 17");
    }

    @Test
    void truncatedBatchIsCorruptWhenWrappedAndSkippedAsTail() {
        ByteBuf batch = sampleBatch(Compression.NONE, 3);
        ByteBuf cut = batch.slice(0, batch.readableBytes() - 1);
        assertThatThrownBy(() -> RecordBatch.wrap(cut))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.corrupt()).isTrue())
            .hasMessageContaining("batchLength");
        assertThatThrownBy(() -> RecordBatch.wrap(batch.slice(0, 40)))
            .isInstanceOf(InvalidRecordException.class).hasMessageContaining("shorter than its 61-byte header");
        assertThatThrownBy(() -> RecordBatch.wrap(batch.slice(0, 10)))
            .isInstanceOf(InvalidRecordException.class).hasMessageContaining("truncated");
        RecordBatches batches = RecordBatches.of(cut);
        assertThat(list(batches)).isEmpty();
        assertThat(batches.hasPartialTail()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, -1})
    void magicOtherThanTwoIsRejected(int magic) {
        ByteBuf batch = sampleBatch(Compression.NONE, 1);
        batch.setByte(RecordBatch.MAGIC_OFFSET, magic);
        assertThatThrownBy(() -> RecordBatch.wrap(batch))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.corrupt()).isFalse())
            .hasMessageContaining("magic " + magic).hasMessageContaining("only magic 2");
        ByteBuf two = Unpooled.wrappedBuffer(sampleBatch(Compression.NONE, 1), batch);
        assertThatThrownBy(() -> list(RecordBatches.of(two)))
            .isInstanceOf(InvalidRecordException.class).hasMessageContaining("at byte " + (batch.readableBytes()));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 6, 7})
    void unknownCompressionIdIsNamed(int id) {
        ByteBuf batch = restampCrc(sampleBatch(Compression.NONE, 1).setShort(RecordBatch.ATTRIBUTES_OFFSET, id));
        RecordBatch view = RecordBatch.wrap(batch);
        assertThat(view.isValid()).isTrue();
        assertThatThrownBy(view::compression).isInstanceOf(InvalidRecordException.class)
            .hasMessageContaining("unknown compression id " + id);
        assertThatThrownBy(() -> list(view.records())).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> Compression.forId(id)).hasMessageContaining(String.valueOf(id));
    }

    @Test
    void varintLongerThanFiveBytesIsRejectedWithItsOffset() {
        ByteBuf section = Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, 0x01, 0, 0, 0});
        assertThat(recordsFailure(batchWithSection(0, 1, section)))
            .hasMessageContaining("varint is longer than 5 bytes").hasMessageContaining("at byte 61 of the batch")
            .satisfies(e -> assertThat(e.byteOffset()).isEqualTo(61));
    }

    @Test
    void varlongTimestampDeltaLongerThanTenBytesIsRejected() {
        ByteBuf section = Unpooled.buffer().writeByte(30).writeByte(0);
        for (int i = 0; i < 11; i++) {
            section.writeByte(0xff);
        }
        section.writeZero(17);
        assertThat(recordsFailure(batchWithSection(0, 1, section)))
            .hasMessageContaining("varlong is longer than 10 bytes").hasMessageContaining("at byte 63");
    }

    @Test
    void negativeLengthsAreRejected() {
        ByteBuf negativeRecordLength = Unpooled.buffer();
        Varints.writeVarint(negativeRecordLength, -5);
        negativeRecordLength.writeZero(8);
        assertThat(recordsFailure(batchWithSection(0, 1, negativeRecordLength)))
            .hasMessageContaining("negative record length -5");
        // key length -2 (zigzag 3)
        assertThat(recordsFailure(batchWithSection(0, 1, record(3, 0, 0))))
            .hasMessageContaining("negative key length -2").hasMessageContaining("at byte 65");
        // null key, value length -7 (zigzag 13)
        assertThat(recordsFailure(batchWithSection(0, 1, record(1, 13, 0))))
            .hasMessageContaining("negative value length -7");
        // null key, null value, header count -1
        assertThat(recordsFailure(batchWithSection(0, 1, record(1, 1, 1))))
            .hasMessageContaining("header count -1");
        // one header with a null key
        assertThat(recordsFailure(batchWithSection(0, 1, record(1, 1, 2, 1, 1))))
            .hasMessageContaining("negative header key length -1");
    }

    @Test
    void hugeDeclaredLengthsDoNotAllocate() {
        ByteBuf batch = sampleBatch(Compression.NONE, 2);
        batch.setInt(RecordBatch.LENGTH_OFFSET, Integer.MAX_VALUE);
        assertThatThrownBy(() -> RecordBatch.wrap(batch)).isInstanceOf(InvalidRecordException.class)
            .hasMessageContaining("batchLength 2147483647");
        RecordBatches batches = RecordBatches.of(batch);
        assertThat(list(batches)).isEmpty();
        assertThat(batches.hasPartialTail()).isTrue();
        assertThat(batches.sizeOfCompleteBatches()).isZero();

        ByteBuf hugeKey = Unpooled.buffer().writeByte(0);
        Varints.writeVarlong(hugeKey, 0);
        Varints.writeVarint(hugeKey, 0);
        Varints.writeVarint(hugeKey, 1 << 30);
        ByteBuf section = Unpooled.buffer();
        Varints.writeVarint(section, hugeKey.readableBytes() + 2);
        section.writeBytes(hugeKey).writeZero(2);
        assertThat(recordsFailure(batchWithSection(0, 1, section)))
            .hasMessageContaining("key length 1073741824 exceeds");

        ByteBuf hugeHeaders = record(1, 1, 0xfe, 0xff, 0xff, 0xff, 0x07);
        assertThat(recordsFailure(batchWithSection(0, 1, hugeHeaders))).hasMessageContaining("header count");

        ByteBuf hugeRecordCount = sampleBatch(Compression.NONE, 1).setInt(RecordBatch.RECORDS_COUNT_OFFSET,
            Integer.MAX_VALUE);
        assertThat(recordsFailure(hugeRecordCount)).hasMessageContaining("declares 2147483647 records");
    }

    @Test
    void batchLengthBelowMinimumIsCorrupt() {
        ByteBuf batch = sampleBatch(Compression.NONE, 1);
        batch.setInt(RecordBatch.LENGTH_OFFSET, 10);
        assertThatThrownBy(() -> list(RecordBatches.of(batch)))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.corrupt()).isTrue())
            .hasMessageContaining("below the minimum of 49");
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void recordCountMismatchIsRejected(Compression compression) {
        ByteBuf raw = recordsSection(sampleBatch(Compression.NONE, 3));
        assertThat(recordsFailure(batchAround(compression, 4, raw.duplicate())))
            .hasMessageContaining("declares 4 records but its records end after 3");
        assertThat(recordsFailure(batchAround(compression, 2, raw.duplicate())))
            .hasMessageContaining("bytes follow the last of the 2 declared records");
        assertThat(recordsFailure(batchAround(compression, -1, raw.duplicate())))
            .hasMessageContaining("negative recordsCount -1");
        assertThat(list(RecordBatch.wrap(batchAround(compression, 3, raw.duplicate())).records())).hasSize(3);
    }

    @Test
    void recordLengthThatDisagreesWithItsContentIsRejected() {
        ByteBuf section = record(1, 1, 0);
        section.setByte(0, section.getByte(0) + 2);
        section.writeZero(2);
        assertThat(recordsFailure(batchWithSection(0, 1, section))).hasMessageContaining("disagrees");
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void decompressionStopsAtTheLimit(Compression compression) {
        ByteBuf raw = recordsSection(sampleBatch(Compression.NONE, 200));
        RecordBatch batch = RecordBatch.wrap(batchAround(compression, 200, raw.duplicate()));
        assertThatThrownBy(() -> list(batch.records(raw.readableBytes() - 1)))
            .isInstanceOf(InvalidRecordException.class).hasMessageContaining("limit");
        assertThat(list(batch.records(raw.readableBytes()))).hasSize(200);
    }

    @Test
    void gzipBombIsStoppedByTheDefaultLimit() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 80; i++) {
                gzip.write(zeros);
            }
        }
        ByteBuf batch = batchWithSection(Compression.GZIP.id(), 1, Unpooled.wrappedBuffer(bytes.toByteArray()));
        assertThat(bytes.size()).isLessThan(200_000);
        assertThatThrownBy(() -> list(RecordBatch.wrap(batch).records()))
            .isInstanceOf(InvalidRecordException.class)
            .hasMessageContaining("more than the limit of " + RecordBatch.DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void truncatedCompressedSectionIsRejected(Compression compression) {
        ByteBuf raw = recordsSection(sampleBatch(Compression.NONE, 20));
        ByteBuf compressed = Unpooled.buffer();
        CompressionCodec.of(compression).compress(raw, compressed);
        ByteBuf cut = compressed.slice(0, compressed.readableBytes() - 5);
        assertThat(recordsFailure(batchWithSection(compression.id(), 20, cut)))
            .hasMessageContaining("cannot decompress the " + compression.configName());
    }
}
