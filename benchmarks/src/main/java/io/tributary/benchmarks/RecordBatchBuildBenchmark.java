package io.tributary.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.internal.MemoryRecords;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Builds one producer record batch (magic 2) of about 16 KiB of values, compressed or not, with Tributary's
 * {@code RecordBatchBuilder} (pooled Netty allocator, buffer released after each build) and with kafka-clients'
 * {@code MemoryRecordsBuilder} over a reused heap {@code ByteBuffer}, as the Java producer's accumulator does with
 * a buffer from its pool. Both append the same keys, values, timestamps and headers from arrays (see
 * {@link RecordBatchFixture}); setup checks that each side reads the other's batch back to the same records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordBatchBuildBenchmark {
    @Param({"100", "1024"})
    public int valueSize;

    @Param({"none", "gzip", "snappy", "lz4", "zstd"})
    public String codec;

    private RecordBatchFixture fixture;
    private ByteBuffer kafkaBuffer;

    @Setup
    public void setUp() {
        fixture = new RecordBatchFixture(valueSize, codec);
        System.out.println(fixture.verify());
        kafkaBuffer = ByteBuffer.allocate(RecordBatchFixture.BUFFER_CAPACITY);
    }

    /** Appends every record, compresses, writes the header and CRC; returns the batch size. */
    @Benchmark
    public int buildTributary() {
        ByteBuf batch = fixture.buildTributary(PooledByteBufAllocator.DEFAULT);
        int size = batch.readableBytes();
        batch.release();
        return size;
    }

    /** Appends every record through the codec's output stream, closes it, writes the header and CRC. */
    @Benchmark
    public MemoryRecords buildKafkaClients() {
        return fixture.buildKafka(kafkaBuffer);
    }
}
