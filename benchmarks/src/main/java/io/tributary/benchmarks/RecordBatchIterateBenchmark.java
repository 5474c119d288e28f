package io.tributary.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.common.Header;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;
import org.apache.kafka.common.utils.Utils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reads every record of one batch of about 16 KiB of values (decompressing it when compressed), handing offset,
 * timestamp, key, value and each header's key and value to a {@link Blackhole}: Tributary's
 * {@code RecordBatch.wrap(buf).records()} against kafka-clients' {@code MemoryRecords.readableRecords(buf).batches()}
 * and each batch's {@code streamingIterator} with a reused {@link BufferSupplier}, which is how the Java consumer's
 * fetch collector reads records. Both read the same bytes (the batch kafka-clients built, see
 * {@link RecordBatchFixture}) from a heap array; neither checks the CRC. Kafka-clients decodes header keys and copies
 * header values lazily, on {@code key()} and {@code value()}; Tributary does both while parsing, so both are read.
 * The {@code ...ToArrays} variants copy key and value into arrays, which is what both consumers do with byte-array
 * deserializers ({@code Record.keyBytes()} against kafka-clients' {@code Utils.toArray} of the value buffer);
 * {@code iterateTributaryToArraysThroughSlices} copies from the slices instead, as Tributary's consumer did before
 * records kept positions rather than slices.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordBatchIterateBenchmark {
    @Param({"100", "1024"})
    public int valueSize;

    @Param({"none", "gzip", "snappy", "lz4", "zstd"})
    public String codec;

    private ByteBuf ours;
    private ByteBuffer kafka;
    private BufferSupplier bufferSupplier;

    @Setup
    public void setUp() {
        RecordBatchFixture fixture = new RecordBatchFixture(valueSize, codec);
        System.out.println(fixture.verify());
        byte[] batch = fixture.kafkaBatchBytes();
        ours = Unpooled.wrappedBuffer(batch);
        kafka = ByteBuffer.wrap(batch);
        bufferSupplier = BufferSupplier.create();
    }

    @TearDown
    public void tearDown() {
        bufferSupplier.close();
    }

    @Benchmark
    public int iterateTributary(Blackhole bh) {
        int n = 0;
        for (Record record : RecordBatch.wrap(ours).records()) {
            bh.consume(record.offset());
            bh.consume(record.timestamp());
            bh.consume(record.key());
            bh.consume(record.value());
            for (Header header : record.headers()) {
                bh.consume(header.key());
                bh.consume(header.value());
            }
            n++;
        }
        return n;
    }

    @Benchmark
    public int iterateKafkaClients(Blackhole bh) {
        int n = 0;
        for (MutableRecordBatch batch : MemoryRecords.readableRecords(kafka.duplicate()).batches()) {
            try (CloseableIterator<org.apache.kafka.common.record.internal.Record> records =
                     batch.streamingIterator(bufferSupplier)) {
                while (records.hasNext()) {
                    org.apache.kafka.common.record.internal.Record record = records.next();
                    bh.consume(record.offset());
                    bh.consume(record.timestamp());
                    bh.consume(record.key());
                    bh.consume(record.value());
                    for (org.apache.kafka.common.header.Header header : record.headers()) {
                        bh.consume(header.key());
                        bh.consume(header.value());
                    }
                    n++;
                }
            }
        }
        return n;
    }

    @Benchmark
    public int iterateTributaryToArrays(Blackhole bh) {
        int n = 0;
        for (Record record : RecordBatch.wrap(ours).records()) {
            bh.consume(record.offset());
            bh.consume(record.keyBytes());
            bh.consume(record.valueBytes());
            n++;
        }
        return n;
    }

    @Benchmark
    public int iterateTributaryToArraysThroughSlices(Blackhole bh) {
        int n = 0;
        for (Record record : RecordBatch.wrap(ours).records()) {
            bh.consume(record.offset());
            ByteBuf key = record.key();
            ByteBuf value = record.value();
            bh.consume(key == null ? null : ByteBufUtil.getBytes(key));
            bh.consume(value == null ? null : ByteBufUtil.getBytes(value));
            n++;
        }
        return n;
    }

    @Benchmark
    public int iterateKafkaClientsToArrays(Blackhole bh) {
        int n = 0;
        for (MutableRecordBatch batch : MemoryRecords.readableRecords(kafka.duplicate()).batches()) {
            try (CloseableIterator<org.apache.kafka.common.record.internal.Record> records =
                     batch.streamingIterator(bufferSupplier)) {
                while (records.hasNext()) {
                    org.apache.kafka.common.record.internal.Record record = records.next();
                    bh.consume(record.offset());
                    bh.consume(record.hasKey() ? Utils.toArray(record.key()) : null);
                    bh.consume(record.hasValue() ? Utils.toArray(record.value()) : null);
                    n++;
                }
            }
        }
        return n;
    }
}
