package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated bytes fed to every decoder: the only acceptable outcomes are a message or a
 * {@link MessageDecodeException}; never another exception, an endless loop or an outsized allocation.
 */
final class MessageFuzzTest {
    private static final List<DifferentialCase> CASES = DifferentialCase.all(new ArrayList<>());

    @Property(tries = 10_000)
    void randomBytesNeverBreakADecoder(@ForAll @IntRange(min = 0, max = 10_000) int caseIndex,
                                       @ForAll @Size(max = 64) byte[] bytes) {
        DifferentialCase c = CASES.get(caseIndex % CASES.size());
        decodeOrReject(c, bytes);
    }

    @Property(tries = 10_000)
    void mutatedValidMessagesNeverBreakADecoder(@ForAll @IntRange(min = 0, max = 10_000) int caseIndex,
                                                @ForAll long seed) {
        DifferentialCase c = CASES.get(caseIndex % CASES.size());
        Random random = new Random(seed);
        byte[] bytes = new KafkaSchemaRandomWriter(random).generate(c.kafkaSchema());
        if (bytes.length == 0) {
            return;
        }
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations && bytes.length > 0; i++) {
            switch (random.nextInt(3)) {
                case 0 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                case 1 -> bytes[random.nextInt(bytes.length)] = (byte) 0xff;
                default -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            }
        }
        decodeOrReject(c, bytes);
    }

    private static void decodeOrReject(DifferentialCase c, byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            Message m = c.ourReader().apply(in, c.version());
            assertThat(m).isNotNull();
        } catch (MessageDecodeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (IndexOutOfBoundsException e) {
            // Only the raw struct readers (headers, consumer-protocol structs) surface this; ApiMessages wraps it.
            assertThat(c.label()).doesNotContain("Request v").doesNotContain("Response v");
        }
    }
}
