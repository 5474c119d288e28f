package io.tributary.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.tributary.protocol.Message;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/** Encoding steps the codec benchmarks share, so that both sides of each comparison do the same work. */
final class Codecs {
    private Codecs() {
    }

    /** kafka-clients: size pass, then write into one exact-size heap buffer. */
    static ByteBuffer kafkaEncode(org.apache.kafka.common.protocol.Message message, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer buffer = ByteBuffer.allocate(message.size(cache, version));
        message.write(new ByteBufferAccessor(buffer), cache, version);
        buffer.flip();
        return buffer;
    }

    /**
     * Tributary: size pass, then write into one exact-size pooled heap buffer that copies the records. Heap, because
     * Netty's pool returns a megabyte-sized direct chunk to the OS when its last buffer goes, and maps it again on
     * the next call.
     */
    static int encodeTributary(Message message, short version) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer(message.size(version));
        try {
            message.write(out, version);
            return out.readableBytes();
        } finally {
            out.release();
        }
    }

    /** Releases the parts of an encoded frame; their number. */
    static int release(ByteBuf[] parts) {
        for (ByteBuf part : parts) {
            part.release();
        }
        return parts.length;
    }
}
