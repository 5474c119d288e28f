package io.tributary.protocol.record;

import static io.tributary.protocol.record.RecordBatchTestSupport.batchAround;
import static io.tributary.protocol.record.RecordBatchTestSupport.consumeAll;
import static io.tributary.protocol.record.RecordBatchTestSupport.recordsSection;
import static io.tributary.protocol.record.RecordBatchTestSupport.sampleBatch;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated bytes fed to batch and record iteration: the only acceptable outcomes are records or an
 * {@link InvalidRecordException}; never another exception, an endless loop or an outsized allocation.
 */
final class RecordBatchFuzzTest {
    private static final int LIMIT = 1 << 20;
    private static final List<byte[]> VALID = validBatches();
    private static final List<byte[]> RAW_SECTIONS = List.of(
        ByteBufUtil.getBytes(recordsSection(sampleBatch(Compression.NONE, 1))),
        ByteBufUtil.getBytes(recordsSection(sampleBatch(Compression.NONE, 5))));

    private static List<byte[]> validBatches() {
        List<byte[]> out = new ArrayList<>();
        for (Compression c : Compression.values()) {
            out.add(ByteBufUtil.getBytes(sampleBatch(c, 1)));
            out.add(ByteBufUtil.getBytes(sampleBatch(c, 6)));
        }
        out.add(ByteBufUtil.getBytes(RecordBatchBuilder.endTransactionMarker(UnpooledByteBufAllocator.DEFAULT,
            new EndTransactionMarker(ControlRecordType.ABORT, 3), 0, 0, 1, (short) 0, 0)));
        return out;
    }

    private static void consumeOrReject(byte[] bytes) {
        try {
            assertThat(consumeAll(Unpooled.wrappedBuffer(bytes), LIMIT)).isNotNegative();
        } catch (InvalidRecordException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations && bytes.length > 0; i++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(5)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] = (byte) 0xff;
                case 2 -> bytes[at] = (byte) (bytes[at] ^ (1 << random.nextInt(8)));
                case 3 -> {
                    int field = Math.min(at, bytes.length - 4);
                    if (field >= 0) {
                        Unpooled.wrappedBuffer(bytes).setInt(field, random.nextBoolean() ? random.nextInt()
                            : random.nextInt(200) - 100);
                    }
                }
                default -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            }
        }
        return bytes;
    }

    @Property(tries = 3000)
    void randomBytesNeverBreakIteration(@ForAll @Size(max = 300) byte[] bytes) {
        consumeOrReject(bytes);
    }

    @Property(tries = 3000)
    void randomBytesBehindAValidHeaderNeverBreakIteration(@ForAll @Size(max = 200) byte[] section,
                                                          @ForAll long seed) {
        Random random = new Random(seed);
        Compression compression = Compression.forId(random.nextInt(5));
        int count = random.nextInt(4);
        ByteBuf batch = RecordBatchTestSupport.batchWithSection(compression.id(), count,
            Unpooled.wrappedBuffer(section));
        consumeOrReject(ByteBufUtil.getBytes(batch));
    }

    @Property(tries = 5000)
    void mutatedValidBatchesNeverBreakIteration(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] valid = VALID.get(random.nextInt(VALID.size()));
        byte[] bytes = mutate(valid, random);
        if (random.nextBoolean()) {
            bytes = ByteBufUtil.getBytes(Unpooled.wrappedBuffer(bytes, valid));
        }
        consumeOrReject(bytes);
    }

    @Property(tries = 3000)
    void mutatedRecordsInsideEveryCodecNeverBreakIteration(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] raw = mutate(RAW_SECTIONS.get(random.nextInt(RAW_SECTIONS.size())), random);
        Compression compression = Compression.forId(random.nextInt(5));
        ByteBuf batch = batchAround(compression, 1 + random.nextInt(6), Unpooled.wrappedBuffer(raw));
        consumeOrReject(ByteBufUtil.getBytes(batch));
    }
}
