package io.tributary.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tributary.common.Header;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;

/** Differential tests against kafka-clients 4.3.1: each implementation reads what the other writes. */
final class RecordBatchKafkaInteropTest {

    @Provide
    Arbitrary<BatchSpec> specs() {
        return BatchSpec.arbitrary();
    }

    @Property(tries = 150)
    void readsBatchesWrittenByKafkaClients(@ForAll("specs") BatchSpec spec, @ForAll boolean direct) {
        ByteBuffer kafkaBytes = spec.writeWithKafka();
        MutableRecordBatch kafkaBatch = MemoryRecords.readableRecords(kafkaBytes.duplicate()).batches().iterator()
            .next();
        ByteBuf buf = direct ? Unpooled.directBuffer(kafkaBytes.remaining()).writeBytes(kafkaBytes.duplicate())
            : Unpooled.wrappedBuffer(kafkaBytes.duplicate());

        List<RecordBatch> batches = RecordBatchTestSupport.list(RecordBatches.of(buf));
        assertThat(batches).hasSize(1);
        RecordBatch ours = batches.get(0);
        ours.ensureValid();
        assertThat(ours.crc()).isEqualTo(kafkaBatch.checksum());
        assertThat(ours.attributes()).isEqualTo(kafkaBytes.getShort(kafkaBytes.position() + 21));
        assertThat(ours.baseOffset()).isEqualTo(kafkaBatch.baseOffset());
        assertThat(ours.lastOffset()).isEqualTo(kafkaBatch.lastOffset());
        assertThat(ours.sizeInBytes()).isEqualTo(kafkaBatch.sizeInBytes());
        assertThat(ours.partitionLeaderEpoch()).isEqualTo(kafkaBatch.partitionLeaderEpoch());
        assertThat(ours.maxTimestamp()).isEqualTo(kafkaBatch.maxTimestamp());
        assertThat(ours.compression().id()).isEqualTo((int) kafkaBatch.compressionType().id);
        assertThat(ours.timestampType().id()).isEqualTo(kafkaBatch.timestampType().id);
        assertThat(ours.isTransactional()).isEqualTo(kafkaBatch.isTransactional());
        assertThat(ours.isControl()).isEqualTo(kafkaBatch.isControlBatch());
        assertThat(ours.producerId()).isEqualTo(kafkaBatch.producerId());
        assertThat(ours.producerEpoch()).isEqualTo(kafkaBatch.producerEpoch());
        assertThat(ours.baseSequence()).isEqualTo(kafkaBatch.baseSequence());
        assertThat(ours.lastSequence()).isEqualTo(kafkaBatch.lastSequence());
        assertThat(ours.recordsCount()).isEqualTo(kafkaBatch.countOrNull());

        List<Record> records = RecordBatchTestSupport.list(ours.records());
        Iterator<org.apache.kafka.common.record.internal.Record> theirs = kafkaBatch.iterator();
        for (Record r : records) {
            org.apache.kafka.common.record.internal.Record k = theirs.next();
            assertThat(r.offset()).isEqualTo(k.offset());
            assertThat(r.timestamp()).isEqualTo(k.timestamp());
            assertThat(r.sequence()).isEqualTo(k.sequence());
            assertThat(r.keyBytes()).isEqualTo(bytes(k.key()));
            assertThat(r.valueBytes()).isEqualTo(bytes(k.value()));
            assertThat(r.headers()).isEqualTo(headers(k.headers()));
        }
        assertThat(theirs.hasNext()).isFalse();
    }

    @Property(tries = 150)
    void kafkaClientsReadBatchesWeWrite(@ForAll("specs") BatchSpec spec, @ForAll boolean pooled) {
        ByteBufAllocator allocator = pooled ? PooledByteBufAllocator.DEFAULT : new UnpooledByteBufAllocator(false);
        ByteBuf batch = spec.writeWithTributary(allocator);
        try {
            MemoryRecords memoryRecords = MemoryRecords.readableRecords(batch.nioBuffer());
            List<MutableRecordBatch> batches = new ArrayList<>();
            memoryRecords.batches().forEach(batches::add);
            assertThat(batches).hasSize(1);
            MutableRecordBatch theirs = batches.get(0);
            theirs.ensureValid();
            assertThat(theirs.magic()).isEqualTo((byte) 2);
            assertThat((int) theirs.compressionType().id).isEqualTo(spec.compression().id());
            assertThat(theirs.baseOffset()).isEqualTo(spec.baseOffset());
            assertThat(theirs.lastOffset()).isEqualTo(spec.baseOffset() + spec.records().size() - 1);
            assertThat(theirs.partitionLeaderEpoch()).isEqualTo(spec.partitionLeaderEpoch());
            assertThat(theirs.producerId()).isEqualTo(spec.producerId());
            assertThat(theirs.producerEpoch()).isEqualTo(spec.producerEpoch());
            assertThat(theirs.baseSequence()).isEqualTo(spec.baseSequence());
            assertThat(theirs.isTransactional()).isEqualTo(spec.transactional());
            assertThat(theirs.isControlBatch()).isFalse();
            assertThat(theirs.timestampType().id).isEqualTo(spec.logAppendTime() ? 1 : 0);
            assertThat(theirs.maxTimestamp()).isEqualTo(spec.logAppendTime() ? BatchSpec.LOG_APPEND_TIME
                : spec.records().stream().mapToLong(BatchSpec.Rec::timestamp).max().orElseThrow());

            int i = 0;
            for (org.apache.kafka.common.record.internal.Record k : theirs) {
                BatchSpec.Rec expected = spec.records().get(i);
                assertThat(k.offset()).isEqualTo(spec.baseOffset() + i);
                assertThat(k.timestamp()).isEqualTo(spec.expectedTimestamp(expected));
                assertThat(k.sequence()).isEqualTo(spec.expectedSequence(i));
                assertThat(bytes(k.key())).isEqualTo(expected.key());
                assertThat(bytes(k.value())).isEqualTo(expected.value());
                assertThat(headers(k.headers())).isEqualTo(expected.headers());
                i++;
            }
            assertThat(i).isEqualTo(spec.records().size());

            if (spec.compression() == Compression.NONE) {
                ByteBuffer kafkaBytes = spec.writeWithKafka();
                assertThat(ByteBufUtil.hexDump(batch)).isEqualTo(ByteBufUtil.hexDump(Unpooled.wrappedBuffer(
                    kafkaBytes)));
            }
        } finally {
            batch.release();
        }
    }

    @Property(tries = 40)
    void controlBatchesRoundTripBothWays(@ForAll boolean commit, @ForAll int coordinatorEpoch,
                                         @ForAll("offsets") long baseOffset) {
        ControlRecordType type = commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT;
        org.apache.kafka.common.record.internal.ControlRecordType kafkaType = commit
            ? org.apache.kafka.common.record.internal.ControlRecordType.COMMIT
            : org.apache.kafka.common.record.internal.ControlRecordType.ABORT;
        MemoryRecords kafka = MemoryRecords.withEndTransactionMarker(baseOffset, 1_700_000_000_000L, 7, 4242L,
            (short) 3, new org.apache.kafka.common.record.internal.EndTransactionMarker(kafkaType, coordinatorEpoch));
        ByteBuf ours = RecordBatchBuilder.endTransactionMarker(UnpooledByteBufAllocator.DEFAULT,
            new EndTransactionMarker(type, coordinatorEpoch), baseOffset, 1_700_000_000_000L, 4242L, (short) 3, 7);
        try {
            assertThat(ByteBufUtil.hexDump(ours)).isEqualTo(ByteBufUtil.hexDump(Unpooled.wrappedBuffer(
                kafka.buffer())));

            RecordBatch read = RecordBatch.wrap(Unpooled.wrappedBuffer(kafka.buffer()));
            read.ensureValid();
            assertThat(read.isControl()).isTrue();
            assertThat(read.isTransactional()).isTrue();
            Record record = RecordBatchTestSupport.list(read.records()).get(0);
            assertThat(EndTransactionMarker.read(record)).isEqualTo(new EndTransactionMarker(type, coordinatorEpoch));
            assertThat(ControlRecordType.parse(record.key())).isEqualTo(type);

            MutableRecordBatch theirs = MemoryRecords.readableRecords(ours.nioBuffer()).batches().iterator().next();
            theirs.ensureValid();
            assertThat(theirs.isControlBatch()).isTrue();
            org.apache.kafka.common.record.internal.EndTransactionMarker marker =
                org.apache.kafka.common.record.internal.EndTransactionMarker.deserialize(theirs.iterator().next());
            assertThat(marker.controlType()).isEqualTo(kafkaType);
            assertThat(marker.coordinatorEpoch()).isEqualTo(coordinatorEpoch);
        } finally {
            ours.release();
        }
    }

    @Provide
    Arbitrary<Long> offsets() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE / 2);
    }

    private static byte @Nullable [] bytes(@Nullable ByteBuffer buffer) {
        return buffer == null ? null : Utils.toArray(buffer);
    }

    private static List<Header> headers(org.apache.kafka.common.header.Header[] kafkaHeaders) {
        List<Header> out = new ArrayList<>();
        for (org.apache.kafka.common.header.Header h : kafkaHeaders) {
            out.add(new Header(h.key(), h.value()));
        }
        return out;
    }
}
