package io.tributary.serdes.registry;

import io.tributary.serdes.SerializationException;
import java.nio.ByteBuffer;

/**
 * The framing that registry-aware serializers put around a payload: magic byte 0, then the schema id as a 4-byte
 * big-endian integer, then the payload (for Protobuf, the message-index list comes first in the payload).
 *
 * @since 0.1
 */
public final class WireFormat {
    /** The only magic byte there is. */
    public static final byte MAGIC = 0;
    /** Bytes before the payload. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The framed bytes. */
    public static byte[] frame(int schemaId, byte[] payload) {
        return ByteBuffer.allocate(HEADER_SIZE + payload.length).put(MAGIC).putInt(schemaId).put(payload).array();
    }

    /**
     * The schema id of framed bytes.
     *
     * @throws SerializationException naming the topic if the bytes do not start with the magic byte and an id
     */
    public static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("not schema-registry framed data in " + topic + ": only " + data.length
                + " bytes");
        }
        if (data[0] != MAGIC) {
            throw new SerializationException("not schema-registry framed data in " + topic + ": magic byte "
                + data[0] + " instead of 0");
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }

    /** The payload after the header, without copying. */
    public static ByteBuffer payload(byte[] data) {
        return ByteBuffer.wrap(data, HEADER_SIZE, data.length - HEADER_SIZE).slice();
    }
}
