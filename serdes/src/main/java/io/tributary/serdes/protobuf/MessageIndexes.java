package io.tributary.serdes.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import io.tributary.serdes.SerializationException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The message-index list of the Protobuf wire format: which message of the schema file a payload holds, as the path
 * of indexes from the file's top-level messages down through nested ones. Written as zigzag varints, a count then
 * the indexes, with the common case (the first top-level message) shortened to a single 0 byte.
 */
final class MessageIndexes {
    private MessageIndexes() {
    }

    /** The path of {@code message} within its file. */
    static List<Integer> of(Descriptor message) {
        List<Integer> path = new ArrayList<>();
        Descriptor d = message;
        while (d.getContainingType() != null) {
            path.add(0, d.getIndex());
            d = d.getContainingType();
        }
        path.add(0, d.getIndex());
        return path;
    }

    static byte[] write(List<Integer> path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (path.size() == 1 && path.get(0) == 0) {
            out.write(0);
            return out.toByteArray();
        }
        writeZigzag(out, path.size());
        for (int index : path) {
            writeZigzag(out, index);
        }
        return out.toByteArray();
    }

    /** Reads the list at the buffer's position, leaving it at the message bytes. */
    static List<Integer> read(ByteBuffer in, String topic) {
        int count = readZigzag(in, topic);
        if (count == 0) {
            return List.of(0);
        }
        if (count < 0 || count > 100) {
            throw new SerializationException("bad Protobuf message-index count " + count + " in " + topic);
        }
        List<Integer> path = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            path.add(readZigzag(in, topic));
        }
        return path;
    }

    private static void writeZigzag(ByteArrayOutputStream out, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int readZigzag(ByteBuffer in, String topic) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!in.hasRemaining()) {
                throw new SerializationException("truncated Protobuf message-index list in " + topic);
            }
            byte b = in.get();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new SerializationException("malformed Protobuf message-index varint in " + topic);
    }
}
