package io.tributary.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.common.Header;
import io.tributary.protocol.record.Compression;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * The records of one benchmark batch and the code that builds them with Tributary and with kafka-clients, shared by
 * {@link RecordBatchBuildBenchmark} and {@link RecordBatchIterateBenchmark}.
 *
 * <p>A batch holds {@code 16 KiB / valueSize} records (163 of 100 B, 16 of 1 KiB), each with a 13-byte key, one
 * 8-byte-key/16-byte-value header and a value of text-like words (the batch compresses 1.7x with lz4 to 3.5x with
 * gzip); timestamps rise by 1 ms. Both sides get the same arrays, write an idempotent-producer batch (producer id,
 * epoch and base sequence set) with CreateTime and base offset 0, and use their default compression level: gzip
 * {@code Deflater.DEFAULT_COMPRESSION} (zlib 6), lz4 the fast compressor, zstd level 3, snappy has none.
 * {@link #verify} checks that each side reads the other's batch back to the same records. Immutable after
 * construction; not shared between threads by the benchmarks.
 */
final class RecordBatchFixture {
    /** Value bytes per batch. */
    static final int BATCH_VALUE_BYTES = 16 * 1024;
    /** Capacity of the buffers both sides build into: room for the largest batch, so neither side grows. */
    static final int BUFFER_CAPACITY = 32 * 1024;

    private static final long PRODUCER_ID = 4242L;
    private static final short PRODUCER_EPOCH = 3;
    private static final int BASE_SEQUENCE = 100;
    private static final long BASE_TIMESTAMP = 1_700_000_000_000L;
    private static final String[] WORDS = {
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima",
        "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey",
        "xray", "yankee", "zulu", "\"id\":", "\"amount\":", "\"status\":", "\"ok\"", "{", "}", ",", "0", "1", "2",
        "3", "4", "5", "6", "7", "8", "9"};

    final int count;
    final long[] timestamps;
    final byte[][] keys;
    final byte[][] values;
    final List<List<Header>> headers;
    final org.apache.kafka.common.header.Header[][] kafkaHeaders;
    final Compression compression;
    final org.apache.kafka.common.compress.Compression kafkaCompression;

    /**
     * @param valueSize bytes per value
     * @param codec     a {@code compression.type} name: none, gzip, snappy, lz4, zstd
     */
    RecordBatchFixture(int valueSize, String codec) {
        Random random = new Random(31L * valueSize + codec.hashCode());
        count = BATCH_VALUE_BYTES / valueSize;
        timestamps = new long[count];
        keys = new byte[count][];
        values = new byte[count][];
        headers = new ArrayList<>(count);
        kafkaHeaders = new org.apache.kafka.common.header.Header[count][];
        for (int i = 0; i < count; i++) {
            timestamps[i] = BASE_TIMESTAMP + i;
            keys[i] = String.format("user-%08d", random.nextInt(100_000_000)).getBytes(StandardCharsets.UTF_8);
            values[i] = text(random, valueSize);
            byte[] traceId = new byte[16];
            random.nextBytes(traceId);
            headers.add(List.of(new Header("trace-id", traceId)));
            kafkaHeaders[i] = new org.apache.kafka.common.header.Header[] {new RecordHeader("trace-id", traceId)};
        }
        compression = Compression.forConfigName(codec);
        kafkaCompression = org.apache.kafka.common.compress.Compression.of(codec).build();
    }

    private static byte[] text(Random random, int size) {
        StringBuilder text = new StringBuilder(size + 16);
        while (text.length() < size) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** Builds the batch with Tributary's builder; the caller releases the returned buffer. */
    ByteBuf buildTributary(ByteBufAllocator allocator) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(allocator)
            .initialCapacity(BUFFER_CAPACITY)
            .compression(compression)
            .producer(PRODUCER_ID, PRODUCER_EPOCH, BASE_SEQUENCE);
        for (int i = 0; i < count; i++) {
            builder.append(timestamps[i], keys[i], values[i], headers.get(i));
        }
        return builder.build();
    }

    /**
     * Builds the batch as the Java producer does (RecordAccumulator and ProducerBatch): a builder over a buffer
     * from its pool, one {@code append} per record, the producer state, then {@code build()}.
     *
     * @param buffer a reusable buffer, cleared here; the result shares its memory
     */
    MemoryRecords buildKafka(ByteBuffer buffer) {
        buffer.clear();
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer,
            org.apache.kafka.common.record.internal.RecordBatch.CURRENT_MAGIC_VALUE, kafkaCompression,
            TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < count; i++) {
            builder.append(timestamps[i], keys[i], values[i], kafkaHeaders[i]);
        }
        builder.setProducerState(PRODUCER_ID, PRODUCER_EPOCH, BASE_SEQUENCE, false);
        return builder.build();
    }

    /** The Kafka-built batch as a standalone array, for benchmarks that read it. */
    byte[] kafkaBatchBytes() {
        ByteBuffer batch = buildKafka(ByteBuffer.allocate(BUFFER_CAPACITY)).buffer();
        byte[] bytes = new byte[batch.remaining()];
        batch.get(bytes);
        return bytes;
    }

    /**
     * Checks that both sides build equivalent batches: the same record count, valid CRCs, and each side reading the
     * other's batch back to exactly these records.
     *
     * @return a one-line summary with both batch sizes
     * @throws IllegalStateException on any difference
     */
    String verify() {
        ByteBuf ours = buildTributary(ByteBufAllocator.DEFAULT);
        try {
            byte[] ourBytes = ByteBufUtil.getBytes(ours);
            byte[] kafkaBytes = kafkaBatchBytes();
            readWithTributary(kafkaBytes, "kafka-clients' batch");
            readWithTributary(ourBytes, "Tributary's batch");
            readWithKafka(ourBytes, "Tributary's batch");
            readWithKafka(kafkaBytes, "kafka-clients' batch");
            return String.format("%s x %d records: Tributary %d bytes, kafka-clients %d bytes%s", compression,
                count, ourBytes.length, kafkaBytes.length,
                Arrays.equals(ourBytes, kafkaBytes) ? " (byte-identical)" : "");
        } finally {
            ours.release();
        }
    }

    private void readWithTributary(byte[] bytes, String what) {
        RecordBatch batch = RecordBatch.wrap(Unpooled.wrappedBuffer(bytes));
        batch.ensureValid();
        check(batch.recordsCount() == count, what, "record count " + batch.recordsCount());
        check(batch.compression() == compression, what, "compression " + batch.compression());
        check(batch.producerId() == PRODUCER_ID && batch.baseSequence() == BASE_SEQUENCE, what, "producer fields");
        int i = 0;
        for (Record record : batch.records()) {
            check(record.offset() == i && record.timestamp() == timestamps[i], what, "offset/timestamp of " + i);
            check(Arrays.equals(record.keyBytes(), keys[i]), what, "key of record " + i);
            check(Arrays.equals(record.valueBytes(), values[i]), what, "value of record " + i);
            check(record.headers().equals(headers.get(i)), what, "headers of record " + i);
            i++;
        }
        check(i == count, what, i + " records read by Tributary");
    }

    private void readWithKafka(byte[] bytes, String what) {
        int i = 0;
        for (MutableRecordBatch batch : MemoryRecords.readableRecords(ByteBuffer.wrap(bytes)).batches()) {
            batch.ensureValid();
            check(batch.countOrNull() == count, what, "record count " + batch.countOrNull());
            check(batch.compressionType() == kafkaCompression.type(), what, "compression " + batch.compressionType());
            check(batch.producerId() == PRODUCER_ID && batch.baseSequence() == BASE_SEQUENCE, what, "producer fields");
            try (CloseableIterator<org.apache.kafka.common.record.internal.Record> records =
                     batch.streamingIterator(BufferSupplier.NO_CACHING)) {
                while (records.hasNext()) {
                    org.apache.kafka.common.record.internal.Record record = records.next();
                    check(record.offset() == i && record.timestamp() == timestamps[i], what,
                        "offset/timestamp of " + i);
                    check(ByteBuffer.wrap(keys[i]).equals(record.key()), what, "key of record " + i);
                    check(ByteBuffer.wrap(values[i]).equals(record.value()), what, "value of record " + i);
                    check(Arrays.equals(record.headers(), kafkaHeaders[i]), what, "headers of record " + i);
                    i++;
                }
            }
        }
        check(i == count, what, i + " records read by kafka-clients");
    }

    private static void check(boolean condition, String what, String problem) {
        if (!condition) {
            throw new IllegalStateException(what + " differs: " + problem);
        }
    }
}
