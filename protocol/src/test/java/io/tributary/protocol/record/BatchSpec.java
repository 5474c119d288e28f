package io.tributary.protocol.record;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.common.Header;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.jspecify.annotations.Nullable;

/** A randomly generated batch, written by either implementation, for the differential tests. */
record BatchSpec(io.tributary.protocol.record.Compression compression, boolean logAppendTime, long baseOffset,
                 int partitionLeaderEpoch, long producerId, short producerEpoch, int baseSequence,
                 boolean transactional, List<Rec> records) {
    static final long LOG_APPEND_TIME = 1_750_000_000_123L;

    /** One record of a spec. */
    record Rec(long timestamp, byte @Nullable [] key, byte @Nullable [] value, List<Header> headers) {
    }

    static Arbitrary<BatchSpec> arbitrary() {
        Arbitrary<byte[]> bytes = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
                Arbitraries.bytes().array(byte[].class).ofMinSize(100).ofMaxSize(3000).map(BatchSpec::repetitive))
            .injectNull(0.15);
        Arbitrary<Header> header = Combinators.combine(
                Arbitraries.strings().alpha().numeric().withChars('é', '€', '-', '.', ' ').ofMaxLength(12),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).injectNull(0.2))
            .as(Header::new);
        Arbitrary<Long> timestamp = Arbitraries.oneOf(Arbitraries.longs().between(0, 4_000_000_000_000L),
            Arbitraries.just(-1L), Arbitraries.longs().between(1_700_000_000_000L, 1_700_000_100_000L));
        Arbitrary<Rec> rec = Combinators.combine(timestamp, bytes, bytes, header.list().ofMaxSize(3)).as(Rec::new);
        Arbitrary<int[]> producer = Arbitraries.oneOf(Arbitraries.just(new int[] {-1, -1, -1, 0}),
            Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE),
                    Arbitraries.integers().between(0, Short.MAX_VALUE),
                    Arbitraries.oneOf(Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(Integer.MAX_VALUE - 20, Integer.MAX_VALUE)),
                    Arbitraries.integers().between(0, 1))
                .as((id, epoch, seq, txn) -> new int[] {id, epoch, seq, txn}));
        return Combinators.combine(Arbitraries.of(io.tributary.protocol.record.Compression.class),
                Arbitraries.of(true, false),
                Arbitraries.longs().between(0, Long.MAX_VALUE / 2),
                Arbitraries.integers().between(-1, 1000),
                producer,
                rec.list().ofMinSize(1).ofMaxSize(25))
            .as((c, lat, base, ple, p, recs) -> new BatchSpec(c, lat, base, ple, p[0], (short) p[1], p[2],
                p[3] == 1, recs));
    }

    private static byte[] repetitive(byte[] seed) {
        byte[] out = seed.clone();
        for (int i = 16; i < out.length; i++) {
            out[i] = out[i % 16];
        }
        return out;
    }

    List<org.apache.kafka.common.header.Header> kafkaHeaders(Rec rec) {
        return rec.headers().stream()
            .map(h -> (org.apache.kafka.common.header.Header) new RecordHeader(h.key(), h.value()))
            .toList();
    }

    /** Writes this spec with kafka-clients' MemoryRecordsBuilder. */
    ByteBuffer writeWithKafka() {
        Compression codec = compression == io.tributary.protocol.record.Compression.NONE ? Compression.NONE
            : Compression.of(CompressionType.forId(compression.id())).build();
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(256),
            org.apache.kafka.common.record.internal.RecordBatch.MAGIC_VALUE_V2, codec,
            logAppendTime ? org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME
                : org.apache.kafka.common.record.TimestampType.CREATE_TIME,
            baseOffset, logAppendTime ? LOG_APPEND_TIME : -1L, producerId, producerEpoch, baseSequence,
            transactional, false, partitionLeaderEpoch);
        for (Rec r : records) {
            builder.append(r.timestamp(), r.key(), r.value(),
                kafkaHeaders(r).toArray(new org.apache.kafka.common.header.Header[0]));
        }
        return builder.build().buffer();
    }

    /** Writes this spec with our builder. */
    ByteBuf writeWithTributary(ByteBufAllocator allocator) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(allocator)
            .compression(compression)
            .baseOffset(baseOffset)
            .partitionLeaderEpoch(partitionLeaderEpoch)
            .producer(producerId, producerEpoch, baseSequence)
            .transactional(transactional);
        if (logAppendTime) {
            builder.logAppendTime(LOG_APPEND_TIME);
        }
        for (Rec r : records) {
            builder.append(r.timestamp(), r.key(), r.value(), r.headers());
        }
        return builder.build();
    }

    long expectedTimestamp(Rec rec) {
        return logAppendTime ? LOG_APPEND_TIME : rec.timestamp();
    }

    int expectedSequence(int index) {
        return RecordIterator.sequence(baseSequence, index);
    }
}
