package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.message.ApiVersionsRequest;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.RequestHeader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte-exact examples of PROTOCOL.md, encoded and decoded by our codec. */
final class WorkedBytesTest {

    @Test
    void apiVersionsV3RequestWithHeaderV2() {
        ByteBuf out = Unpooled.buffer();
        RequestHeaders.writeRequestHeader(out, ApiKey.API_VERSIONS, (short) 3, 7, "c1");
        new ApiVersionsRequest().clientSoftwareName("x").clientSoftwareVersion("1").write(out, (short) 3);
        assertThat(hex(out)).isEqualTo("0012" + "0003" + "00000007" + "00026331" + "00" + "0278" + "0231" + "00");

        RequestHeader header = RequestHeaders.readRequestHeader(out);
        assertThat(header.requestApiKey()).isEqualTo(ApiKey.API_VERSIONS.id());
        assertThat(header.correlationId()).isEqualTo(7);
        assertThat(header.clientId()).isEqualTo("c1");
        ApiVersionsRequest body = (ApiVersionsRequest) ApiMessages.readRequest(ApiKey.API_VERSIONS, (short) 3, out);
        assertThat(body.clientSoftwareName()).isEqualTo("x");
        assertThat(out.isReadable()).isFalse();
    }

    @Test
    void apiVersionsV2RequestWithNullClientId() {
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("0012000200000007ffff"));
        RequestHeader header = RequestHeaders.readRequestHeader(in);
        assertThat(header.clientId()).isNull();
        assertThat(header.requestApiVersion()).isEqualTo((short) 2);
        ApiMessages.readRequest(ApiKey.API_VERSIONS, (short) 2, in);
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void requestHeaderV0HasNoClientId() {
        ByteBuf out = Unpooled.buffer();
        new RequestHeader().requestApiKey((short) 7).requestApiVersion((short) 0).correlationId(5).clientId("ignored")
            .write(out, (short) 0);
        assertThat(hex(out)).isEqualTo("0007" + "0000" + "00000005");
        RequestHeader back = RequestHeader.read(out, (short) 0);
        assertThat(back.clientId()).isEmpty();
        assertThat(back.correlationId()).isEqualTo(5);
    }

    @Test
    void apiVersionsResponseHeaderIsV0EvenForFlexibleVersions() {
        assertThat(ApiKey.API_VERSIONS.responseHeaderVersion((short) 3)).isZero();
        assertThat(ApiKey.API_VERSIONS.requestHeaderVersion((short) 3)).isEqualTo((short) 2);
        // A client newer than us: the header is still parsed as v2 so the broker can answer.
        assertThat(ApiKey.API_VERSIONS.requestHeaderVersion((short) 9)).isEqualTo((short) 2);
        assertThat(ApiKey.METADATA.responseHeaderVersion((short) 9)).isEqualTo((short) 1);
        assertThat(ApiKey.METADATA.responseHeaderVersion((short) 8)).isZero();
    }

    @Test
    void unsupportedVersionFallbackBodyIsV0WithOnlyTheApiVersionsEntry() {
        ByteBuf out = Unpooled.buffer();
        new ApiVersionsResponse()
            .errorCode(ErrorCode.UNSUPPORTED_VERSION.code())
            .apiKeys(new java.util.ArrayList<>(List.of(new ApiVersionsResponse.ApiVersion()
                .apiKey(ApiKey.API_VERSIONS.id()).minVersion((short) 0).maxVersion((short) 4))))
            .write(out, (short) 0);
        assertThat(hex(out)).isEqualTo("0023" + "00000001" + "0012" + "0000" + "0004");
    }

    @Test
    void metadataV12AllTopicsBody() {
        ByteBuf out = Unpooled.buffer();
        new MetadataRequest().topics(null).allowAutoTopicCreation(true).write(out, (short) 12);
        assertThat(hex(out)).isEqualTo("00" + "01" + "00" + "00");
    }

    private static String hex(ByteBuf b) {
        return ByteBufUtil.hexDump(b);
    }
}
