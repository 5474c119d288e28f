package io.tributary.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Kafka's size-prefixed frames split and joined in every way TCP may deliver them. */
final class FrameDecoderTest {

    @Test
    void framesCutAtEveryPossiblePlaceComeOutWholeAndInOrder() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            List<byte[]> frames = new ArrayList<>();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                byte[] frame = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(5000)];
                random.nextBytes(frame);
                frames.add(frame);
                stream.writeBytes(ByteBuffer.allocate(4).putInt(frame.length).array());
                stream.writeBytes(frame);
            }
            byte[] bytes = stream.toByteArray();
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1 << 20));
            List<ByteBuf> chunks = new ArrayList<>();
            for (int at = 0; at < bytes.length;) {
                int n = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 3 : 3000));
                ByteBuf chunk = Unpooled.copiedBuffer(bytes, at, n);
                chunks.add(chunk);
                channel.writeInbound(chunk);
                at += n;
            }
            for (byte[] expected : frames) {
                ByteBuf frame = channel.readInbound();
                assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(expected);
                frame.release();
            }
            assertThat((Object) channel.readInbound()).isNull();
            assertThat(chunks).allSatisfy(c -> assertThat(c.refCnt()).isZero());
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aFrameLargerThanTheLimitFailsBeforeItsBytesArriveAndTheRestIsIgnored() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
        ByteBuf header = Unpooled.buffer().writeInt(1025).writeBytes(new byte[10]);
        assertThatThrownBy(() -> channel.writeInbound(header))
            .isInstanceOf(TooLongFrameException.class)
            .hasMessageContaining("1025 bytes")
            .hasMessageContaining("max.response.bytes (1024)");
        assertThat(header.refCnt()).isZero();
        ByteBuf more = Unpooled.buffer().writeInt(1).writeByte(7);
        channel.writeInbound(more);
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(more.refCnt()).isZero();
    }

    @Test
    void aNegativeSizeIsACorruptFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(-5)))
            .isInstanceOf(CorruptedFrameException.class)
            .hasMessageContaining("negative size -5");
    }

    @Test
    void aDetachedSliceOutlivesItsFrameWithoutACopy() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
        channel.writeInbound(Unpooled.buffer().writeInt(6).writeBytes(new byte[] {1, 2, 3, 4, 5, 6}));
        ByteBuf frame = channel.readInbound();
        byte[] array = frame.array();
        ByteBuf detached = FrameDecoder.detached(frame.slice(2, 3));
        frame.release();
        assertThat(ByteBufUtil.getBytes(detached)).containsExactly(3, 4, 5);
        assertThat(detached.array()).isSameAs(array);

        ByteBuf direct = Unpooled.directBuffer().writeBytes(new byte[] {9, 8, 7});
        ByteBuf copy = FrameDecoder.detached(direct.slice(1, 2));
        direct.release();
        assertThat(ByteBufUtil.getBytes(copy)).containsExactly(8, 7);
    }
}
