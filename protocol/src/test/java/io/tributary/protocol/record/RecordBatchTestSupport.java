package io.tributary.protocol.record;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tributary.common.Header;
import io.tributary.protocol.internal.CompressionCodec;
import io.tributary.protocol.internal.Crc32c;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the record tests. */
final class RecordBatchTestSupport {
    static final long TIMESTAMP = 1_700_000_000_000L;

    private RecordBatchTestSupport() {
    }

    static <T> List<T> list(Iterable<T> items) {
        List<T> out = new ArrayList<>();
        items.forEach(out::add);
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An unpooled heap batch of {@code count} small records with headers. */
    static ByteBuf sampleBatch(Compression compression, int count) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(new UnpooledByteBufAllocator(false))
            .compression(compression)
            .baseOffset(100);
        for (int i = 0; i < count; i++) {
            builder.append(TIMESTAMP + i, utf8("key-" + i), utf8("value-" + i + "-".repeat(i)),
                List.of(new Header("h" + i, utf8("v" + i))));
        }
        return builder.build();
    }

    /** The raw (uncompressed) records section of an uncompressed batch. */
    static ByteBuf recordsSection(ByteBuf uncompressedBatch) {
        return Unpooled.copiedBuffer(uncompressedBatch.slice(RecordBatch.HEADER_SIZE,
            uncompressedBatch.readableBytes() - RecordBatch.HEADER_SIZE));
    }

    /**
     * A batch with a valid header (CRC included) around {@code rawRecords}, which are compressed with
     * {@code compression} first; {@code count} is written as recordsCount unchanged.
     */
    static ByteBuf batchAround(Compression compression, int count, ByteBuf rawRecords) {
        ByteBuf section = rawRecords;
        if (compression != Compression.NONE) {
            section = Unpooled.buffer();
            CompressionCodec.of(compression).compress(rawRecords, section);
        }
        return batchWithSection(compression.id(), count, section);
    }

    /** A batch with a valid header (CRC included) around an already encoded {@code section}. */
    static ByteBuf batchWithSection(int compressionId, int count, ByteBuf section) {
        ByteBuf batch = Unpooled.buffer(RecordBatch.HEADER_SIZE + section.readableBytes());
        batch.writeLong(0L);
        batch.writeInt(RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD + section.readableBytes());
        batch.writeInt(-1);
        batch.writeByte(RecordBatch.MAGIC);
        batch.writeInt(0);
        batch.writeShort(compressionId);
        batch.writeInt(Math.max(0, count - 1));
        batch.writeLong(TIMESTAMP);
        batch.writeLong(TIMESTAMP);
        batch.writeLong(-1L);
        batch.writeShort(-1);
        batch.writeInt(-1);
        batch.writeInt(count);
        batch.writeBytes(section, section.readerIndex(), section.readableBytes());
        return restampCrc(batch);
    }

    /** Recomputes the CRC of a batch after its bytes were changed. */
    static ByteBuf restampCrc(ByteBuf batch) {
        int size = batch.writerIndex();
        batch.setInt(RecordBatch.CRC_OFFSET, Crc32c.compute(batch, RecordBatch.ATTRIBUTES_OFFSET,
            size - RecordBatch.ATTRIBUTES_OFFSET));
        return batch;
    }

    /** Reads every field of every batch and record; what a consumer would do. */
    static int consumeAll(ByteBuf buffer, int maxDecompressedBytes) {
        int records = 0;
        RecordBatches batches = RecordBatches.of(buffer);
        batches.hasPartialTail();
        for (RecordBatch batch : batches) {
            batch.isValid();
            batch.timestampType();
            batch.lastOffset();
            batch.lastSequence();
            batch.compression();
            batch.toString();
            for (Record r : batch.records(maxDecompressedBytes)) {
                r.keyBytes();
                r.valueBytes();
                r.headers().size();
                if (batch.isControl() && r.key() != null && r.key().readableBytes() >= 4) {
                    ControlRecordType.parse(r.key());
                }
                records++;
            }
        }
        return records;
    }
}
