package io.tributary.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.Frames;
import io.tributary.protocol.message.ProduceRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.protocol.SendBuilder;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestHeader;
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
 * Encodes and decodes a Produce request (v9, flexible) carrying one 16 KiB batch per partition, with Tributary's
 * generated codec and with kafka-clients' generated message classes. Both encode into a buffer and decode from one;
 * record bytes stay opaque on both sides, as a broker keeps them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProduceRequestCodecBenchmark {
    private static final short VERSION = 9;

    @Param({"8"})
    public int partitions;

    private ProduceRequest ours;
    private ProduceRequestData kafka;
    private ByteBuf encoded;
    private ByteBuffer encodedNio;

    @Setup
    public void setUp() {
        byte[] batch = new byte[16 * 1024];
        new Random(42).nextBytes(batch);
        List<ProduceRequest.PartitionProduceData> ourPartitions = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ourPartitions.add(new ProduceRequest.PartitionProduceData().index(p)
                .records(Unpooled.wrappedBuffer(batch)));
        }
        List<ProduceRequestData.PartitionProduceData> kafkaPartitionList = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            kafkaPartitionList.add(new ProduceRequestData.PartitionProduceData().setIndex(p)
                .setRecords(MemoryRecords.readableRecords(ByteBuffer.wrap(batch))));
        }
        List<ProduceRequest.TopicProduceData> topics = new ArrayList<>();
        topics.add(new ProduceRequest.TopicProduceData().name("benchmark-topic").partitionData(ourPartitions));
        ours = new ProduceRequest().acks((short) -1).timeoutMs(30_000).topicData(topics);

        ProduceRequestData.TopicProduceDataCollection kafkaTopics = new ProduceRequestData.TopicProduceDataCollection();
        kafkaTopics.add(new ProduceRequestData.TopicProduceData().setName("benchmark-topic")
            .setPartitionData(kafkaPartitionList));
        kafka = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000).setTopicData(kafkaTopics);

        encoded = Unpooled.buffer();
        ours.write(encoded, VERSION);
        encodedNio = Codecs.kafkaEncode(kafka, VERSION);
        if (!encodedNio.equals(encoded.nioBuffer())) {
            throw new IllegalStateException("codecs disagree on the encoded request");
        }
    }

    /** Encoding into one exact-size pooled heap buffer that copies the records; {@code frame*} copies none. */
    @Benchmark
    public int encodeTributary() {
        return Codecs.encodeTributary(ours, VERSION);
    }

    /** Whole frame, the way the client sends it: records referenced, not copied. */
    @Benchmark
    public int frameTributary() {
        ByteBuf[] parts = Frames.encodeRequestParts(PooledByteBufAllocator.DEFAULT, ours, VERSION, 42, "bench");
        return Codecs.release(parts);
    }

    /** Whole frame, the way Kafka's network layer builds it (SendBuilder): records referenced, not copied. */
    @Benchmark
    public Send frameKafkaClients() {
        return SendBuilder.buildRequestSend(new RequestHeader(ApiKeys.PRODUCE, VERSION, "bench", 42), kafka);
    }

    /** Encoding into one exact-size buffer that copies the records (size pass, then write). */
    @Benchmark
    public int encodeKafkaClients() {
        return Codecs.kafkaEncode(kafka, VERSION).remaining();
    }

    @Benchmark
    public ProduceRequest decodeTributary() {
        return ProduceRequest.read(encoded.duplicate(), VERSION);
    }

    @Benchmark
    public ProduceRequestData decodeKafkaClients() {
        return new ProduceRequestData(new ByteBufferAccessor(encodedNio.duplicate()), VERSION);
    }

    /** Kafka-clients' serialization path: size with a cache, then write into an exact-size buffer. */
}
