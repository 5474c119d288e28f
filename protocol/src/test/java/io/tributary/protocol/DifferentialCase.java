package io.tributary.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.message.ConsumerProtocolAssignment;
import io.tributary.protocol.message.ConsumerProtocolSubscription;
import io.tributary.protocol.message.RequestHeader;
import io.tributary.protocol.message.ResponseHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.types.Schema;

/**
 * One message kind in one version, with both codecs: ours (generated from Tributary's definitions) and the
 * reference (kafka-clients' generated classes and schemas).
 */
record DifferentialCase(String label, short version, Schema kafkaSchema,
                        Supplier<org.apache.kafka.common.protocol.Message> kafkaFactory,
                        BiFunction<ByteBuf, Short, Message> ourReader) {

    /** Decodes with kafka-clients and re-encodes with kafka-clients; fails if not every byte was consumed. */
    byte[] kafkaRoundTrip(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        org.apache.kafka.common.protocol.Message m = kafkaFactory.get();
        m.read(new ByteBufferAccessor(buffer), version);
        if (buffer.hasRemaining()) {
            throw new AssertionError(label + ": kafka-clients left " + buffer.remaining() + " bytes unread");
        }
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer out = ByteBuffer.allocate(m.size(cache, version));
        m.write(new ByteBufferAccessor(out), cache, version);
        return out.array();
    }

    /** Decodes with our codec; fails if not every byte was consumed. */
    Message ourRead(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        Message m = ourReader.apply(in, version);
        if (in.isReadable()) {
            throw new AssertionError(label + ": our codec left " + in.readableBytes() + " bytes unread");
        }
        return m;
    }

    byte[] ourWrite(Message m) {
        ByteBuf out = Unpooled.buffer();
        m.write(out, version);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Every case this codec supports that kafka-clients can check; {@code uncovered} collects the rest. */
    static List<DifferentialCase> all(List<String> uncovered) {
        List<DifferentialCase> cases = new ArrayList<>();
        for (ApiKey key : ApiKey.values()) {
            ApiMessageType kafka = ApiMessageType.fromApiKey(key.id());
            for (short v = key.versions().lowest(); v <= key.versions().highest(); v++) {
                Schema[] requests = kafka.requestSchemas();
                Schema[] responses = kafka.responseSchemas();
                if (v >= requests.length || requests[v] == null) {
                    uncovered.add(key.apiName() + " v" + v);
                    continue;
                }
                cases.add(new DifferentialCase(key.apiName() + "Request v" + v, v, requests[v], kafka::newRequest,
                    (in, ver) -> ApiMessages.readRequest(key, ver, in)));
                cases.add(new DifferentialCase(key.apiName() + "Response v" + v, v, responses[v], kafka::newResponse,
                    (in, ver) -> ApiMessages.readResponse(key, ver, in)));
            }
        }
        for (short v = RequestHeader.LOWEST_VERSION; v <= RequestHeader.HIGHEST_VERSION; v++) {
            if (v >= RequestHeaderData.SCHEMAS.length || RequestHeaderData.SCHEMAS[v] == null) {
                uncovered.add("RequestHeader v" + v);
                continue;
            }
            cases.add(new DifferentialCase("RequestHeader v" + v, v, RequestHeaderData.SCHEMAS[v],
                RequestHeaderData::new, RequestHeader::read));
        }
        for (short v = ResponseHeader.LOWEST_VERSION; v <= ResponseHeader.HIGHEST_VERSION; v++) {
            cases.add(new DifferentialCase("ResponseHeader v" + v, v, ResponseHeaderData.SCHEMAS[v],
                ResponseHeaderData::new, ResponseHeader::read));
        }
        for (short v = ConsumerProtocolSubscription.LOWEST_VERSION; v <= ConsumerProtocolSubscription.HIGHEST_VERSION;
             v++) {
            cases.add(new DifferentialCase("ConsumerProtocolSubscription v" + v, v,
                org.apache.kafka.common.message.ConsumerProtocolSubscription.SCHEMAS[v],
                org.apache.kafka.common.message.ConsumerProtocolSubscription::new, ConsumerProtocolSubscription::read));
        }
        for (short v = ConsumerProtocolAssignment.LOWEST_VERSION; v <= ConsumerProtocolAssignment.HIGHEST_VERSION;
             v++) {
            cases.add(new DifferentialCase("ConsumerProtocolAssignment v" + v, v,
                org.apache.kafka.common.message.ConsumerProtocolAssignment.SCHEMAS[v],
                org.apache.kafka.common.message.ConsumerProtocolAssignment::new, ConsumerProtocolAssignment::read));
        }
        return cases;
    }
}
