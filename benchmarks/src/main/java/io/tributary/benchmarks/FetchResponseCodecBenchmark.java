package io.tributary.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.Frames;
import io.tributary.protocol.message.FetchResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.protocol.SendBuilder;
import org.apache.kafka.common.requests.ResponseHeader;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encodes and decodes a 1 MiB Fetch response (v12, flexible; 16 partitions of 64 KiB records) with Tributary's
 * generated codec and with kafka-clients' generated message classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FetchResponseCodecBenchmark {
    private static final short VERSION = 12;
    private static final int PARTITIONS = 16;

    private FetchResponse ours;
    private FetchResponseData kafka;
    private ByteBuf encoded;
    private ByteBuffer encodedNio;

    @Setup
    public void setUp() {
        byte[] records = new byte[64 * 1024];
        new Random(7).nextBytes(records);
        List<FetchResponse.PartitionData> ourPartitions = new ArrayList<>();
        List<FetchResponseData.PartitionData> kafkaPartitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            ourPartitions.add(new FetchResponse.PartitionData().partitionIndex(p).highWatermark(1_000_000L + p)
                .lastStableOffset(1_000_000L + p).logStartOffset(0).records(Unpooled.wrappedBuffer(records)));
            kafkaPartitions.add(new FetchResponseData.PartitionData().setPartitionIndex(p)
                .setHighWatermark(1_000_000L + p).setLastStableOffset(1_000_000L + p).setLogStartOffset(0)
                .setRecords(MemoryRecords.readableRecords(ByteBuffer.wrap(records))));
        }
        List<FetchResponse.FetchableTopicResponse> topics = new ArrayList<>();
        topics.add(new FetchResponse.FetchableTopicResponse().topic("benchmark-topic").partitions(ourPartitions));
        ours = new FetchResponse().sessionId(12).responses(topics);
        List<FetchResponseData.FetchableTopicResponse> kafkaTopics = new ArrayList<>();
        kafkaTopics.add(new FetchResponseData.FetchableTopicResponse().setTopic("benchmark-topic")
            .setPartitions(kafkaPartitions));
        kafka = new FetchResponseData().setSessionId(12).setResponses(kafkaTopics);

        encoded = Unpooled.buffer();
        ours.write(encoded, VERSION);
        encodedNio = Codecs.kafkaEncode(kafka, VERSION);
        if (!encodedNio.equals(encoded.nioBuffer())) {
            throw new IllegalStateException("codecs disagree on the encoded response");
        }
    }

    /** Encoding into one exact-size pooled heap buffer that copies the records; {@code frame*} copies none. */
    @Benchmark
    public int encodeTributary() {
        return Codecs.encodeTributary(ours, VERSION);
    }

    /** Whole frame, the way the broker sends it: records referenced, not copied. */
    @Benchmark
    public int frameTributary() {
        ByteBuf[] parts = Frames.encodeResponseParts(PooledByteBufAllocator.DEFAULT, ours, VERSION, 42);
        return Codecs.release(parts);
    }

    /** Whole frame, the way Kafka's network layer builds it (SendBuilder): records referenced, not copied. */
    @Benchmark
    public Send frameKafkaClients() {
        return SendBuilder.buildResponseSend(new ResponseHeader(42, (short) 1), kafka, VERSION);
    }

    /** Encoding into one exact-size buffer that copies the records (size pass, then write). */
    @Benchmark
    public int encodeKafkaClients() {
        return Codecs.kafkaEncode(kafka, VERSION).remaining();
    }

    @Benchmark
    public FetchResponse decodeTributary() {
        return FetchResponse.read(encoded.duplicate(), VERSION);
    }

    @Benchmark
    public FetchResponseData decodeKafkaClients() {
        return new FetchResponseData(new ByteBufferAccessor(encodedNio.duplicate()), VERSION);
    }
}
