package io.tributary.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.record.InvalidRecordException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.utils.ByteUtils;
import org.junit.jupiter.api.Test;

/** Record varints against kafka-clients' {@code ByteUtils}. */
final class VarintsTest {

    @Property(tries = 2000)
    void varintMatchesKafkaBytesAndRoundTrips(@ForAll int value) {
        ByteBuffer kafka = ByteBuffer.allocate(5);
        ByteUtils.writeVarint(value, kafka);
        kafka.flip();
        ByteBuf ours = Unpooled.buffer();
        Varints.writeVarint(ours, value);
        assertThat(ByteBufUtil.getBytes(ours)).isEqualTo(ByteBufUtil.getBytes(Unpooled.wrappedBuffer(kafka)));
        assertThat(Varints.sizeOfVarint(value)).isEqualTo(ByteUtils.sizeOfVarint(value))
            .isEqualTo(ours.readableBytes());
        assertThat(Varints.readVarint(ours)).isEqualTo(value);
        assertThat(ours.isReadable()).isFalse();
    }

    @Property(tries = 2000)
    void varlongMatchesKafkaBytesAndRoundTrips(@ForAll long value) {
        ByteBuffer kafka = ByteBuffer.allocate(10);
        ByteUtils.writeVarlong(value, kafka);
        kafka.flip();
        ByteBuf ours = Unpooled.buffer();
        Varints.writeVarlong(ours, value);
        assertThat(ByteBufUtil.getBytes(ours)).isEqualTo(ByteBufUtil.getBytes(Unpooled.wrappedBuffer(kafka)));
        assertThat(Varints.sizeOfVarlong(value)).isEqualTo(ByteUtils.sizeOfVarlong(value))
            .isEqualTo(ours.readableBytes());
        assertThat(Varints.readVarlong(ours)).isEqualTo(value);
    }

    @Test
    void extremesHaveTheExpectedSizes() {
        assertThat(Varints.sizeOfVarint(0)).isEqualTo(1);
        assertThat(Varints.sizeOfVarint(-1)).isEqualTo(1);
        assertThat(Varints.sizeOfVarint(63)).isEqualTo(1);
        assertThat(Varints.sizeOfVarint(64)).isEqualTo(2);
        assertThat(Varints.sizeOfVarint(Integer.MIN_VALUE)).isEqualTo(5);
        assertThat(Varints.sizeOfVarlong(Long.MAX_VALUE)).isEqualTo(10);
    }

    @Test
    void varintLongerThanFiveBytesIsRejectedWithItsIndex() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {9, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, 0});
        in.skipBytes(1);
        assertThatThrownBy(() -> Varints.readVarint(in))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.byteOffset()).isEqualTo(1))
            .hasMessageContaining("longer than 5 bytes");
    }

    @Test
    void varintOverflowingThirtyTwoBitsIsRejected() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x10});
        assertThatThrownBy(() -> Varints.readVarint(in)).hasMessageContaining("overflows 32 bits");
        ByteBuf max = Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
        assertThat(Varints.readVarint(max)).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void varlongLongerThanTenBytesOrOverflowingIsRejected() {
        byte[] eleven = new byte[11];
        Arrays.fill(eleven, (byte) 0x80);
        assertThatThrownBy(() -> Varints.readVarlong(Unpooled.wrappedBuffer(eleven)))
            .hasMessageContaining("longer than 10 bytes");
        byte[] overflow = new byte[10];
        Arrays.fill(overflow, (byte) 0xff);
        overflow[9] = 0x02;
        assertThatThrownBy(() -> Varints.readVarlong(Unpooled.wrappedBuffer(overflow)))
            .hasMessageContaining("overflows 64 bits");
    }

    @Test
    void truncatedVarintRunsOutOfBytes() {
        assertThatThrownBy(() -> Varints.readVarint(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80})))
            .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
