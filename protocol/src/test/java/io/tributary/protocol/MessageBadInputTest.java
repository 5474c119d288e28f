package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.ProduceRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Malformed bodies, headers and frames give a precise exception, never an allocation the size of a lie. */
final class MessageBadInputTest {

    @Test
    void truncatedBodyNamesApiVersionAndOffset() {
        ByteBuf valid = encode(produceRequest(), (short) 9);
        ByteBuf truncated = valid.slice(0, valid.readableBytes() - 3);
        assertThatThrownBy(() -> ApiMessages.readRequest(ApiKey.PRODUCE, (short) 9, truncated))
            .isInstanceOfSatisfying(MessageDecodeException.class, e -> {
                assertThat(e.apiKey()).isEqualTo(ApiKey.PRODUCE);
                assertThat(e.version()).isEqualTo((short) 9);
                assertThat(e.offset()).isBetween(0, truncated.capacity());
            })
            .hasMessageContaining("Produce (key 0) request v9 at byte");
    }

    @Test
    void hugeDeclaredRecordsLengthIsRejectedBeforeAllocating() {
        // Produce v3: TransactionalId null, acks, timeout, 1 topic "t", 1 partition 0, records length 2 GB.
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(
            "ffff" + "ffff" + "00007530" + "00000001" + "000174" + "00000001" + "00000000" + "7fffffff" + "00"));
        assertThatThrownBy(() -> ApiMessages.readRequest(ApiKey.PRODUCE, (short) 3, in))
            .isInstanceOf(MessageDecodeException.class)
            .hasMessageContaining("Records declares 2147483647 bytes but only 1 remain");
    }

    @Test
    void hugeArrayCountIsRejectedBeforeAllocating() {
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("ffff" + "0001" + "00007530" + "7ffffff0"));
        assertThatThrownBy(() -> ApiMessages.readRequest(ApiKey.PRODUCE, (short) 3, in))
            .isInstanceOf(MessageDecodeException.class)
            .hasMessageContaining("TopicData declares 2147483632 elements");
    }

    @Test
    void negativeLengthOfNonNullableFieldIsRejected() {
        // Produce v3 with topic name length -1: names are not nullable.
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("ffff0001000075300000" + "0001" + "ffff"));
        assertThatThrownBy(() -> ApiMessages.readRequest(ApiKey.PRODUCE, (short) 3, in))
            .isInstanceOf(MessageDecodeException.class)
            .hasMessageContaining("Name is null but not nullable");
        ByteBuf negative = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("ffff0001000075300000" + "0001" + "fff0"));
        assertThatThrownBy(() -> ApiMessages.readRequest(ApiKey.PRODUCE, (short) 3, negative))
            .isInstanceOf(MessageDecodeException.class)
            .hasMessageContaining("Name has negative length -16");
    }

    @Test
    void varintLongerThanFiveBytesIsMalformed() {
        // Produce v9 (flexible): compact TransactionalId with a six-byte varint length.
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("ffffffffff7f"));
        assertThatThrownBy(() -> ApiMessages.readRequest(ApiKey.PRODUCE, (short) 9, in))
            .isInstanceOf(MessageDecodeException.class)
            .hasMessageContaining("varint is longer than 5 bytes");
    }

    @Test
    void unsupportedVersionIsNamed() {
        ByteBuf in = Unpooled.buffer();
        assertThatThrownBy(() -> ApiMessages.readRequest(ApiKey.PRODUCE, (short) 2, in))
            .isInstanceOf(UnsupportedVersionException.class)
            .hasMessageContaining("Produce request v2 is not supported; this codec has versions 3-13");
        assertThatThrownBy(() -> ApiMessages.readResponse(ApiKey.FETCH, (short) 99, in))
            .isInstanceOf(UnsupportedVersionException.class);
    }

    @Test
    void unknownApiKeyIsNotAnApi() {
        assertThat(ApiKey.forId(4)).isNull();
        assertThat(ApiKey.forId(-1)).isNull();
        assertThat(ApiKey.forId(Short.MAX_VALUE)).isNull();
        assertThat(ApiKey.forId(0)).isEqualTo(ApiKey.PRODUCE);
        // The header of an unknown API still parses (as v1), so a broker can log it before closing.
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("0004" + "0000" + "0000002a" + "0000"));
        assertThat(RequestHeaders.readRequestHeader(in).correlationId()).isEqualTo(42);
    }

    @Test
    void truncatedHeaderIsMalformed() {
        assertThatThrownBy(() -> RequestHeaders.readRequestHeader(Unpooled.wrappedBuffer(new byte[] {0, 3})))
            .isInstanceOf(MessageDecodeException.class);
        ByteBuf clientIdCut = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("0003000c00000001" + "0010" + "6162"));
        assertThatThrownBy(() -> RequestHeaders.readRequestHeader(clientIdCut))
            .isInstanceOf(MessageDecodeException.class)
            .hasMessageContaining("ClientId declares 16 bytes but only 2 remain");
    }

    @Test
    void framesCheckTheDeclaredSizeBeforeReading() {
        ByteBuf twoGigabytes = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("7fffffff00"));
        assertThatThrownBy(() -> Frames.readFrame(twoGigabytes, Frames.DEFAULT_MAX_FRAME_BYTES))
            .isInstanceOf(FrameTooLargeException.class)
            .hasMessageContaining("2147483647 bytes exceeds the limit of 104857600");
        ByteBuf negative = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("ffffff00"));
        assertThatThrownBy(() -> Frames.readFrame(negative, 1024)).isInstanceOf(FrameTooLargeException.class)
            .hasMessageContaining("negative size");
        ByteBuf partial = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("0000000a0102"));
        assertThat(Frames.readFrame(partial, 1024)).isNull();
        assertThat(partial.readerIndex()).isZero();
    }

    @Test
    void encodedFramesDecodeBack() {
        ProduceRequest request = produceRequest();
        ByteBuf frame = Frames.encodeRequest(Unpooled.buffer().alloc(), request, (short) 9, 77, "app");
        ByteBuf body = Frames.readFrame(frame, 1 << 20);
        assertThat(body).isNotNull();
        assertThat(RequestHeaders.readRequestHeader(body).correlationId()).isEqualTo(77);
        assertThat(ApiMessages.readRequest(ApiKey.PRODUCE, (short) 9, body)).isEqualTo(request);
    }

    @Test
    void writingANullIntoANonNullableFieldFailsClearly() {
        FetchResponse response = new FetchResponse().responses(null);
        assertThatThrownBy(() -> encode(response, (short) 12)).isInstanceOf(NullPointerException.class)
            .hasMessageContaining("Responses is null but not nullable");
    }

    static ProduceRequest produceRequest() {
        List<ProduceRequest.PartitionProduceData> partitions = new ArrayList<>();
        partitions.add(new ProduceRequest.PartitionProduceData().index(0)
            .records(Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
        List<ProduceRequest.TopicProduceData> topics = new ArrayList<>();
        topics.add(new ProduceRequest.TopicProduceData().name("orders").partitionData(partitions));
        return new ProduceRequest().acks((short) -1).timeoutMs(30_000).topicData(topics);
    }

    static ByteBuf encode(Message m, short version) {
        ByteBuf out = Unpooled.buffer();
        m.write(out, version);
        return out;
    }
}
