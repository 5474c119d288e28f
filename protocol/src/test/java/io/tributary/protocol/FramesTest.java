package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.ResponseHeader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class FramesTest {

    @Test
    void largeRecordSetsAreReferencedNotCopiedAndTheFrameDecodesBack() {
        ByteBuf records = Unpooled.directBuffer(64 * 1024).writeZero(64 * 1024).setByte(100, 7);
        List<FetchResponse.PartitionData> partitions = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            partitions.add(new FetchResponse.PartitionData().partitionIndex(p).highWatermark(10).records(records));
        }
        List<FetchResponse.FetchableTopicResponse> topics = new ArrayList<>();
        topics.add(new FetchResponse.FetchableTopicResponse().topic("t").partitions(partitions));
        FetchResponse response = new FetchResponse().responses(topics);

        ByteBuf frame = Frames.encodeResponse(ByteBufAllocator.DEFAULT, response, (short) 12, 99);
        assertThat(records.refCnt()).as("one reference per partition").isEqualTo(4);

        ByteBuf copy = Unpooled.copiedBuffer(frame);
        frame.release();
        assertThat(records.refCnt()).isEqualTo(1);

        ByteBuf body = Frames.readFrame(copy, Frames.DEFAULT_MAX_FRAME_BYTES);
        assertThat(body).isNotNull();
        ResponseHeader header = RequestHeaders.readResponseHeader(body, ApiKey.FETCH, (short) 12);
        assertThat(header.correlationId()).isEqualTo(99);
        assertThat(ApiMessages.readResponse(ApiKey.FETCH, (short) 12, body)).isEqualTo(response);
    }

    @Test
    void smallRecordSetsAreCopiedIntoOneBuffer() {
        ByteBuf records = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        List<FetchResponse.PartitionData> partitions = new ArrayList<>();
        partitions.add(new FetchResponse.PartitionData().records(records));
        List<FetchResponse.FetchableTopicResponse> topics = new ArrayList<>();
        topics.add(new FetchResponse.FetchableTopicResponse().topic("t").partitions(partitions));
        ByteBuf frame = Frames.encodeResponse(ByteBufAllocator.DEFAULT, new FetchResponse().responses(topics),
            (short) 4, 1);
        assertThat(records.refCnt()).isEqualTo(1);
        assertThat(frame.getInt(0)).isEqualTo(frame.readableBytes() - 4);
        frame.release();
    }
}
